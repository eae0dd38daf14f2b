// `ccnet chat` as a real process: answers piped on stdin, a crash (SIGKILL) mid-check, and `--resume` in a new
// process continuing from the file store.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CCNET_FROM_SOURCE } from '../support/cli-process.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function ccnet(args: string[], dataDir: string) {
  const child = spawn(process.execPath, [...CCNET_FROM_SOURCE, ...args], {
    env: { ...process.env, CCNET_DATA_DIR: dataDir, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

function waitFor(read: () => string, text: string, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (read().includes(text)) {
        child.stdout?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.on('close', () => reject(new Error(`exited before printing "${text}":\n${read()}`)));
    check();
  });
}

describe('ccnet chat process', () => {
  it('reads piped answers to the end and exits 0', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ccnet-spawn-'));
    dirs.push(dataDir);
    const run = ccnet(['chat'], dataDir);
    run.child.stdin.end('1\n1\n1\n2\n');
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('Recommendation: Direct connection (direct)');
    expect(run.stdout()).toContain('Check saved.');
    expect(run.stderr()).toBe('');
  });

  it("the README's piped example reaches an answer, with each piped answer echoed", async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /printf '([^']+)' \| npx ccnet chat/.exec(readme);
    if (example?.[1] === undefined) throw new Error('README has no piped `ccnet chat` example');
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ccnet-spawn-'));
    dirs.push(dataDir);
    const run = ccnet(['chat'], dataDir);
    run.child.stdin.end(example[1].replace(/\\n/g, '\n'));
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('Recommendation: ');
    expect(run.stdout()).toContain('Do now');
    for (const answer of example[1].split('\\n').filter((a) => a !== '')) {
      expect(run.stdout()).toContain(`> ${answer}\n`);
    }
  });

  it('--list shows the open checks with their answers; --resume recaps them', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ccnet-spawn-'));
    dirs.push(dataDir);
    const first = ccnet(['chat'], dataDir);
    first.child.stdin.end('1\n2\n3\n');
    expect(await first.exited).toBe(0);
    const list = ccnet(['chat', '--list'], dataDir);
    list.child.stdin.end('');
    expect(await list.exited).toBe(0);
    expect(list.stdout()).toMatch(
      /Open checks \(most recent first; continue one with ccnet chat --resume <id>\):\n {2}[\w-]+ {2}\d{4}-\d\d-\d\d \d\d:\d\d UTC — CycleCloud version: CycleCloud 7, CycleCloud location: On-premises\n/,
    );
    const resumed = ccnet(['chat', '--resume'], dataDir);
    resumed.child.stdin.end('q\n');
    expect(await resumed.exited).toBe(0);
    expect(resumed.stdout()).toContain(
      'Answers so far: CycleCloud version: CycleCloud 7, CycleCloud location: On-premises.',
    );
  });

  it('survives a crash mid-check and continues with --resume', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ccnet-spawn-'));
    dirs.push(dataDir);
    const first = ccnet(['chat'], dataDir);
    first.child.stdin.write('1\n1\n3\n');
    await waitFor(first.stdout, 'Is there a VPN or ExpressRoute', first.child);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = ccnet(['chat', '--resume'], dataDir);
    second.child.stdin.end('3\n1\n2\n1\n');
    expect(await second.exited).toBe(0);
    expect(second.stdout()).toMatch(/Continuing check [\w-]+\./);
    expect(second.stdout()).not.toContain('What do you need help with?');
    expect(second.stdout()).toContain('Recommendation: Return proxy (return-proxy)');
  });
});
