// Evidence readers: every kind detected from its content, in az and REST shape, alone, in arrays and in bundles;
// bad files get one line naming what was expected and never echo the file.
import { describe, expect, it } from 'vitest';
import { EVIDENCE_LIMITS, readEvidenceText } from '../../knowledge/evidence/index.ts';
import { fixture, toRestShape } from './support.ts';

function kinds(name: string, text: string) {
  const read = readEvidenceText(name, text);
  if (!read.ok) throw new Error(read.problem);
  return read.evidence.files[0]?.kinds;
}

describe('evidence kinds read from content', () => {
  it('reads az network vnet list: VNets, subnets with NSG and route table, peerings with state and remote space', () => {
    const read = readEvidenceText('vnets.json', fixture('peered/vnet-list.json'));
    if (!read.ok) throw new Error(read.problem);
    const [cc, hpc] = read.evidence.vnets;
    expect(cc?.name).toBe('cc-vnet');
    expect(cc?.prefixTexts).toEqual(['10.0.0.0/16']);
    expect(cc?.subnets.map((s) => s.name)).toEqual(['cyclecloud', 'AzureBastionSubnet']);
    expect(cc?.subnets[0]?.nsgId).toMatch(/networkSecurityGroups\/cc-subnet-nsg$/);
    expect(cc?.peerings[0]).toMatchObject({
      name: 'cc-to-hpc',
      state: 'Connected',
      remoteVnetName: 'hpc-vnet',
      allowForwardedTraffic: false,
      useRemoteGateways: false,
    });
    expect(hpc?.subnets[0]?.serviceEndpoints).toEqual(['Microsoft.Storage']);
  });

  it('reads one VNet (vnet show), an NSG list with default rules, a NIC list with ASGs', () => {
    expect(kinds('v.json', fixture('initiated/hpc-vnet.json'))).toEqual({ vnet: 1 });
    const nsgs = readEvidenceText('n.json', fixture('peered/nsg-list.json'));
    if (!nsgs.ok) throw new Error(nsgs.problem);
    expect(nsgs.evidence.nsgs.map((n) => [n.name, n.rules.length, n.defaultRules?.length])).toEqual([
      ['cc-subnet-nsg', 3, 6],
      ['cyclecloud-nsg', 4, 6],
      ['compute-nsg', 4, 6],
    ]);
    const nics = readEvidenceText('nics.json', fixture('peered/nic-list.json'));
    if (!nics.ok) throw new Error(nics.problem);
    expect(
      nics.evidence.nics.map((n) => [
        n.name,
        n.vmName,
        n.ipConfigs[0]?.address,
        n.ipConfigs[0]?.asgIds.length,
      ]),
    ).toEqual([
      ['cyclecloud-nic', 'cyclecloud', '10.0.1.4', 0],
      ['scheduler-nic', 'scheduler', '10.1.0.4', 1],
      ['execute-1-nic', 'execute-1', '10.1.0.5', 0],
    ]);
  });

  it('reads nsg rule list (rules only: the NSG comes from the rule ids, defaults omitted)', () => {
    const read = readEvidenceText('rules.json', fixture('peered/compute-nsg-rule-list.json'));
    if (!read.ok) throw new Error(read.problem);
    expect(read.evidence.files[0]?.kinds).toEqual({ 'nsg-rules': 1 });
    expect(read.evidence.nsgs[0]).toMatchObject({ name: 'compute-nsg', rulesOnly: true, defaultRules: null });
  });

  it('reads list-effective-nsg with tags expanded, show-effective-route-table and route-table show', () => {
    const eff = readEvidenceText('eff.json', fixture('peered/scheduler-effective-nsg.json'));
    if (!eff.ok) throw new Error(eff.problem);
    const entry = eff.evidence.effectiveNsgs[0]?.entries[0];
    expect(entry?.association.kind).toBe('subnet');
    expect(entry?.tags.get('Storage')).toContain('20.60.0.0/16');
    expect(entry?.rules.find((r) => r.name === 'AllowStorageOutbound')?.destinationExpanded).toContain(
      '52.239.128.0/17',
    );
    expect(kinds('routes.json', fixture('forced-tunnel/scheduler-effective-routes.json'))).toEqual({
      'effective-routes': 1,
    });
    expect(kinds('rt.json', fixture('forced-tunnel/route-table.json'))).toEqual({ 'route-table': 1 });
  });

  it('reads a bundle, and documents written one after the other (az … >> file)', () => {
    const bundle = JSON.stringify({
      ccnetEvidence: 1,
      items: [
        {
          command: 'az network vnet show -g hpc-rg -n hpc-vnet',
          output: JSON.parse(fixture('initiated/hpc-vnet.json')),
        },
        {
          command: 'az network nic show-effective-route-table -g hpc-rg -n scheduler-nic',
          output: JSON.parse(fixture('forced-tunnel/scheduler-effective-routes.json')),
        },
        { command: 'az network nic list-effective-nsg -g hpc-rg -n stopped-nic', failed: true },
      ],
    });
    const read = readEvidenceText('bundle.json', bundle);
    if (!read.ok) throw new Error(read.problem);
    expect(read.evidence.files[0]?.kinds).toEqual({ vnet: 1, 'effective-routes': 1 });
    expect(read.evidence.effectiveRoutes[0]?.nicName).toBe('scheduler-nic');
    expect(read.notes.join('\n')).toMatch(/list-effective-nsg -g hpc-rg -n stopped-nic failed/);
    const appended = `${fixture('initiated/hpc-vnet.json')}\n${fixture('forced-tunnel/route-table.json')}`;
    expect(kinds('appended.json', appended)).toEqual({ vnet: 1, 'route-table': 1 });
  });

  it('reads the REST shape (fields under properties) as the same resources', () => {
    for (const name of [
      'peered/vnet-list.json',
      'peered/nsg-list.json',
      'peered/nic-list.json',
      'forced-tunnel/route-table.json',
    ]) {
      const az = readEvidenceText(name, fixture(name));
      const rest = readEvidenceText(name, JSON.stringify(toRestShape(JSON.parse(fixture(name)))));
      if (!az.ok || !rest.ok) throw new Error('unreadable');
      const strip = (e: unknown) =>
        JSON.parse(
          JSON.stringify(e, (k, v) =>
            k === 'resourceGroup' ? undefined : typeof v === 'bigint' ? String(v) : v,
          ),
        );
      expect(strip(rest.evidence)).toEqual(strip(az.evidence));
    }
  });

  it('reads resources whose type was trimmed away by their fields', () => {
    const trimmed = {
      name: 'nsg-x',
      securityRules: [
        {
          name: 'a',
          priority: 100,
          direction: 'Inbound',
          access: 'Deny',
          protocol: '*',
          sourceAddressPrefix: '*',
          destinationAddressPrefix: '*',
          destinationPortRange: '22',
          sourcePortRange: '*',
        },
      ],
    };
    expect(kinds('t.json', JSON.stringify(trimmed))).toEqual({ nsg: 1 });
  });

  it('tolerates the progress spinner az leaves in copied terminal output', () => {
    const copied = fixture('forced-tunnel/scheduler-effective-routes.json').replace('{', '{- Finished ..');
    expect(kinds('copied.json', copied)).toEqual({ 'effective-routes': 1 });
  });
});

