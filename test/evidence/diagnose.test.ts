// Evidence folded into the diagnosis: facts from the exports (each with its file), the recommendation they lead to,
// and every required connection checked, with the deciding rule and a fix.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Evidence, mergeEvidence, readEvidenceText } from '../../knowledge/evidence/index.ts';
import { type Diagnosis, DiagnosisSchema, diagnose } from '../../knowledge/index.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { ccnet } from '../support/cli-io.ts';
import { FIXTURES, fixture } from './support.ts';
import { worldFiles } from './world.ts';

const TEMPLATE = `[cluster slurm]
  [[node defaults]]
  SubnetId = $SubnetId
  [[node scheduler]]
  [[nodearray hpc]]
[parameters Required]
  [[parameters Networking]]
    [[[parameter SubnetId]]]
`;

function evidenceOf(files: Record<string, string>): Evidence {
  return mergeEvidence(
    Object.entries(files).map(([name, text]) => {
      const read = readEvidenceText(name, text);
      if (!read.ok) throw new Error(`${name}: ${read.problem}`);
      return read.evidence;
    }),
  );
}

const peered = () =>
  evidenceOf({
    'vnet-list.json': fixture('peered/vnet-list.json'),
    'nsg-list.json': fixture('peered/nsg-list.json'),
    'nic-list.json': fixture('peered/nic-list.json'),
  });

function diagnosed(
  evidence: Evidence,
  extra: { cyclecloud?: string; nodes?: string; params?: Record<string, string> } = {},
): Diagnosis {
  const d = diagnose({
    situation: {},
    template: parseTemplate(TEMPLATE, { params: extra.params ?? { SubnetId: 'hpc-rg/hpc-vnet/compute' } }),
    evidence: {
      evidence,
      ...(extra.cyclecloud ? { cyclecloud: extra.cyclecloud } : {}),
      ...(extra.nodes ? { nodes: extra.nodes } : {}),
    },
  });
  const valid = DiagnosisSchema.safeParse(d);
  expect(valid.success, valid.success ? '' : JSON.stringify(valid.error.issues)).toBe(true);
  return d;
}

const fact = (d: Diagnosis, field: string) => d.verification?.facts.find((f) => f.field === field);
const connection = (d: Diagnosis, port: number, toward: RegExp) =>
  d.verification?.connections.find((c) => c.connection.port === port && toward.test(c.connection.to));

