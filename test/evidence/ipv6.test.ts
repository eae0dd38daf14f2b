// IPv6 is compared as numbers too: dual-stack subnets, IPv6 rules, and IPv4-only prefixes that never match IPv6.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccnet } from '../support/cli-io.ts';
import { decided, indexOf, verdict } from './support.ts';
import { worldFiles } from './world.ts';

const SUB = '/subscriptions/1/resourceGroups/v6-rg/providers/Microsoft.Network';

function dualStack(rules: Array<Record<string, unknown>>) {
  const vnet = {
    addressSpace: { addressPrefixes: ['10.0.0.0/16', 'fd00:db8:a::/48'] },
    id: `${SUB}/virtualNetworks/v6`,
    name: 'v6',
    subnets: ['1', '2'].map((n) => ({
      addressPrefixes: [`10.0.${n}.0/24`, `fd00:db8:a:${n}::/64`],
      id: `${SUB}/virtualNetworks/v6/subnets/s${n}`,
      name: `s${n}`,
      networkSecurityGroup: n === '2' ? { id: `${SUB}/networkSecurityGroups/nsg2` } : undefined,
      type: 'Microsoft.Network/virtualNetworks/subnets',
    })),
    type: 'Microsoft.Network/virtualNetworks',
    virtualNetworkPeerings: [],
  };
  const nsg = {
    id: `${SUB}/networkSecurityGroups/nsg2`,
    name: 'nsg2',
    securityRules: rules.map((r, i) => ({
      name: `r${i}`,
      direction: 'Inbound',
      protocol: 'Tcp',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      destinationPortRange: '*',
      ...r,
    })),
    type: 'Microsoft.Network/networkSecurityGroups',
  };
  return indexOf({ 'vnet.json': JSON.stringify(vnet), 'nsg.json': JSON.stringify(nsg) });
}

describe('IPv6', () => {
  it('places IPv6 addresses in dual-stack subnets and matches IPv6 prefixes numerically', () => {
    const w = dualStack([{ priority: 100, access: 'Deny', sourceAddressPrefix: 'fd00:db8:a:1::/64' }]);
    expect(decided(verdict(w, 'fd00:db8:a:1::4,fd00:db8:a:2::4,22'))).toBe('deny nsg2/r0@100');
    expect(decided(verdict(w, 'fd00:db8:a:1:ffff::9,fd00:db8:a:2::4,22'))).toBe('deny nsg2/r0@100');
    expect(decided(verdict(w, '10.0.1.4,10.0.2.4,22'))).toBe('allow nsg2/AllowVnetInBound@65000');
  });

  it('an IPv4 prefix, 0.0.0.0/0 included, never matches an IPv6 address; * matches both', () => {
    const v4 = dualStack([{ priority: 100, access: 'Deny', sourceAddressPrefix: '0.0.0.0/0' }]);
    expect(decided(verdict(v4, 'fd00:db8:a:1::4,fd00:db8:a:2::4,22'))).toBe(
      'allow nsg2/AllowVnetInBound@65000',
    );
    const any = dualStack([{ priority: 100, access: 'Deny', sourceAddressPrefix: '*' }]);
    expect(decided(verdict(any, 'fd00:db8:a:1::4,fd00:db8:a:2::4,22'))).toBe('deny nsg2/r0@100');
  });

  it('refuses a flow from an IPv6 address to an IPv4 one in one line, instead of a verdict', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-v6-'));
    const evidence = Object.entries(worldFiles({})).flatMap(([name, text]) => {
      writeFileSync(path.join(dir, name), text);
      return ['--evidence', path.join(dir, name)];
    });
    const r = await ccnet(['verify-flow', ...evidence, '--flow', 'fd00:db8::4,10.0.2.4,22']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      'ccnet verify-flow: --flow fd00:db8::4,10.0.2.4,22: fd00:db8::4 is IPv6 and 10.0.2.4 (NIC b1, subnet lab/b) is IPv4: no packet goes from one to the other; name two addresses of the same family',
    );
  });
});