describe('files that are not evidence', () => {
  const problem = (text: string) => {
    const read = readEvidenceText('f.json', text);
    return read.ok ? 'read' : read.problem;
  };

  it('says what was expected, once, for JSON of another kind', () => {
    const p = problem(
      JSON.stringify({
        type: 'Microsoft.Compute/virtualMachines',
        name: 'vm1',
        properties: { hardwareProfile: {} },
      }),
    );
    expect(p).toMatch(
      /^not an evidence export ccnet reads \(found type Microsoft\.Compute\/virtualMachines; expected the JSON of az network vnet show\|list/,
    );
    expect(p.split('\n')).toHaveLength(1);
  });

  it('names the line and column of broken JSON, and of text that is not JSON, without echoing it', () => {
    expect(problem('[\n  {"name": "a",}\n]')).toMatch(/^line 2, column \d+: not valid JSON$/);
    const secret = 'password=hunter2 <script>';
    const p = problem(secret);
    expect(p).toBe('line 1, column 1: expected JSON (an object or array, as az … -o json prints)');
    expect(p).not.toContain('hunter2');
  });

  it('caps depth and size, and says a cut-off file is cut off', () => {
    const deep = `${'['.repeat(EVIDENCE_LIMITS.maxDepth + 1)}${']'.repeat(EVIDENCE_LIMITS.maxDepth + 1)}`;
    expect(problem(deep)).toMatch(/nested deeper than 64 levels/);
    expect(problem('x'.repeat(EVIDENCE_LIMITS.maxChars + 1))).toMatch(/^larger than 32 MB/);
    expect(problem(fixture('initiated/hpc-vnet.json').slice(0, 300))).toMatch(/ends before it is complete/);
    expect(problem('   \n')).toMatch(/^empty/);
  });

  it('keeps __proto__ and constructor keys inert', () => {
    const hostile =
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "name": "v", "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": []}';
    const read = readEvidenceText('h.json', hostile);
    expect(read.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
