import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosisSchema } from '../../knowledge/model.ts';
import { ccnet } from '../support/cli-io.ts';
import { CORPUS_DIR, corpusAvailable } from '../support/corpus.ts';
import { CLEAN, scratch, TWO_PROXIES } from '../support/templates.ts';

const { dir, write } = scratch('ccnet-cli-');

describe('ccnet check', () => {
  it('prints the file, then line:col, severity, message and rule, and exits 1 on error findings', async () => {
    const file = write('two.txt', TWO_PROXIES);
    const r = await ccnet(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith(`${file}\n`)).toBe(true);
    expect(r.stdout).toMatch(/^ {2}6:3 {2}error {4}2 nodes are return proxies: .* {2}CCN001$/m);
    expect(r.stdout).toContain('✖ 1 problem (1 error, 0 warnings, 0 info)\n  1 file checked\n');
  });

  it('exits 0 on a clean template and prints findings only: the recommendation needs --diagnosis', async () => {
    const clean = write('clean.txt', CLEAN);
    const r = await ccnet(['check', clean]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ no problems (1 file checked)\n');
    expect((await ccnet(['check', clean, '--diagnosis'])).stdout).toContain('Recommendation:');
  });

  it('expands quoted globs itself, like a linter, and prints one JSON object per file', async () => {
    write('g1.txt', CLEAN);
    write('g2.txt', TWO_PROXIES);
    const r = await ccnet(['check', 'g*.txt', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as Array<{ file: string }>;
    expect(results.map((x) => x.file)).toEqual(['g1.txt', 'g2.txt']);
    for (const { file: _file, summary: _summary, ...diagnosis } of results as Array<{
      file: string;
      summary: unknown;
    }>)
      expect(DiagnosisSchema.safeParse(diagnosis).success).toBe(true);
  });

  it('applies --param overrides and the situation: a proxy switched on in a same-VNet setup is a warning', async () => {
    const file = write(
      'param.txt',
      `[cluster p]
  [[node scheduler]]
  IsReturnProxy = $ReturnProxy
  ImageName = cycle.image.ubuntu22
[parameters Advanced]
  [[parameters Networking]]
    [[[parameter ReturnProxy]]]
    DefaultValue = false
    ParameterType = Boolean
`,
    );
    const off = await ccnet(['check', file, '--server', 'same-vnet', '--format', 'json']);
    const on = await ccnet([
      'check',
      file,
      '--server',
      'same-vnet',
      '--param',
      'ReturnProxy=true',
      '--format',
      'json',
    ]);
    const rules = (out: string) =>
      (JSON.parse(out) as Array<{ findings: Array<{ rule: string }> }>)[0]?.findings.map((f) => f.rule);
    expect(rules(off.stdout)).not.toContain('CCN005');
    expect(rules(on.stdout)).toContain('CCN005');
  });

  it('reports an unreadable file in one line, checks the others, and exits 2', async () => {
    const good = write('ok.txt', CLEAN);
    const r = await ccnet(['check', path.join(dir, 'missing.txt'), good]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('missing.txt: no such file');
    expect(r.stdout).toContain('1 file checked');
  });

  it('rejects a directory and a glob that matches nothing with a clear line', async () => {
    expect((await ccnet(['check', dir])).stderr).toContain('is a directory');
    const none = await ccnet(['check', 'nothing-*.txt'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no files match nothing-*.txt');
  });

  it('names the bad field of a situation file', async () => {
    const situation = write('bad-situation.json', JSON.stringify({ serverLocation: 'moon', colour: 'blue' }));
    const r = await ccnet(['check', write('c.txt', CLEAN), '--situation', situation]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('colour');
    const r2 = await ccnet([
      'check',
      write('c2.txt', CLEAN),
      '--situation',
      write('s2.json', '{"serverLocation":"moon"}'),
    ]);
    expect(r2.stderr).toMatch(/serverLocation: .*same-vnet/);
  });

  it.runIf(corpusAvailable)('checks the real slurm template without errors', async () => {
    const r = await ccnet([
      'check',
      path.join(CORPUS_DIR, 'Azure__cyclecloud-slurm__templates__slurm.txt'),
      '--diagnosis',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cluster Slurm');
  });

  it('never colours output that is not a terminal', async () => {
    const r = await ccnet(['check', write('nc.txt', TWO_PROXIES)]);
    expect(r.stdout).not.toContain('\u001b[');
  });
});

describe('ccnet diagnose', () => {
  it('takes flags instead of a file: a VNet that cannot be peered, public IPs allowed, means a return proxy', async () => {
    const r = await ccnet([
      'diagnose',
      '--version',
      '8',
      '--server',
      'other-vnet',
      '--peering',
      'impossible',
      '--public-ip',
      'allowed',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const d = DiagnosisSchema.parse(JSON.parse(r.stdout));
    expect(d.recommendation.option).toBe('return-proxy');
    expect(d.recommendation.connections.map((f) => f.port)).toContain(37140);
  });

  it('recommends peering for a VNet that is not peered yet, with az lines for both directions', async () => {
    const r = await ccnet([
      'diagnose',
      '--verbose',
      '--version',
      '8',
      '--server',
      'other-vnet',
      '--peering',
      'none',
      '--public-ip',
      'allowed',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recommendation: VNet peering');
    expect(r.stdout.match(/az network vnet peering create/g)).toHaveLength(2);
  });

  it('prints the whole diagnosis as text with --verbose, with the matched error message', async () => {
    const r = await ccnet([
      'diagnose',
      '--verbose',
      '--server',
      'same-vnet',
      '--symptom',
      'Timed out connecting to CycleCloud at https://10.0.0.4:9443',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recommendation: Direct connection');
    expect(r.stdout).toContain('Error message recognised');
    expect(r.stdout).toContain('10.0.0.4');
    expect(r.stdout).toContain('9443');
  });

  it('rejects a bad flag value naming what it takes', async () => {
    const r = await ccnet(['diagnose', '--version', '9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--version takes 7 or 8');
  });

  it.each(['check', 'diagnose', 'explain', 'chat'])(
    '%s: an unknown option gets one line pointing at --help',
    async (command) => {
      const r = await ccnet([command, '--colour', 'x']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`ccnet ${command}: unknown option --colour (see ccnet ${command} --help)\n`);
    },
  );

  it('says which option lacks its value', async () => {
    const r = await ccnet(['check', 'a.txt', '--format']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ccnet check: --format needs a value (see ccnet check --help)\n');
  });
});

describe('ccnet explain and usage', () => {
  it('lists topics without an argument and explains a topic', async () => {
    const list = await ccnet(['explain']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('return-proxy');
    const topic = await ccnet(['explain', 'return-proxy']);
    expect(topic.stdout).toContain('37140');
  });

  it('recognises a pasted error message with its real address', async () => {
    const r = await ccnet(['explain', 'Unable to setup return proxy: cannot connect to 10.2.0.4:22']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('10.2.0.4');
    expect(r.stdout).toMatch(/SSH|22/);
  });

  it('answers unrecognised error text with the general checklist, never a guessed cause', async () => {
    const r = await ccnet(['explain', 'ERROR: something odd happened on node 10.1.2.3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Not a known error message');
    expect(r.stdout).toContain('General checklist:');
    expect(r.stdout).not.toContain('Cause:');
  });

  it('exits 2 on an unknown command, naming it', async () => {
    const r = await ccnet(['lint']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "lint"');
  });
});
