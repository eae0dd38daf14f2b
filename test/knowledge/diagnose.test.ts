// diagnose() as a whole: never throws, always valid, uses the template's own names, merges facts from the
// template and the pasted message under what the user said.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CYCLECLOUD_VERSIONS,
  DiagnosisSchema,
  diagnose,
  FIREWALLS,
  LINKS,
  OPERATING_SYSTEMS,
  PEERING_STATES,
  PRIVATE_LINKS,
  SERVER_LOCATIONS,
  type Situation,
} from '../../knowledge/index.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { allSnippetCode, diagnoseValid, findingsOf, template } from './support.ts';

const situations: fc.Arbitrary<Situation> = fc.record(
  {
    link: fc.constantFrom(...LINKS),
    cyclecloudVersion: fc.constantFrom(...CYCLECLOUD_VERSIONS),
    serverLocation: fc.constantFrom(...SERVER_LOCATIONS),
    peering: fc.constantFrom(...PEERING_STATES),
    hubAndSpoke: fc.boolean(),
    sameRegion: fc.boolean(),
    privateLink: fc.constantFrom(...PRIVATE_LINKS),
    publicIpAllowed: fc.boolean(),
    firewall: fc.constantFrom(...FIREWALLS),
    blockedPorts: fc.array(fc.constantFrom(22, 443, 5672, 8652, 9443, 37140, 37141), { maxLength: 4 }),
    openPorts: fc.array(fc.constantFrom(22, 443, 5672, 9443, 37140, 37141), { maxLength: 4 }),
    proxyCandidateOs: fc.constantFrom(...OPERATING_SYSTEMS),
  },
  { requiredKeys: [] },
);

const slurm = template(
  '[cluster slurm]',
  '  [[node defaults]]',
  '  SubnetId = $SubnetId',
  '  KeyPairLocation = ~/.ssh/cyclecloud.pem',
  '  [[node scheduler]]',
  '  ImageName = cycle.image.ubuntu22',
  '  IsReturnProxy = $ReturnProxy',
  '    [[[network-interface eth0]]]',
  '    AssociatePublicIpAddress = $UsePublicNetwork',
  '  [[nodearray hpc]]',
  '  ImageName = cycle.image.ubuntu22',
  '[parameters About]',
  '  [[parameters Advanced Networking]]',
  '    [[[parameter ReturnProxy]]]',
  '    DefaultValue = false',
  '    [[[parameter UsePublicNetwork]]]',
  '    DefaultValue = false',
  '    [[[parameter SubnetId]]]',
);

