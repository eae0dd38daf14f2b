// The `ccnet` command as npm installs it: bin/ccnet.js running the bundle `prepare` builds, and the package's file list.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli-process.ts';
import { CLEAN, scratch, TWO_PROXIES } from '../support/templates.ts';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin/ccnet.js');
const { write } = scratch('ccnet-bin-');

// Build the bundle from the sources in the tree, as `npm ci` does, so these tests never run a stale one.
beforeAll(async () => {
  await run(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT });
}, 60_000);

describe('the installed bin', () => {
  it('runs the prebuilt bundle with real exit codes', async () => {
    const ok = await run(process.execPath, [BIN, 'check', write('bin-clean.txt', CLEAN)]);
    expect(ok.stdout).toContain('✔ no problems (1 file checked)');
    await expect(
      run(process.execPath, [BIN, 'check', write('bin-two.txt', TWO_PROXIES)]),
    ).rejects.toMatchObject({
      code: 1,
    });
  });

  it('stops quietly when the reader closes the pipe early (ccnet explain | head)', async () => {
    const child = spawn(process.execPath, [BIN, 'explain'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    // Closed before ccnet writes a byte: its first write meets a broken pipe.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });

  it('names the Node version it needs instead of failing deep inside a dependency', async () => {
    // Pretend to be Node 18 by overriding process.versions before the bin's own check runs.
    const fake = write(
      'old-node.mjs',
      `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '18.20.0' } });
Object.defineProperty(process, 'version', { value: 'v18.20.0' });
await import(${JSON.stringify(BIN)});`,
    );
    const result = await run(process.execPath, [fake, '--help']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(result).toMatchObject({ code: 2 });
    expect((result as { stderr: string }).stderr.trim()).toBe(
      'ccnet: needs Node.js 20.19 or later; this is v18.20.0',
    );
  });
});

describe("the README's piped chat example", () => {
  it('reaches an answer when run exactly as written, through npx in a shell', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const command = /`(printf '[^'`]+' \| npx ccnet chat)`/.exec(readme)?.[1];
    if (command === undefined) throw new Error('README has no `printf ... | npx ccnet chat` example');
    const { SLACK_BOT_TOKEN: _b, SLACK_APP_TOKEN: _a, SLACK_SIGNING_SECRET: _s, ...env } = process.env;
    const out = await run('sh', ['-c', command], {
      cwd: ROOT,
      env: {
        ...env,
        CCNET_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ccnet-readme-')),
        NO_COLOR: '1',
        npm_config_offline: 'true',
      },
    });
    expect(out.stdout).toMatch(/^Recommendation: /m);
    expect(out.stdout).toContain('Do now');
    expect(out.stdout).toContain('Check saved.');
    // Each piped answer is echoed after its prompt, as if typed.
    const answers =
      /printf '([^']+)'/
        .exec(command)?.[1]
        ?.split('\\n')
        .filter((a) => a !== '') ?? [];
    expect(answers.length).toBeGreaterThan(0);
    expect(out.stdout.match(/^> \S+$/gm)?.slice(0, answers.length)).toEqual(answers.map((a) => `> ${a}`));
  }, 60_000);
});

describe('the npm package', () => {
  it('ships what runs and no tests, benches or fixtures', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const files = pack.files.map((f) => f.path);
    expect(files).toContain('bin/ccnet.js');
    expect(files).toContain('dist/ccnet.js');
    expect(files).toContain('README.md');
    expect(files.filter((f) => /^(test|bench|scripts|\.ci)\//.test(f) || /\.test\.ts$/.test(f))).toEqual([]);
  }, 60_000);
});
