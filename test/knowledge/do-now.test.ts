// The next action first: a headline specific to the case and at most three "do now" lines with the one snippet that
// fixes it, taken from the recommendation's own snippets and written with the template's names.
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../knowledge/index.ts';
import { diagnoseValid, template } from './support.ts';

const slurmLike = template(
  '[cluster hpc]',
  '[[node scheduler]]',
  'IsReturnProxy = $ReturnProxy',
  'SubnetId = hpc-rg/hpc-vnet/compute',
  '[[[network-interface eth0]]]',
  'AssociatePublicIpAddress = $UsePublicNetwork',
  '[parameters Advanced]',
  '[[parameters Networking]]',
  '[[[parameter ReturnProxy]]]',
  'DefaultValue = true',
  '[[[parameter UsePublicNetwork]]]',
  'DefaultValue = false',
);

function snippetIsOneOfTheAnswers(d: Diagnosis): void {
  const fix = d.recommendation.doNow.snippet;
  expect(fix).toBeDefined();
  expect(d.recommendation.snippets).toContainEqual(fix);
}

describe('do now', () => {
  it('peering: the headline names the cluster VNet, the fix is the peering command, the proxy goes off', () => {
    const d = diagnoseValid(
      { cyclecloudVersion: 8, serverLocation: 'other-vnet', peering: 'none', firewall: 'nsg' },
      slurmLike,
    );
    const r = d.recommendation;
    expect(r.headline).toContain('hpc-vnet');
    expect(r.doNow.lines.length).toBeLessThanOrEqual(3);
    expect(r.doNow.lines.join('\n')).toContain('Set parameter ReturnProxy = false');
    expect(r.doNow.snippet?.code).toContain('az network vnet peering create -g "$CLUSTER_RG"');
    snippetIsOneOfTheAnswers(d);
  });

  it('return proxy: the fix turns the proxy on with the template parameter and gives it a public IP', () => {
    const d = diagnoseValid(
      {
        cyclecloudVersion: 8,
        serverLocation: 'other-vnet',
        peering: 'policy',
        publicIpAllowed: true,
        firewall: 'nsg',
      },
      slurmLike,
    );
    const r = d.recommendation;
    expect(r.option).toBe('return-proxy');
    expect(r.headline).toMatch(/^Return proxy on scheduler with a public IP/);
    expect(r.doNow.snippet?.code).toContain('"UsePublicNetwork":true');
    snippetIsOneOfTheAnswers(d);
  });

  it('user access: create a Standard Bastion in AzureBastionSubnet, connect with az network bastion ssh', () => {
    const d = diagnoseValid({ link: 'user-to-node' }, slurmLike);
    expect(d.recommendation.doNow.snippet?.code).toContain('--sku Standard --enable-tunneling true');
    expect(d.recommendation.doNow.snippet?.code).toContain('-n AzureBastionSubnet');
    expect(d.recommendation.doNow.lines.join('\n')).toContain('az network bastion ssh');
  });

  it('every do-now line and source tag resolves: sources are among the references', () => {
    const d = diagnoseValid(
      { cyclecloudVersion: 7, serverLocation: 'on-premises', privateLink: 'none' },
      slurmLike,
    );
    const cited = new Set(d.recommendation.references.map((r) => r.source));
    for (const tag of d.recommendation.doNow.sources) expect(cited.has(tag), tag).toBe(true);
    for (const tags of [...d.recommendation.whySources, ...d.recommendation.stepSources]) {
      for (const tag of tags) expect(cited.has(tag), tag).toBe(true);
    }
    expect(d.recommendation.whySources).toHaveLength(d.recommendation.why.length);
    expect(d.recommendation.stepSources).toHaveLength(d.recommendation.steps.length);
  });
});
