// What decides what `ccnet check` reports and how it exits: --quiet, --severity, --max-warnings, --rule, the config
// file, inline suppressions, the baseline, and templates read from stdin.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccnet } from '../support/cli-io.ts';
import { MIXED, scratch, WARNING_ONLY } from './support.ts';

const rulesOf = (stdout: string) =>
  (JSON.parse(stdout) as Array<{ findings: Array<{ rule: string; severity: string }> }>).flatMap((f) =>
    f.findings.map((x) => `${x.rule}:${x.severity}`),
  );

describe('severity controls', () => {
  const { dir, write } = scratch('ccnet-controls-');
  write('mixed.txt', MIXED);
  write('warn.txt', WARNING_ONLY);

  it('--quiet reports errors only; --severity warning drops info', async () => {
    const quiet = await ccnet(['check', 'mixed.txt', 'warn.txt', '--quiet', '--format', 'json'], {
      cwd: dir,
    });
    expect(rulesOf(quiet.stdout)).toEqual(['CCN001:error']);
    const warn = await ccnet(
      ['check', 'mixed.txt', 'warn.txt', '--severity', 'warning', '--format', 'json'],
      {
        cwd: dir,
      },
    );
    expect(rulesOf(warn.stdout)).toEqual(['CCN001:error', 'CCN103:warning']);
  });

  it('--max-warnings N exits 1 above N and 0 at N', async () => {
    expect((await ccnet(['check', 'warn.txt', '--max-warnings', '1'], { cwd: dir })).code).toBe(0);
    const over = await ccnet(['check', 'warn.txt', '--max-warnings', '0'], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('ccnet check: 1 warning, more than --max-warnings 0\n');
    expect((await ccnet(['check', 'warn.txt', '--max-warnings', 'x'], { cwd: dir })).stderr).toContain(
      '--max-warnings takes a whole number',
    );
  });

  it('--rule sets a severity or turns a rule off, and rejects what is not a rule', async () => {
    const r = await ccnet(
      ['check', 'mixed.txt', '--rule', 'CCN006=off', '--rule', 'ccn001=warning', '--format', 'json'],
      { cwd: dir },
    );
    expect(rulesOf(r.stdout)).toEqual(['CCN001:warning']);
    expect(r.code).toBe(0);
    const bad = await ccnet(['check', 'mixed.txt', '--rule', 'CCN999=off'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no rule CCN999');
    expect((await ccnet(['check', 'mixed.txt', '--rule', 'CCN006=loud'], { cwd: dir })).stderr).toContain(
      '--rule takes RULE=off|info|warning|error',
    );
  });
});

describe('the config file', () => {
  it('is found upward from the working directory and supplies rules, params, situation and ignore globs', async () => {
    const { dir, write } = scratch('ccnet-config-');
    write('templates/mixed.txt', MIXED);
    write('templates/legacy/old.txt', WARNING_ONLY);
    write(
      '.ccnetrc.json',
      JSON.stringify({
        rules: { CCN001: 'info' },
        params: { ReturnProxy: true },
        situation: { serverLocation: 'same-vnet', cyclecloudVersion: 8 },
        ignore: ['templates/legacy/**'],
      }),
    );
    const cwd = path.join(dir, 'templates');
    const r = await ccnet(['check', '**/*.txt', '--format', 'json'], { cwd });
    const files = JSON.parse(r.stdout) as Array<{
      file: string;
      findings: Array<{ rule: string; severity: string; message: string }>;
    }>;
    expect(files.map((f) => f.file)).toEqual(['mixed.txt']);
    const found = files[0]?.findings ?? [];
    // ReturnProxy = true from params makes scheduler a third proxy; same-vnet from the situation makes them CCN005.
    expect(found.find((f) => f.rule === 'CCN001')).toMatchObject({ severity: 'info' });
    expect(found.find((f) => f.rule === 'CCN001')?.message).toContain('3 nodes are return proxies');
    expect(found.some((f) => f.rule === 'CCN005')).toBe(true);
    expect(r.code).toBe(0);
    const named = await ccnet(['check', 'legacy/old.txt'], { cwd });
    expect(named.stderr).toContain('legacy/old.txt is ignored by ../.ccnetrc.json');
    const bypass = await ccnet(['check', 'legacy/old.txt', '--no-config', '--format', 'json'], { cwd });
    expect(rulesOf(bypass.stdout)).toEqual(['CCN103:warning']);
  });

  it('reads a "ccnet" key in package.json, and --rule beats the config', async () => {
    const { dir, write } = scratch('ccnet-pkg-');
    write('package.json', JSON.stringify({ name: 'infra', ccnet: { rules: { CCN103: 'off' } } }));
    write('warn.txt', WARNING_ONLY);
    expect(rulesOf((await ccnet(['check', 'warn.txt', '--format', 'json'], { cwd: dir })).stdout)).toEqual(
      [],
    );
    const back = await ccnet(['check', 'warn.txt', '--rule', 'CCN103=error', '--format', 'json'], {
      cwd: dir,
    });
    expect(rulesOf(back.stdout)).toEqual(['CCN103:error']);
  });

  it('names the file and the key of a bad setting', async () => {
    const { dir, write } = scratch('ccnet-badconfig-');
    write('warn.txt', WARNING_ONLY);
    write('ccnet.config.json', JSON.stringify({ rules: { CCN103: 'loud' } }));
    const r = await ccnet(['check', 'warn.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ccnet check: ccnet\.config\.json: rules\.CCN103: /);
    write('ccnet.config.json', '{ "rules": ');
    expect((await ccnet(['check', 'warn.txt'], { cwd: dir })).stderr).toMatch(
      /^ccnet check: .*ccnet\.config\.json/,
    );
  });
});

describe('inline suppressions', () => {
  const { dir, write } = scratch('ccnet-suppress-');
  const text = [
    '# ccnet-disable CCN103 -- generated file, stray lines are known',
    '[cluster s]',
    '  [[node a]]',
    '  IsReturnProxy = true',
    '  [[node b]]',
    '  # ccnet-disable-next-line CCN001 -- two proxies on purpose in this lab',
    '  # (a comment between the directive and its line is fine)',
    '  IsReturnProxy = true',
    '  stray text',
    '  # ccnet-disable-next-line CCN004',
    '  ImageName = cycle.image.ubuntu22',
    '  # ccnet-disable-next-line CCN9',
    '  Foo = """',
    '  # ccnet-disable-next-line CCN001',
    '  """',
  ].join('\n');
  write('s.txt', text);

  it('silences the named rule on the next line or in the whole file, and reports unused or unreadable ones', async () => {
    const r = await ccnet(['check', 's.txt', '--format', 'json'], { cwd: dir });
    const [file] = JSON.parse(r.stdout) as Array<{
      findings: Array<{ rule: string; line: number; message: string }>;
      summary: { suppressed: number };
    }>;
    const found = file?.findings ?? [];
    expect(found.map((f) => `${f.rule}@${f.line}`)).toEqual(['CCN120@10', 'CCN121@12']);
    expect(found[0]?.message).toContain(
      'CCN004 on line 10 suppresses nothing: CCN004 reports nothing on line 11',
    );
    expect(found[1]?.message).toContain('"CCN9", which is not a ccnet rule id');
    expect(file?.summary.suppressed).toBe(2);
  });

  it('counts suppressed findings in the text summary', async () => {
    const r = await ccnet(['check', 's.txt'], { cwd: dir });
    expect(r.stdout).toContain('1 file checked, 2 suppressed by comments');
  });
});

describe('the baseline', () => {
  it('accepts recorded findings, even after lines are added above them, and reports only new ones', async () => {
    const { dir, write } = scratch('ccnet-baseline-');
    write('mixed.txt', MIXED);
    const wrote = await ccnet(['check', 'mixed.txt', '--write-baseline', 'baseline.json'], { cwd: dir });
    expect(wrote.code).toBe(0);
    expect(wrote.stderr).toBe('ccnet check: wrote 2 findings of 1 file to baseline.json\n');
    const baseline = JSON.parse(readFileSync(path.join(dir, 'baseline.json'), 'utf8'));
    expect(baseline.findings.map((f: { file: string; rule: string }) => `${f.file} ${f.rule}`)).toEqual([
      'mixed.txt CCN006',
      'mixed.txt CCN001',
    ]);

    writeFileSync(path.join(dir, 'mixed.txt'), `# a new header comment\n# and another\n${MIXED}`);
    const same = await ccnet(['check', 'mixed.txt', '--baseline', 'baseline.json'], { cwd: dir });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('✔ no problems (1 file checked, 2 accepted by the baseline)');

    const grown = MIXED.replace(
      '[parameters',
      '  [[nodearray grid]]\n  IsReturnProxy = false\n  stray\n[parameters',
    );
    writeFileSync(path.join(dir, 'mixed.txt'), grown);
    const worse = await ccnet(['check', 'mixed.txt', '--baseline', 'baseline.json', '--format', 'json'], {
      cwd: dir,
    });
    expect(worse.code).toBe(0);
    expect(worse.stderr).toBe('');
    expect(rulesOf(worse.stdout)).toEqual(['CCN103:warning']);
  });

  it('says when baselined findings are gone, and rejects a file that is not a baseline', async () => {
    const { dir, write } = scratch('ccnet-baseline2-');
    write('w.txt', WARNING_ONLY);
    await ccnet(['check', 'w.txt', '--write-baseline', 'b.json'], { cwd: dir });
    write('w.txt', WARNING_ONLY.replace('  this line means nothing\n', ''));
    const r = await ccnet(['check', 'w.txt', '--baseline', 'b.json'], { cwd: dir });
    expect(r.stderr).toBe(
      'ccnet check: 1 finding in the baseline no longer occur; rewrite it with --write-baseline\n',
    );
    write('not.json', '{"findings": []}');
    const bad = await ccnet(['check', 'w.txt', '--baseline', 'not.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not.json: not a ccnet baseline');
  });
});

describe('stdin', () => {
  it('reads - and reports it under --stdin-filename', async () => {
    const r = await ccnet(['check', '-', '--stdin-filename', 'templates/slurm.txt', '--format', 'compact'], {
      stdin: WARNING_ONLY,
    });
    expect(r.stdout).toMatch(/^templates\/slurm\.txt:4:3: warning: .*\[CCN103\]$/m);
    const unnamed = await ccnet(['check', '-'], { stdin: WARNING_ONLY });
    expect(unnamed.stdout.split('\n')[0]).toBe('<stdin>');
  });
});