describe('diagnose with evidence', () => {
  it('settles location, peering, firewall and blocked ports, each from the file that says so', () => {
    const d = diagnosed(peered(), { cyclecloud: 'cyclecloud-nic' });
    expect(fact(d, 'serverLocation')).toMatchObject({ value: 'other-vnet', from: ['vnet-list.json'] });
    expect(fact(d, 'peering')).toMatchObject({ value: 'connected', from: ['vnet-list.json'] });
    expect(fact(d, 'peering')?.detail).toBe(
      'hpc-vnet -> cc-vnet: hpc-to-cc is Connected; cc-vnet -> hpc-vnet: cc-to-hpc is Connected',
    );
    expect(fact(d, 'firewall')).toMatchObject({ value: 'nsg', from: ['nsg-list.json'] });
    expect(fact(d, 'blockedPorts')).toMatchObject({ value: '9443', from: ['nsg-list.json'] });
    expect(d.recommendation.option).toBe('vnet-peering');
    expect(d.findings.map((f) => f.rule)).toContain('CCN010');
  });

  it('checks every required connection: the denied one names its rule and an az fix just before it', () => {
    const d = diagnosed(peered(), { cyclecloud: 'cyclecloud-nic' });
    const toCc = connection(d, 9443, /CycleCloud/);
    expect(toCc?.verdict).toBe('deny');
    expect(toCc?.check?.hops.at(-1)).toMatchObject({
      nsg: 'cyclecloud-nsg',
      rule: 'DenyAllOtherInbound',
      priority: 4096,
      access: 'deny',
    });
    expect(toCc?.check?.fix).toMatch(
      /^az network nsg rule create -g cc-rg --nsg-name cyclecloud-nsg .*--priority 4095 --direction Inbound .*--source-address-prefixes 10\.1\.0\.0\/22 .*--destination-port-ranges 9443$/,
    );
    expect(connection(d, 22, /nodes/)).toMatchObject({ verdict: 'allow' });
    const storage = connection(d, 443, /Storage/);
    expect(storage?.verdict).toBe('allow');
    expect(storage?.check?.route?.nextHopType).toBe('VirtualNetworkServiceEndpoint');
  });

  it('guesses CycleCloud from a VM named after it, and says it guessed', () => {
    const d = diagnosed(peered());
    expect(d.assumptions.join(' ')).toMatch(
      /CycleCloud was taken to be VM cyclecloud \(NIC cyclecloud-nic\), guessed from its name/,
    );
    expect(connection(d, 9443, /CycleCloud/)?.verdict).toBe('deny');
  });

  it('an Initiated peering is one-way, and the nodes cannot reach CycleCloud over it', () => {
    const evidence = evidenceOf({
      'hpc-vnet.json': fixture('initiated/hpc-vnet.json'),
      'cc-vnet.json': fixture('initiated/cc-vnet.json'),
    });
    const d = diagnosed(evidence, { cyclecloud: '10.0.1.4' });
    expect(fact(d, 'peering')).toMatchObject({ value: 'one-way', from: ['hpc-vnet.json', 'cc-vnet.json'] });
    expect(fact(d, 'peering')?.detail).toMatch(
      /hpc-to-cc is Initiated; cc-vnet -> hpc-vnet: no peering: both directions must show Connected/,
    );
    expect(connection(d, 9443, /CycleCloud/)?.reason).toMatch(
      /peering hpc-to-cc to cc-vnet is Initiated, so it carries nothing/,
    );
  });

  it('overlapping address spaces cannot be peered', () => {
    const files = worldFiles({ extraVnets: [{ name: 'cc-vnet', prefixes: ['10.0.0.0/16'] }] });
    const vnets = JSON.parse(files['vnets.json'] ?? '[]') as Array<Record<string, unknown>>;
    const cc = vnets[1] as Record<string, unknown>;
    cc.subnets = [
      {
        addressPrefix: '10.0.9.0/24',
        id: `${String(cc.id)}/subnets/cc`,
        name: 'cc',
        type: 'Microsoft.Network/virtualNetworks/subnets',
      },
    ];
    files['vnets.json'] = JSON.stringify(vnets);
    // 10.0.9.4 is in both spaces: name CycleCloud by its subnet so it is placed in cc-vnet.
    const d = diagnosed(evidenceOf(files), { cyclecloud: 'cc-vnet/cc', nodes: 'lab/a' });
    expect(fact(d, 'peering')).toMatchObject({ value: 'overlap' });
    expect(fact(d, 'peering')?.detail).toMatch(/10\.0\.0\.0\/16 overlaps 10\.0\.0\.0\/16/);
  });

  it("says what it could not check, and why, when CycleCloud's address is unknown", () => {
    const d = diagnosed(evidenceOf(worldFiles({})), { nodes: 'lab/a' });
    expect(connection(d, 9443, /CycleCloud/)).toMatchObject({ verdict: 'not-checked' });
    expect(connection(d, 9443, /CycleCloud/)?.reason).toBe("CycleCloud's address is not known");
    // How to name it is each adapter's to say (a flag, a paste): the diagnosis says what is missing.
    expect(d.verification?.unsure).toEqual([{ end: 'cyclecloud', how: 'unknown' }]);
    expect(d.verification?.notes.join(' ')).not.toContain('--');
  });

  it("names the parameter when the template's subnet is not given", () => {
    const d = diagnosed(peered(), { params: {} });
    expect(d.verification?.notes.join(' ')).toMatch(/comes from \$SubnetId, which has no value/);
    expect(d.verification?.unsure).toContainEqual({ end: 'nodes', how: 'unknown', parameter: 'SubnetId' });
  });

  it('reads a probe as evidence: the port it reached is open, the one it could not is blocked', () => {
    const probe = `=== ccnet-probe v1 ===\nnode=hpc-1\ncyclecloud.url=https://10.0.1.4:9443\ncyclecloud.resolve=ok 10.0.1.4\ncyclecloud.https=failed curl=28 http=000\n=== end ccnet-probe v1 ===\n`;
    const d = diagnose({ situation: {}, evidence: { evidence: evidenceOf({ 'probe.txt': probe }) } });
    expect(fact(d, 'blockedPorts')).toMatchObject({ value: '9443', from: ['probe.txt'] });
    expect(fact(d, 'blockedPorts')?.detail).toMatch(/the probe on hpc-1: timed out/);
  });
});

