// The next action comes from the evidence: a connection the exports deny leads "do now" with its deciding rule, and
// the snippet is the exact allow rule just above it (every denied connection's, in one runnable bash block); when the
// exports allow every connection, "do now" asks for no NSG rules.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowCommand } from '../../knowledge/evidence/verify.ts';
import { type Diagnosis, DiagnosisSchema } from '../../knowledge/index.ts';
import { ccnet } from '../support/cli-io.ts';
import { FIXTURES, fixture, inboundRule, loneNsgJson } from './support.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-do-now-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const peered = (nsgFile = path.join(FIXTURES, 'peered/nsg-list.json')) => [
  '--evidence',
  path.join(FIXTURES, 'peered/vnet-list.json'),
  '--evidence',
  nsgFile,
  '--evidence',
  path.join(FIXTURES, 'peered/nic-list.json'),
];

/** The peered exports with cyclecloud-nsg also allowing 9443 from the cluster VNet: every connection is open. */
function openNsgs(): string {
  const nsgs = JSON.parse(fixture('peered/nsg-list.json')) as Array<{
    name: string;
    securityRules: Array<Record<string, unknown>>;
  }>;
  const cc = nsgs.find((n) => n.name === 'cyclecloud-nsg');
  const https = cc?.securityRules.find((r) => r.name === 'HTTPS');
  if (!cc || !https) throw new Error('fixture changed: no cyclecloud-nsg HTTPS rule');
  cc.securityRules.push({
    ...https,
    name: 'AllowNodes9443',
    id: String(https.id).replace(/HTTPS$/, 'AllowNodes9443'),
    priority: 1040,
    destinationPortRange: '9443',
    sourceAddressPrefix: '10.1.0.0/16',
  });
  return write('nsg-open.json', JSON.stringify(nsgs, null, 2));
}

