// `ccnet explain -` and `ccnet explain --file`: a log from a pipe or a file, read whole, through the same matcher.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../cli/read-input.ts';
import { lineCount } from '../../cli/render/diagnosis.ts';
import { ccnet } from '../support/cli-io.ts';

const LOG = [
  ...Array.from(
    { length: 150 },
    (_, i) => `2025-03-02 14:07:${String(i % 60).padStart(2, '0')},512 INFO jetpack: step ${i}`,
  ),
  "2025-03-02 14:09:31,512 ERROR jetpack: HTTPSConnectionPool(host='packages.microsoft.com', port=443): Max retries exceeded with url: /rhel/8/prod/repodata/repomd.xml (Caused by NewConnectionError('Failed to establish a new connection: [Errno 110] Connection timed out'))",
  ...Array.from(
    { length: 40 },
    (_, i) => `2025-03-02 14:10:${String(i).padStart(2, '0')},000 INFO jetpack: retry ${i}`,
  ),
].join('\n');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ccnet-explain-'));
  await writeFile(path.join(dir, 'jetpack.log'), LOG);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ccnet explain with a log', () => {
  it('reads standard input with -, finds the decisive line and says how sure it is', async () => {
    const { code, stdout } = await ccnet(['explain', '-'], { stdin: LOG });
    expect(code).toBe(0);
    expect(stdout).toContain('Looks like a connection timeout for `packages.microsoft.com`');
    expect(stdout).toContain('(error class: not certain)');
    expect(stdout).toContain('line 151:');
    expect(stdout).toContain('Likely cause:');
  });

  it('reads a file with --file, and prints the same match as JSON', async () => {
    const { code, stdout } = await ccnet(['explain', '--file', 'jetpack.log', '--format', 'json'], {
      cwd: dir,
    });
    expect(code).toBe(0);
    const e = JSON.parse(stdout);
    expect(e.kind).toBe('symptom');
    expect(e.symptom).toMatchObject({
      layer: 'class',
      errorClass: 'timeout',
      link: 'node-to-package-host',
      certain: false,
      lines: [{ line: 151 }],
    });
  });

  it('answers a log it does not recognise honestly, in one screen: the checklist, not the whole catalogue', async () => {
    // Azure/cyclecloud-pbspro#13: jetpack failed on its configuration data file, not on the network.
    const log = [
      'Check /opt/cycle/jetpack/logs/installation.log for more information',
      'Traceback (most recent call last):',
      '  File "/opt/cycle/jetpack/system/embedded/lib/python2.7/site-packages/jetpack/admin/validate.py", line 27, in execute',
      '    jetpack.util.test_cyclecloud_connection(connection)',
      '    raise ConfigError(UNKNOWN_ERROR)',
      'ConfigError: An unknown error occurred while processing the configuration data file.',
    ].join('\n');
    const { code, stdout } = await ccnet(['explain', '-'], { stdin: log });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('No error message ccnet knows in these 6 lines');
    expect(stdout).toContain('Not a known error message: ccnet does not guess a cause.');
    expect(stdout).toContain('General checklist:');
    expect(stdout).toContain('explain with no text lists every topic');
    expect(stdout).not.toContain('CCN121');
    expect(stdout).not.toContain('Error messages');
    // On the screen: rows at 80 columns (the prose wraps there); the whole catalogue was 132 lines.
    expect(lineCount(stdout.trimEnd(), 80)).toBeLessThanOrEqual(40);
  });

  it('answers a question in plain words', async () => {
    const { stdout } = await ccnet(['explain', 'which ports do CycleCloud 7 nodes need open?']);
    expect(stdout).toContain('Answer: CycleCloud 7');
    expect(stdout).toContain('found by searching');
  });

  it.each([
    [['explain', '-'], { stdin: '   \n' }, /standard input: is empty/],
    [['explain', '--file', 'missing.log'], {}, /missing\.log: no such file/],
    [['explain', '--file', 'jetpack.log', 'extra words'], {}, /either --file <log> or the text/],
  ])('%j fails with one line naming the problem', async (argv, opts, message) => {
    const { code, stderr } = await ccnet(argv as string[], { cwd: dir, ...opts });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('caps what it reads and says how to pass the end of a long log', async () => {
    const big = 'x'.repeat(MAX_INPUT_BYTES + 10);
    const { code, stderr } = await ccnet(['explain', '-'], { stdin: big });
    expect(code).toBe(2);
    expect(stderr).toMatch(/more than 5\.0 MB; pass the end of the log instead, e\.g\. tail -n 2000/);
  });
});