describe('ccnet diagnose and check with --evidence', () => {
  const evidence = ['peered/vnet-list.json', 'peered/nsg-list.json', 'peered/nic-list.json'].flatMap((n) => [
    '--evidence',
    path.join(FIXTURES, n),
  ]);

  it('says how to correct what the exports guessed with the flags, where the JSON carries no flag', async () => {
    const short = await ccnet(['diagnose', ...evidence]);
    expect(short.stdout.replace(/\s+/g, ' ')).toContain(
      "the only other subnet in the exports. To say otherwise, name CycleCloud with --cyclecloud IP|NIC|VM; name the nodes' subnet with --nodes SUBNET",
    );
    const json = await ccnet(['diagnose', ...evidence, '--format', 'json']);
    const d = DiagnosisSchema.parse(JSON.parse(json.stdout));
    expect(d.assumptions.join(' ')).not.toMatch(/--|To say otherwise/);
    expect(d.verification?.unsure?.map((u) => `${u.end} ${u.how}`)).toEqual([
      'cyclecloud guessed',
      'nodes guessed',
    ]);
    // With the template's SubnetId left open, the command names the parameter to set.
    const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-naming-'));
    const template = path.join(dir, 'slurm.txt');
    writeFileSync(template, TEMPLATE);
    const open = await ccnet(['diagnose', ...evidence, '--template', template, '--verbose']);
    expect(open.stdout.replace(/\s+/g, ' ')).toContain(
      "to check every connection, give the template's SubnetId with --param SubnetId=rg/vnet/subnet",
    );
  });

  it('diagnose prints the verification in JSON and text, and exits 1 on the blocked port', async () => {
    const json = await ccnet([
      'diagnose',
      ...evidence,
      '--cyclecloud',
      '10.0.1.4',
      '--nodes',
      'hpc-vnet/compute',
      '--format',
      'json',
    ]);
    expect(json.code).toBe(1);
    const d = DiagnosisSchema.parse(JSON.parse(json.stdout));
    expect(d.verification?.files.map((f) => path.basename(f.file))).toEqual([
      'vnet-list.json',
      'nsg-list.json',
      'nic-list.json',
    ]);
    const short = await ccnet([
      'diagnose',
      ...evidence,
      '--cyclecloud',
      '10.0.1.4',
      '--nodes',
      'hpc-vnet/compute',
    ]);
    // The short answer leads with the connection the evidence denies, once; --verbose has every verdict.
    expect(short.stdout.replace(/\s+/g, ' ')).toContain(
      'Your exports deny TCP 9443 cluster nodes -> CycleCloud server: cyclecloud-nsg rule DenyAllOtherInbound (priority 4096)',
    );
    expect(short.stdout.match(/TCP 9443 cluster nodes -> CycleCloud/g)).toHaveLength(1);
    const text = await ccnet([
      'diagnose',
      '--verbose',
      ...evidence,
      '--cyclecloud',
      '10.0.1.4',
      '--nodes',
      'hpc-vnet/compute',
    ]);
    expect(text.stdout).toMatch(/^Checked against the evidence$/m);
    expect(text.stdout).toMatch(
      /^ {2}DENY +cluster nodes -> CycleCloud server TCP 9443: denied by cyclecloud-nsg \(nic cyclecloud-nic\) inbound rule DenyAllOtherInbound \(priority 4096\)$/m,
    );
  });

  it('check T --evidence FILE fails on the connection the NSG blocks', async () => {
    const r = await ccnet(
      ['check', '-', ...evidence, '--param', 'SubnetId=hpc-rg/hpc-vnet/compute', '--format', 'json'],
      { stdin: TEMPLATE },
    );
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout) as Array<{
      findings: Array<{ rule: string }>;
      verification?: unknown;
    }>;
    expect(file?.findings.map((f) => f.rule)).toContain('CCN010');
    expect(file?.verification).toBeDefined();
  });
});