async function diagnosis(args: string[]): Promise<Diagnosis> {
  const r = await ccnet(['diagnose', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return DiagnosisSchema.parse(JSON.parse(r.stdout));
}

/** bash -n and shellcheck on one snippet, as the invariant suite checks every snippet. */
function shellProblems(code: string): string[] {
  const file = write(`snippet-${Math.random().toString(36).slice(2)}.sh`, `#!/usr/bin/env bash\n${code}\n`);
  const syntax = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
  const problems = syntax.status === 0 ? [] : [syntax.stderr.trim()];
  const check = spawnSync('shellcheck', ['-s', 'bash', '-f', 'gcc', file], { encoding: 'utf8' });
  if (check.error) console.warn('[ccnet tests] shellcheck not installed: bash -n only');
  else if (check.status !== 0) problems.push(check.stdout.trim());
  return problems;
}

describe('do now from the evidence', () => {
  it('leads with the denied connection and its deciding rule; the snippet is the exact fix above that rule', async () => {
    const d = await diagnosis(peered());
    const { lines, snippet } = d.recommendation.doNow;
    expect(lines[0]).toBe(
      'Your exports deny TCP 9443 cluster nodes -> CycleCloud server: cyclecloud-nsg rule DenyAllOtherInbound (priority 4096); allow it just above that rule (commands below).',
    );
    // Nothing generic after it: no "allow 9443 in the NSGs", no peering check the exports already answer.
    expect(lines).toHaveLength(1);
    expect(snippet?.language).toBe('bash');
    const code = snippet?.code ?? '';
    expect(code).toContain('CC_NIC_NSG_RG="cc-rg"');
    expect(code).toContain('CC_NIC_NSG="cyclecloud-nsg"  # on nic cyclecloud-nic');
    expect(code).toContain(
      `az network nsg rule create -g "$CC_NIC_NSG_RG" --nsg-name "$CC_NIC_NSG" -n ccnet-allow-tcp-9443-from-nodes --priority 4095 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes 10.1.0.0/22 --source-port-ranges '*' --destination-address-prefixes 10.0.1.4 --destination-port-ranges 9443`,
    );
    expect(code).not.toContain('--priority 200');
    expect(shellProblems(code)).toEqual([]);
    // The rest of the answer agrees: the reason is the exports' (not "you listed"), the step adds only that rule.
    expect(d.recommendation.why.join('\n')).toContain(
      'Your exports deny TCP 9443 from the nodes to CycleCloud: the rule that denies it and the fix are below.',
    );
    expect(d.recommendation.why.join('\n')).not.toContain('You listed');
    expect(d.recommendation.steps.join('\n')).toContain(
      'Add the allow rule for each connection your exports deny (1, below), each just above the rule that denies it',
    );
    expect(d.recommendation.steps.join('\n')).not.toMatch(/Allow TCP 9443 from the node subnet/);
    expect(d.recommendation.snippets.map((s) => s.code).join('\n')).not.toContain('--priority 200');
    // The same fix is what the verification names for that connection.
    const denied = d.verification?.connections.find((c) => c.verdict === 'deny');
    expect(denied?.check?.fix).toContain('--priority 4095');
  });

  it('says it in the terminal answer too', async () => {
    const r = await ccnet(['diagnose', ...peered()]);
    expect(r.stdout).toMatch(
      /Do now\n {2}Your exports deny TCP 9443 cluster nodes -> CycleCloud server: cyclecloud-nsg\n {2}rule DenyAllOtherInbound \(priority 4096\)/,
    );
    expect(r.stdout).not.toContain('--priority 200');
    // The whole answer carries the snippet (the short one shows it when it fits the screen).
    const verbose = await ccnet(['diagnose', ...peered(), '--verbose']);
    expect(verbose.stdout).toMatch(/ccnet-allow-tcp-9443-from-nodes --priority\s+4095/);
    expect(verbose.stdout).not.toContain('--priority 200');
  });

  it('fixes every denied connection, with distinct free priorities in one NSG and a variable for what is unknown', async () => {
    // One NSG exported on its own, without its id: its resource group is not in the evidence.
    const lone = write(
      'lone-nsg.json',
      loneNsgJson('cc-nsg', [inboundRule('DenyAll', 4000), inboundRule('AllowHttps', 3999, 'Allow', '443')]),
    );
    const d = await diagnosis(['--evidence', lone, '--nodes', '10.1.0.0/24', '--cyclecloud', '10.0.1.4']);
    const { lines, snippet } = d.recommendation.doNow;
    expect(lines[0]).toBe(
      'Your exports deny TCP 9443 cluster nodes -> CycleCloud server: cc-nsg rule DenyAll (priority 4000); allow it just above that rule (commands below).',
    );
    expect(lines[1]).toBe(
      'Also denied: TCP 22 CycleCloud server -> cluster nodes (DenyAll, priority 4000 in cc-nsg); the snippet allows each.',
    );
    const code = snippet?.code ?? '';
    expect(code).toContain('CC_SUBNET_NSG_RG="<resource group of NSG cc-nsg>"');
    expect(code.split('\n')[0]).toMatch(/^# Fill in the values in "<\.\.\.>" first/);
    const priorities = [...code.matchAll(/--priority (\d+)/g)].map((m) => Number(m[1]));
    // 3999 is taken by AllowHttps: the two rules go at the next free ones below DenyAll, one each.
    expect(priorities).toEqual([3998, 3997]);
    expect(code).not.toMatch(/-g [^"]/);
    expect(shellProblems(code)).toEqual([]);
  });

  it('asks for no NSG rules when the exports allow every required connection', async () => {
    const d = await diagnosis(peered(openNsgs()));
    expect(d.verification?.connections.map((c) => c.verdict)).toEqual(['allow', 'allow', 'allow']);
    const { lines, snippet } = d.recommendation.doNow;
    expect(lines[0]).toBe('Your exports allow all 3 required connections: no NSG rules to add.');
    expect(lines.join('\n')).not.toMatch(/Allow TCP|in the NSGs|Check both sides of the peering/);
    expect(snippet?.code).not.toContain('az network nsg rule create');
    expect(snippet?.code).toContain('curl -k -m 10 "https://$CC_IP:9443"');
    expect(d.recommendation.snippets.map((s) => s.code).join('\n')).not.toContain(
      'az network nsg rule create',
    );
    expect(d.recommendation.steps).toContain(
      'Your exports allow every required connection: there are no NSG rules to add.',
    );
  });

  it('keeps the generic advice while a connection is undetermined and none is denied', async () => {
    // Without the VNet export, VirtualNetwork is unknown for CycleCloud's outbound SSH: not everything is settled.
    const d = await diagnosis([
      '--evidence',
      openNsgs(),
      '--evidence',
      path.join(FIXTURES, 'peered/nic-list.json'),
      '--nodes',
      '10.1.0.0/22',
    ]);
    const verdicts = d.verification?.connections.map((c) => c.verdict) ?? [];
    expect(verdicts).toContain('unknown');
    expect(verdicts).not.toContain('deny');
    expect(d.recommendation.doNow.lines.join('\n')).not.toContain('allow all');
    // What is still open leads, with why: the export that settles it is named in Details.
    expect(d.recommendation.doNow.lines[0]).toMatch(
      /^Your exports leave TCP 22 CycleCloud server -> cluster nodes undetermined: .*service tag VirtualNetwork/,
    );
    expect(d.recommendation.doNow.lines.join('\n')).toContain(
      'Allow TCP 9443 from the node subnet to CycleCloud',
    );
  });
});

describe('a fix for an NSG whose resource group the exports do not name', () => {
  it('says so in a quoted placeholder, so a pasted command fails with a clear message, not a shell error', () => {
    const code = allowCommand({
      nsg: 'cyclecloud-nsg',
      attachedTo: 'subnet cyclecloud',
      name: 'ccnet-allow-tcp-9443',
      priority: 4095,
      direction: 'inbound',
      protocol: 'tcp',
      source: '10.1.0.0/16',
      destination: '10.0.1.4',
      port: 9443,
      blocking: {
        name: 'DenyAllOtherInbound',
        priority: 4096,
        access: 'deny',
        direction: 'inbound',
        isDefault: false,
      },
      taken: new Set([4096]),
    });
    expect(code).toContain('-g "<resource group>" --nsg-name cyclecloud-nsg');
    expect(shellProblems(code)).toEqual([]);
  });
});

describe('what the exports already say is not asked again', () => {
  it("names the nodes' resource group and VNet from the exports in the snippets, and says the peering is Connected", async () => {
    const d = await diagnosis(peered());
    const code = d.recommendation.snippets.map((s) => s.code).join('\n');
    // The nodes' subnet is hpc-vnet/compute in the peered exports (vnet-list.json), in resource group hpc-rg.
    expect(code).toMatch(/CLUSTER_RG="hpc-rg"\s+# from .*vnet-list\.json/);
    expect(code).toMatch(/CLUSTER_VNET="hpc-vnet"\s+# from .*vnet-list\.json/);
    expect(code).not.toContain("<the cluster's resource group>");
    expect(code).not.toContain("<the cluster's VNet>");
    const steps = d.recommendation.steps.join('\n');
    expect(steps).toContain('Your exports show both peerings Connected');
    expect(steps).not.toContain('Check both peerings show Connected');
  });

  it('still asks to check the peering when it was answered, not read from exports', async () => {
    const d = await diagnosis(['--server', 'other-vnet', '--peering', 'connected']);
    expect(d.recommendation.steps.join('\n')).toContain('Check both peerings show Connected');
    expect(d.recommendation.snippets.map((s) => s.code).join('\n')).toContain(
      "<the cluster's resource group>",
    );
  });
});