describe('diagnose', () => {
  it('never throws and always matches the schema, for any situation, with and without a template', () => {
    const parsed = parseTemplate(slurm);
    fc.assert(
      fc.property(situations, fc.boolean(), (situation, withTemplate) => {
        const d = diagnose(withTemplate ? { situation, template: parsed } : { situation });
        return DiagnosisSchema.safeParse(d).success && (d.topology !== undefined) === withTemplate;
      }),
    );
  });

  it('ignores invalid situation fields from JSON and says so, instead of crashing', () => {
    const situation = {
      cyclecloudVersion: 9,
      peering: 'maybe',
      serverLocation: 'same-vnet',
      colour: 'red',
    } as unknown as Situation;
    const d = diagnose({ situation });
    expect(DiagnosisSchema.safeParse(d).success).toBe(true);
    expect(d.recommendation.option).toBe('direct');
    expect(d.assumptions.join('\n')).toMatch(/Ignored cyclecloudVersion = 9/);
    expect(d.assumptions.join('\n')).toMatch(/Ignored unknown situation field "colour"/);
    expect(
      DiagnosisSchema.safeParse(diagnose(null as unknown as Parameters<typeof diagnose>[0])).success,
    ).toBe(true);
  });

  it('writes snippets with the template names: cluster, proxy node, subnet parameter, parameters to set', () => {
    const d = diagnoseValid(
      { cyclecloudVersion: 8, serverLocation: 'other-vnet', peering: 'impossible', publicIpAllowed: true },
      slurm,
    );
    const code = allSnippetCode(d);
    expect(code).toContain('"ReturnProxy":true');
    expect(code).toContain('"UsePublicNetwork":true');
    expect(code).toContain('# Nodes of slurm -> scheduler (return proxy)');
    expect(d.recommendation.connections.find((f) => f.port === 37140)).toMatchObject({
      from: 'nodes of slurm ($SubnetId)',
      to: 'scheduler (return proxy)',
    });
    expect(d.recommendation.steps[0]).toContain('ReturnProxy = true');
  });

  it('fills resource group and VNet from a literal SubnetId in the peering commands', () => {
    const d = diagnoseValid(
      { cyclecloudVersion: 8, serverLocation: 'other-vnet', peering: 'none' },
      template('[cluster grid]', '[[node scheduler]]', 'SubnetId = hpc-rg/hpc-vnet/compute'),
    );
    const code = allSnippetCode(d);
    expect(code).toContain('CLUSTER_RG="hpc-rg"  # from SubnetId = hpc-rg/hpc-vnet/compute in the template');
    expect(code).toContain('CLUSTER_VNET="hpc-vnet"');
    expect(code).toContain(
      'az network vnet peering create -g "$CLUSTER_RG" -n grid-to-cyclecloud --vnet-name "$CLUSTER_VNET"',
    );
    // The node subnet's range is read from Azure, not left as a placeholder
    expect(code).toContain('CLUSTER_SUBNET="compute"');
    expect(code).toContain('CLUSTER_CIDR=$(az network vnet subnet show -g "$CLUSTER_RG"');
    expect(code).toContain('--source-address-prefixes "$CLUSTER_CIDR"');
  });

  it("fills CycleCloud's address in the snippets from the pasted message", () => {
    const pasted = 'Timed out connecting to CycleCloud at https://10.1.0.4:9443';
    const d = diagnoseValid({ serverLocation: 'same-vnet', firewall: 'nsg' }, undefined, pasted);
    const code = allSnippetCode(d);
    expect(code).toContain('CC_IP="10.1.0.4"  # from the pasted message');
    expect(code).not.toContain('CC_IP="<CycleCloud\'s private IP>"');
  });

  it('takes facts from the pasted message, with what the user said winning', () => {
    const pasted = 'Could not connect to CycleCloud at https://10.0.0.4:5672';
    const d = diagnoseValid({ serverLocation: 'same-vnet' }, undefined, pasted);
    expect(d.symptom?.id).toBe('could-not-connect');
    expect(d.recommendation.connections.map((f) => f.port)).toContain(5672);
    expect(d.assumptions).toContain('CycleCloud 7 inferred from port 5672 in the pasted message.');
    const told = diagnoseValid({ serverLocation: 'same-vnet', cyclecloudVersion: 8 }, undefined, pasted);
    expect(told.recommendation.connections.map((f) => f.port)).not.toContain(5672);
  });

  it('reports an unrecognised paste as such, with no facts drawn from it', () => {
    const d = diagnoseValid({}, undefined, 'segmentation fault (core dumped)');
    expect(d.symptom?.recognised).toBe(false);
    expect(d.assumptions.some((a) => a.includes('inferred'))).toBe(false);
  });

  it('takes the proxy candidate OS from the template', () => {
    const hpcpack = template(
      '[cluster hpcpack]',
      '[[node hn]]',
      'ImageOS = windows',
      '[[nodearray cn]]',
      'ImageOS = windows',
    );
    const d = diagnoseValid(
      { cyclecloudVersion: 8, serverLocation: 'on-premises', privateLink: 'none', publicIpAllowed: true },
      hpcpack,
    );
    expect(allSnippetCode(d)).toContain('[cluster hpcpack]\n  [[node proxy]]');
    expect(d.recommendation.steps[0]).toContain('hn runs Windows');
    expect(findingsOf(d, 'CCN013')[0]?.fix).toContain('[[node proxy]]');
  });

  it('passes the parser findings through', () => {
    const d = diagnoseValid({}, '');
    expect(d.findings.some((f) => f.rule === 'CCN107')).toBe(true);
    expect(d.topology).toEqual({ cluster: null, nodes: [] });
  });
});
