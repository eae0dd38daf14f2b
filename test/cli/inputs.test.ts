// What the CLI reads: regular files and `-` (standard input), each with a cap; devices, pipes and sockets are refused
// in one line with exit 2 instead of hanging (a FIFO) or filling memory (/dev/zero).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccnet } from '../support/cli-io.ts';
import { corpusAvailable, readCorpus } from '../support/corpus.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-inputs-'));
const TEMPLATE =
  '[cluster demo]\r\n  [[node scheduler]]\r\n  IsReturnProxy = true\r\n  ImageName = cycle.image.ubuntu22\r\n';

describe('ccnet reads', () => {
  it('refuses /dev/zero at once instead of reading it forever', async () => {
    const r = await ccnet(['check', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'ccnet check: /dev/zero: is a character device, not a regular file (to read a stream, pipe it to ccnet with -)',
    );
  });

  it('refuses a named pipe without opening it (opening would block until a writer comes)', async () => {
    const fifo = path.join(dir, 'fifo');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      console.log('mkfifo is not available here: skipping the FIFO case');
      return;
    }
    for (const argv of [
      ['check', fifo],
      ['diagnose', '--template', fifo],
      ['diagnose', '--situation', fifo],
    ]) {
      const r = await ccnet(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(`${fifo}: is a named pipe (FIFO), not a regular file`);
    }
  });

  it('reads a template from standard input with -', async () => {
    const r = await ccnet(['diagnose', '--template', '-', '--format', 'json'], { stdin: TEMPLATE });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).topology.nodes.map((n: { name: string }) => n.name)).toEqual(['scheduler']);
  });

  it('caps standard input like a file', async () => {
    const r = await ccnet(['diagnose', '--template', '-'], { stdin: 'x'.repeat(6 * 1024 * 1024) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('standard input: more than 5.0 MB is too large (limit 5.0 MB)');
  });

  it('caps a file whose size only shows while reading it (stat says 0 under /proc)', async () => {
    const big = path.join(dir, 'big.txt');
    writeFileSync(big, 'y'.repeat(6 * 1024 * 1024));
    const r = await ccnet(['check', big]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is too large (limit 5.0 MB)');
  });

  it('reads UTF-16 templates with a BOM, as Windows PowerShell 5 writes them, without CCN108', async () => {
    const file = path.join(dir, 'utf16.txt');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEMPLATE, 'utf16le')]));
    const r = await ccnet(['check', file, '--format', 'json']);
    const [result] = JSON.parse(r.stdout) as [
      { findings: { rule: string }[]; topology: { nodes: unknown[] } },
    ];
    expect(result.findings.map((f) => f.rule)).not.toContain('CCN108');
    expect(result.topology.nodes).toHaveLength(1);
  });

  it('names the line of bytes that are not UTF-8 (a Windows-1252 file), and still reads the template', async () => {
    const file = path.join(dir, 'latin1.txt');
    const [head, ...rest] = TEMPLATE.split('\n');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`${head}\n  # Kopf-Knoten f`),
        Buffer.from([0xfc]),
        Buffer.from(`r Slurm\n${rest.join('\n')}`),
      ]),
    );
    const r = await ccnet(['check', file, '--format', 'compact']);
    expect(r.stdout).toContain(
      `${file}:2:3: warning: Line 2 holds bytes that are not UTF-8, read as \u201c\ufffd\u201d; a name or value there may not be what the file says. [CCN122]`,
    );
    expect(r.stderr).toBe('');
    const json = await ccnet(['check', file, '--format', 'json']);
    expect(JSON.parse(json.stdout)[0].topology.nodes).toHaveLength(1);
  });

  it.runIf(corpusAvailable)(
    'says a template cut off in the middle of a line looks cut off, on that line',
    async () => {
      const slurm = readCorpus('Azure__cyclecloud-slurm__templates__slurm.txt');
      const cut = slurm.slice(0, slurm.indexOf('[[nodearray hpc]]') + '[[nodear'.length);
      const lastLine = cut.split('\n').length;
      const r = await ccnet(['check', '-', '--stdin-filename', 'slurm.txt', '--format', 'compact'], {
        stdin: cut,
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        `slurm.txt:${lastLine}:5: error: Header "[[nodear" on line ${lastLine} has no closing bracket. The file ends in the middle of line ${lastLine}, so it looks cut off: check that the whole template was copied or uploaded. [CCN101]`,
      );
      // The whole file, with its final newline, says nothing of the kind.
      const whole = await ccnet(['check', '-', '--stdin-filename', 'slurm.txt', '--format', 'compact'], {
        stdin: slurm,
      });
      expect(whole.stdout).not.toContain('looks cut off');
    },
  );
});
