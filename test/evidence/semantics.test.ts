// The semantics table, row by row: each row is cited to learn.microsoft.com and proved by a case of its own whose
// expected verdict is written here from the documentation, not taken from the implementation.
import { describe, expect, it } from 'vitest';
import { SEMANTICS, type SemanticsRow } from '../../knowledge/evidence/index.ts';
import { decided, indexOf, verdict } from './support.ts';
import { type RuleSpec, world, worldFiles } from './world.ts';

const inboundB = (rules: RuleSpec[]) => world({ nsgs: { 'nsg-b': rules }, attach: { 'nsg-b': 'subnet:b' } });

const CASES: Record<keyof typeof SEMANTICS, Array<[string, () => void]>> = {
  PRIORITY_ORDER: [
    [
      'the lower number decides, wherever it sits in the file',
      () => {
        const w = inboundB([
          { name: 'allow-late', priority: 200, port: '9443' },
          { name: 'deny-first', priority: 100, port: '9443', access: 'Deny' },
        ]);
        expect(decided(verdict(w, '10.0.1.4,10.0.2.4,9443'))).toBe('deny nsg-b/deny-first@100');
      },
    ],
  ],
  FIVE_TUPLE: [
    [
      "a rule on part of the client ports leaves the verdict to the client's source port; one on port 80 never matches a client",
      () => {
        const part = inboundB([
          { name: 'some-clients', priority: 100, port: '9443', sourcePort: '40000-50000', access: 'Deny' },
        ]);
        const v = verdict(part, '10.0.1.4,10.0.2.4,9443');
        expect(v.verdict).toBe('unknown');
        expect(v.reason).toMatch(/source port/);
        const fixed = inboundB([
          { name: 'from-80', priority: 100, port: '9443', sourcePort: '80', access: 'Deny' },
        ]);
        expect(verdict(fixed, '10.0.1.4,10.0.2.4,9443').verdict).toBe('allow');
      },
    ],
  ],
  INBOUND_ORDER: [
    [
      'subnet NSG first: its deny decides and the NIC NSG is never read',
      () => {
        const w = world({
          nsgs: {
            'sub-b': [{ name: 'deny', priority: 100, access: 'Deny' }],
            'nic-b1': [{ name: 'allow', priority: 100 }],
          },
          attach: { 'sub-b': 'subnet:b', 'nic-b1': 'nic:b1' },
        });
        const v = verdict(w, '10.0.1.4,10.0.2.4,22');
        expect(v.hops.map((h) => h.nsg)).toEqual(['sub-b']);
        expect(decided(v)).toBe('deny sub-b/deny@100');
      },
    ],
    [
      'both must allow: the subnet allows, the NIC denies',
      () => {
        const w = world({
          nsgs: {
            'sub-b': [{ name: 'allow', priority: 100 }],
            'nic-b1': [{ name: 'deny', priority: 100, access: 'Deny' }],
          },
          attach: { 'sub-b': 'subnet:b', 'nic-b1': 'nic:b1' },
        });
        const v = verdict(w, '10.0.1.4,10.0.2.4,22');
        expect(v.hops.map((h) => `${h.attachedTo}:${h.access}`)).toEqual(['subnet b:allow', 'nic b1:deny']);
      },
    ],
    [
      'traffic inside one subnet is filtered by its NSG too',
      () => {
        const w = inboundB([{ name: 'deny-ssh', priority: 100, port: '22', access: 'Deny' }]);
        expect(decided(verdict(w, '10.0.2.5,10.0.2.4,22'))).toBe('deny nsg-b/deny-ssh@100');
      },
    ],
  ],
  OUTBOUND_ORDER: [
    [
      'outbound: the NIC NSG first, so its deny stops the flow before the subnet NSG',
      () => {
        const w = world({
          nsgs: {
            'nic-a1': [{ name: 'deny-out', priority: 100, direction: 'Outbound', access: 'Deny' }],
            'sub-a': [{ name: 'allow-out', priority: 100, direction: 'Outbound' }],
          },
          attach: { 'nic-a1': 'nic:a1', 'sub-a': 'subnet:a' },
        });
        const v = verdict(w, '10.0.1.4,10.0.2.4,22');
        expect(v.hops.map((h) => `${h.nsg}:${h.direction}:${h.access}`)).toEqual(['nic-a1:outbound:deny']);
      },
    ],
  ],
  MISSING_NSG_ALLOWS: [
    [
      'no NSG on either subnet or NIC: allowed, no hops',
      () => {
        const v = verdict(world({}), '10.0.1.4,10.0.2.4,5432');
        expect(v.verdict).toBe('allow');
        expect(v.hops).toEqual([]);
      },
    ],
  ],
  DEFAULT_RULES: [
    [
      'an NSG exported without rules still denies the Internet inbound (65500) and allows the VNet (65000)',
      () => {
        const w = inboundB([]);
        expect(decided(verdict(w, '52.10.20.30,10.0.2.4,22'))).toBe('deny nsg-b/DenyAllInBound@65500');
        expect(decided(verdict(w, '10.0.1.4,10.0.2.4,22'))).toBe('allow nsg-b/AllowVnetInBound@65000');
        // VirtualNetwork holds the host address 168.63.129.16 too, so a health probe meets 65000 first.
        expect(decided(verdict(w, '168.63.129.16,10.0.2.4,80'))).toBe('allow nsg-b/AllowVnetInBound@65000');
      },
    ],
    [
      'outbound defaults: VNet at 65000, Internet at 65001',
      () => {
        const w = world({ nsgs: { 'nsg-a': [] }, attach: { 'nsg-a': 'subnet:a' } });
        expect(decided(verdict(w, '10.0.1.4,10.0.2.4,22'))).toBe('allow nsg-a/AllowVnetOutBound@65000');
        expect(decided(verdict(w, '10.0.1.4,93.184.216.34,443'))).toBe(
          'allow nsg-a/AllowInternetOutBound@65001',
        );
      },
    ],
  ],
  PROTOCOLS: [
    [
      'a Udp rule does not match TCP; Icmp matches neither; * matches both',
      () => {
        const w = inboundB([
          { name: 'deny-udp', priority: 100, protocol: 'Udp', access: 'Deny', port: '9443' },
          { name: 'deny-icmp', priority: 110, protocol: 'Icmp', access: 'Deny' },
          { name: 'deny-any', priority: 120, protocol: '*', access: 'Deny', port: '7000' },
        ]);
        expect(verdict(w, '10.0.1.4,10.0.2.4,9443,tcp').verdict).toBe('allow');
        expect(decided(verdict(w, '10.0.1.4,10.0.2.4,9443,udp'))).toBe('deny nsg-b/deny-udp@100');
        expect(decided(verdict(w, '10.0.1.4,10.0.2.4,7000,udp'))).toBe('deny nsg-b/deny-any@120');
        expect(decided(verdict(w, '10.0.1.4,10.0.2.4,7000,tcp'))).toBe('deny nsg-b/deny-any@120');
      },
    ],
  ],
  ADDRESSES: [
    [
      'CIDRs compare as numbers, not strings: 10.0.1.0/25 holds .100 but not .200',
      () => {
        const w = inboundB([{ name: 'deny-low-half', priority: 100, access: 'Deny', source: '10.0.1.0/25' }]);
        expect(verdict(w, '10.0.1.100,10.0.2.4,22').verdict).toBe('deny');
        expect(verdict(w, '10.0.1.200,10.0.2.4,22').verdict).toBe('allow');
      },
    ],
    [
      'a list of single IPs and CIDRs, and * / Any / 0.0.0.0/0 for every address',
      () => {
        const list = inboundB([
          { name: 'deny-list', priority: 100, access: 'Deny', source: ['10.0.1.9', '10.0.3.0/24'] },
        ]);
        expect(verdict(list, '10.0.1.9,10.0.2.4,22').verdict).toBe('deny');
        expect(verdict(list, '10.0.1.90,10.0.2.4,22').verdict).toBe('allow');
        for (const any of ['*', 'Any', '0.0.0.0/0']) {
          const w = inboundB([{ name: 'deny-all', priority: 100, access: 'Deny', source: any }]);
          expect(decided(verdict(w, '10.0.1.4,10.0.2.4,22'))).toBe('deny nsg-b/deny-all@100');
        }
      },
    ],
    [
      'a subnet-wide source that is half allowed and half denied is undetermined, and says where it splits',
      () => {
        const w = inboundB([{ name: 'deny-low-half', priority: 100, access: 'Deny', source: '10.0.1.0/25' }]);
        const v = verdict(w, 'lab/a,10.0.2.4,22');
        expect(v.verdict).toBe('unknown');
        expect(v.reason).toContain('10.0.1.0/25 deny (deny-low-half)');
        expect(v.reason).toContain('10.0.1.128/25 allow (AllowVnetInBound)');
      },
    ],
  ],
  PORTS: [
    [
      'a range, a list, and a comma-separated string of ports',
      () => {
        const w = inboundB([
          { name: 'range', priority: 100, access: 'Deny', port: '9000-9500' },
          { name: 'list', priority: 110, access: 'Deny', port: ['22', '8080'] },
          { name: 'commas', priority: 120, access: 'Deny', port: '3389,5985' },
        ]);
        expect(decided(verdict(w, '10.0.1.4,10.0.2.4,9443'))).toBe('deny nsg-b/range@100');
        expect(decided(verdict(w, '10.0.1.4,10.0.2.4,8080'))).toBe('deny nsg-b/list@110');
        expect(decided(verdict(w, '10.0.1.4,10.0.2.4,5985'))).toBe('deny nsg-b/commas@120');
        expect(verdict(w, '10.0.1.4,10.0.2.4,9501').verdict).toBe('allow');
      },
    ],
  ],
  ASG: [
    [
      "a rule on an ASG matches its members' NICs only; without the NIC the verdict is open",
      () => {
        const spec = {
          nsgs: {
            'nsg-b': [
              { name: 'allow-db', priority: 100, port: '5432', destinationAsg: 'db-servers' },
              { name: 'deny-5432', priority: 200, port: '5432', access: 'Deny' as const },
            ],
          },
          attach: { 'nsg-b': 'subnet:b' },
          asgMembers: { 'db-servers': ['b1'] },
        };
        const w = world(spec);
        expect(decided(verdict(w, '10.0.1.4,10.0.2.4,5432'))).toBe('allow nsg-b/allow-db@100');
        expect(decided(verdict(w, '10.0.1.4,10.0.2.5,5432'))).toBe('deny nsg-b/deny-5432@200');
        const unknownNic = verdict(w, '10.0.1.4,10.0.2.77,5432');
        expect(unknownNic.verdict).toBe('unknown');
        expect(unknownNic.reason).toMatch(/application security group db-servers/);
      },
    ],
  ],
  PLATFORM_ADDRESSES: [
    [
      'IMDS passes an outbound deny-all: NSGs do not filter it',
      () => {
        const w = world({
          nsgs: { 'nsg-a': [{ name: 'deny-out', priority: 100, direction: 'Outbound', access: 'Deny' }] },
          attach: { 'nsg-a': 'subnet:a' },
        });
        expect(verdict(w, '10.0.1.4,169.254.169.254,80').verdict).toBe('allow');
        expect(verdict(w, '10.0.1.4,10.0.2.4,80').verdict).toBe('deny');
      },
    ],
  ],
  TAG_VIRTUAL_NETWORK: [
    [
      "a Connected peering's space is VirtualNetwork; an Initiated one's is not",
      () => {
        const peered = (state: string) =>
          world({
            nsgs: { 'nsg-b': [] },
            attach: { 'nsg-b': 'subnet:b' },
            peerings: [{ name: 'to-hub', state, remote: 'hub', prefixes: ['10.50.0.0/16'] }],
          });
        expect(decided(verdict(peered('Connected'), '10.50.0.4,10.0.2.4,22'))).toBe(
          'allow nsg-b/AllowVnetInBound@65000',
        );
        expect(decided(verdict(peered('Initiated'), '10.50.0.4,10.0.2.4,22'))).toBe(
          'deny nsg-b/DenyAllInBound@65500',
        );
      },
    ],
    [
      "the prefixes of the subnet's user-defined routes are VirtualNetwork too",
      () => {
        const w = world({
          nsgs: { 'nsg-b': [] },
          attach: { 'nsg-b': 'subnet:b' },
          routeTable: {
            name: 'rt-b',
            subnet: 'b',
            routes: [{ name: 'onprem', prefix: '192.168.40.0/24', hop: 'VirtualAppliance', ip: '10.0.1.10' }],
          },
        });
        expect(decided(verdict(w, '192.168.40.7,10.0.2.4,22'))).toBe('allow nsg-b/AllowVnetInBound@65000');
      },
    ],
  ],
  TAG_AZURE_LOAD_BALANCER: [
    [
      'AzureLoadBalancer is 168.63.129.16',
      () => {
        const w = inboundB([{ name: 'deny-lb', priority: 100, access: 'Deny', source: 'AzureLoadBalancer' }]);
        expect(decided(verdict(w, '168.63.129.16,10.0.2.4,80'))).toBe('deny nsg-b/deny-lb@100');
        expect(verdict(w, '168.63.129.17,10.0.2.4,80').hops.at(-1)?.rule?.name).toBe('DenyAllInBound');
      },
    ],
  ],
  TAG_INTERNET: [
    [
      'a public address is Internet; a private address outside the VNet is not',
      () => {
        const w = inboundB([{ name: 'deny-internet', priority: 100, access: 'Deny', source: 'Internet' }]);
        expect(decided(verdict(w, '52.10.20.30,10.0.2.4,22'))).toBe('deny nsg-b/deny-internet@100');
        expect(decided(verdict(w, '192.168.5.5,10.0.2.4,22'))).toBe('deny nsg-b/DenyAllInBound@65500');
        expect(decided(verdict(w, '10.0.1.4,10.0.2.4,22'))).toBe('allow nsg-b/AllowVnetInBound@65000');
      },
    ],
  ],
  TAG_OTHER: [
    [
      'Storage without an effective-NSG export: "depends on service tag Storage", never a guess',
      () => {
        const w = world({
          nsgs: {
            'nsg-a': [
              {
                name: 'deny-storage',
                priority: 100,
                direction: 'Outbound',
                access: 'Deny',
                destination: 'Storage',
                port: '443',
              },
            ],
          },
          attach: { 'nsg-a': 'subnet:a' },
        });
        const v = verdict(w, '10.0.1.4,20.60.1.1,443');
        expect(v.verdict).toBe('unknown');
        expect(v.reason).toMatch(/depends on service tag Storage/);
        expect(verdict(w, '10.0.1.4,10.0.2.4,443').verdict).toBe('allow');
        expect(decided(verdict(w, 'a1,Storage,443'))).toBe('deny nsg-a/deny-storage@100');
      },
    ],
    [
      "with an effective-NSG export, the tag's prefixes decide",
      () => {
        const files = worldFiles({
          nsgs: {
            'nsg-a': [
              {
                name: 'deny-storage',
                priority: 100,
                direction: 'Outbound',
                access: 'Deny',
                destination: 'Storage',
                port: '443',
              },
            ],
          },
          attach: { 'nsg-a': 'subnet:a' },
        });
        files['effective.json'] = JSON.stringify({
          value: [
            {
              association: {
                subnet: {
                  id: '/subscriptions/x/resourceGroups/other/providers/Microsoft.Network/virtualNetworks/o/subnets/s',
                },
              },
              effectiveSecurityRules: [],
              networkSecurityGroup: {
                id: '/subscriptions/x/resourceGroups/other/providers/Microsoft.Network/networkSecurityGroups/o',
              },
              tagMap: { Storage: ['20.60.0.0/16'] },
            },
          ],
        });
        const w = indexOf(files);
        expect(decided(verdict(w, '10.0.1.4,20.60.1.1,443'))).toBe('deny nsg-a/deny-storage@100');
        expect(verdict(w, '10.0.1.4,20.61.1.1,443').verdict).toBe('allow');
      },
    ],
    [
      'a regional tag matches its own region and the whole tag, never another region',
      () => {
        const w = world({
          nsgs: {
            'nsg-a': [
              {
                name: 'allow-eastus',
                priority: 100,
                direction: 'Outbound',
                destination: 'Storage.EastUS',
                port: '443',
              },
              {
                name: 'deny-storage',
                priority: 200,
                direction: 'Outbound',
                access: 'Deny',
                destination: 'Storage',
                port: '443',
              },
            ],
          },
          attach: { 'nsg-a': 'subnet:a' },
        });
        expect(decided(verdict(w, 'a1,Storage.EastUS,443'))).toBe('allow nsg-a/allow-eastus@100');
        expect(decided(verdict(w, 'a1,Storage.WestEurope,443'))).toBe('deny nsg-a/deny-storage@200');
        const whole = verdict(w, 'a1,Storage,443');
        expect(whole.verdict).toBe('unknown');
        expect(whole.reason).toMatch(/depends on the region of Storage \(the rule names Storage\.EastUS\)/);
      },
    ],
  ],
  EFFECTIVE_RULES: [
    [
      "a NIC's effective rules are used as Azure applies them, their expanded prefixes included",
      () => {
        const files = worldFiles({ nsgs: { 'nsg-b': [] }, attach: { 'nsg-b': 'subnet:b' } });
        files['b1-effective.json'] = JSON.stringify({
          value: [
            {
              association: {
                networkInterface: {
                  id: '/subscriptions/2b7c5e9a-4d1f-4a36-8e02-6c9d3f1b7a54/resourceGroups/lab-rg/providers/Microsoft.Network/networkInterfaces/b1',
                },
              },
              effectiveSecurityRules: [
                {
                  access: 'Deny',
                  destinationAddressPrefix: '0.0.0.0/0',
                  destinationPortRange: '22-22',
                  direction: 'Inbound',
                  expandedSourceAddressPrefix: ['10.0.0.0/16', '10.99.0.0/16', '168.63.129.16/32'],
                  name: 'securityRules/deny-vnet-ssh',
                  priority: 100,
                  protocol: 'Tcp',
                  sourceAddressPrefix: 'VirtualNetwork',
                  sourcePortRange: '0-65535',
                },
              ],
              networkSecurityGroup: {
                id: '/subscriptions/2b7c5e9a-4d1f-4a36-8e02-6c9d3f1b7a54/resourceGroups/lab-rg/providers/Microsoft.Network/networkSecurityGroups/nic-b1-nsg',
              },
            },
          ],
        });
        const w = indexOf(files);
        expect(decided(verdict(w, '10.0.1.4,10.0.2.4,22'))).toBe('deny nic-b1-nsg/deny-vnet-ssh@100');
        // The export shows VirtualNetwork holds 10.99.0.0/16 (learned through a gateway): b2's subnet NSG admits it.
        expect(decided(verdict(w, '10.99.0.5,10.0.2.5,22'))).toBe('allow nsg-b/AllowVnetInBound@65000');
        const withoutExport = world({ nsgs: { 'nsg-b': [] }, attach: { 'nsg-b': 'subnet:b' } });
        expect(decided(verdict(withoutExport, '10.99.0.5,10.0.2.5,22'))).toBe(
          'deny nsg-b/DenyAllInBound@65500',
        );
      },
    ],
  ],
  LONGEST_PREFIX: [
    [
      'the /24 beats the /16 that also holds the address',
      () => {
        const w = world({
          routeTable: {
            name: 'rt-a',
            subnet: 'a',
            routes: [
              { name: 'wide', prefix: '10.5.0.0/16', hop: 'VirtualAppliance', ip: '10.0.2.10' },
              { name: 'narrow', prefix: '10.5.1.0/24', hop: 'None' },
            ],
          },
        });
        const dropped = verdict(w, '10.0.1.4,10.5.1.4,443');
        expect(dropped.verdict).toBe('deny');
        expect(dropped.route?.name).toBe('narrow');
        expect(verdict(w, '10.0.1.4,10.5.2.4,443').route?.name).toBe('wide');
      },
    ],
  ],
  SAME_PREFIX: [
    [
      "a user route for the VNet's own prefix beats the system VnetLocal route",
      () => {
        const w = world({
          routeTable: {
            name: 'rt-a',
            subnet: 'a',
            routes: [
              { name: 'inspect-vnet', prefix: '10.0.0.0/16', hop: 'VirtualAppliance', ip: '10.0.2.10' },
            ],
          },
        });
        expect(verdict(w, '10.0.1.4,10.0.2.4,22').route?.nextHopType).toBe('VirtualAppliance');
      },
    ],
  ],
  SYSTEM_ROUTES: [
    [
      'without a route table: the VNet is local, 192.168/16 goes nowhere, a public address goes to the Internet',
      () => {
        const w = world({});
        expect(verdict(w, '10.0.1.4,10.0.2.4,22').route?.nextHopType).toBe('VnetLocal');
        expect(verdict(w, '10.0.1.4,192.168.1.1,22').route?.nextHopType).toBe('None');
        expect(verdict(w, '10.0.1.4,93.184.216.34,443').route?.nextHopType).toBe('Internet');
      },
    ],
  ],
  NONE_DROPS: [
    [
      'next hop None: denied, and the route says so',
      () => {
        const v = verdict(world({}), '10.0.1.4,172.20.0.4,443');
        expect(v.verdict).toBe('deny');
        expect(v.reason).toMatch(/next hop None drops/);
      },
    ],
  ],
  VIRTUAL_APPLIANCE: [
    [
      'a route to a virtual appliance leaves the verdict to that firewall, and says so',
      () => {
        const w = world({
          routeTable: {
            name: 'rt-a',
            subnet: 'a',
            routes: [{ name: 'to-fw', prefix: '0.0.0.0/0', hop: 'VirtualAppliance', ip: '10.0.2.10' }],
          },
        });
        const v = verdict(w, '10.0.1.4,93.184.216.34,443');
        expect(v.verdict).toBe('unknown');
        expect(v.reason).toMatch(/firewall or network virtual appliance decides/);
      },
    ],
  ],
  PEERING_CONNECTED: [
    [
      'an Initiated peering carries nothing: the remote space falls to the None route',
      () => {
        const w = world({
          peerings: [{ name: 'to-hub', state: 'Initiated', remote: 'hub', prefixes: ['10.50.0.0/16'] }],
        });
        const v = verdict(w, '10.0.1.4,10.50.0.4,9443');
        expect(v.verdict).toBe('deny');
        expect(v.reason).toMatch(/peering to-hub to hub is Initiated, so it carries nothing/);
        const connected = world({
          peerings: [{ name: 'to-hub', state: 'Connected', remote: 'hub', prefixes: ['10.50.0.0/16'] }],
        });
        expect(verdict(connected, '10.0.1.4,10.50.0.4,9443').route?.nextHopType).toBe('VNetPeering');
      },
    ],
  ],
  EFFECTIVE_ROUTES: [
    [
      'only Active effective routes count',
      () => {
        const files = worldFiles({});
        files['routes.json'] = JSON.stringify({
          value: [
            {
              addressPrefix: ['10.0.0.0/16'],
              nextHopIpAddress: [],
              nextHopType: 'VnetLocal',
              source: 'Default',
              state: 'Active',
            },
            {
              addressPrefix: ['0.0.0.0/0'],
              nextHopIpAddress: [],
              nextHopType: 'Internet',
              source: 'Default',
              state: 'Invalid',
            },
            {
              addressPrefix: ['0.0.0.0/0'],
              nextHopIpAddress: ['10.0.2.10'],
              nextHopType: 'VirtualAppliance',
              source: 'User',
              state: 'Active',
            },
          ],
        });
        const v = verdict(indexOf(files), '10.0.1.4,93.184.216.34,443');
        expect(v.route?.nextHopType).toBe('VirtualAppliance');
        expect(v.notes.join(' ')).toMatch(/name no NIC; they were taken as a1's/);
      },
    ],
  ],
};

describe('NSG and route semantics, as Azure documents them', () => {
  it('cites every row to learn.microsoft.com, with what the page says', () => {
    for (const [id, row] of Object.entries(SEMANTICS) as Array<[string, SemanticsRow]>) {
      expect(row.url, id).toMatch(/^https:\/\/learn\.microsoft\.com\/en-us\/azure\//);
      expect(row.says.length, id).toBeGreaterThan(20);
      expect(row.rule.length, id).toBeGreaterThan(20);
    }
  });

  it('has a case for every row', () => {
    for (const id of Object.keys(SEMANTICS))
      expect(CASES[id as keyof typeof SEMANTICS]?.length ?? 0, id).toBeGreaterThan(0);
  });

  for (const [id, cases] of Object.entries(CASES)) {
    describe(`${id}: ${SEMANTICS[id as keyof typeof SEMANTICS].url}`, () => {
      for (const [name, run] of cases) it(name, run);
    });
  }
});
