// A small Azure network written the way az prints it, for tests that need a rule or a route of their own:
// VNet `lab` 10.0.0.0/16 with subnets a (10.0.1.0/24) and b (10.0.2.0/24), NICs a1 10.0.1.4, b1 10.0.2.4, b2 10.0.2.5.
import type { EvidenceIndex } from '../../knowledge/evidence/index.ts';
import { indexOf } from './support.ts';

const SUB =
  '/subscriptions/2b7c5e9a-4d1f-4a36-8e02-6c9d3f1b7a54/resourceGroups/lab-rg/providers/Microsoft.Network';

export interface RuleSpec {
  name: string;
  priority: number;
  direction?: 'Inbound' | 'Outbound';
  access?: 'Allow' | 'Deny';
  protocol?: string;
  source?: string | string[];
  destination?: string | string[];
  port?: string | string[];
  sourcePort?: string;
  destinationAsg?: string;
}

function azRule(nsg: string, r: RuleSpec): Record<string, unknown> {
  const list = (v: string | string[] | undefined, fallback: string) =>
    Array.isArray(v) ? v : [v ?? fallback];
  const src = list(r.source, '*');
  const dst = list(r.destination, '*');
  const ports = list(r.port, '*');
  return {
    access: r.access ?? 'Allow',
    ...(src.length === 1
      ? { sourceAddressPrefix: src[0], sourceAddressPrefixes: [] }
      : { sourceAddressPrefixes: src }),
    ...(r.destinationAsg
      ? {
          destinationApplicationSecurityGroups: [
            { id: `${SUB}/applicationSecurityGroups/${r.destinationAsg}`, resourceGroup: 'lab-rg' },
          ],
        }
      : dst.length === 1
        ? { destinationAddressPrefix: dst[0], destinationAddressPrefixes: [] }
        : { destinationAddressPrefixes: dst }),
    ...(ports.length === 1
      ? { destinationPortRange: ports[0], destinationPortRanges: [] }
      : { destinationPortRanges: ports }),
    direction: r.direction ?? 'Inbound',
    etag: 'W/"7d1e2c3b-0a4f-4b5e-8c6d-9e0f1a2b3c4d"',
    id: `${SUB}/networkSecurityGroups/${nsg}/securityRules/${r.name}`,
    name: r.name,
    priority: r.priority,
    protocol: r.protocol ?? 'Tcp',
    provisioningState: 'Succeeded',
    resourceGroup: 'lab-rg',
    sourcePortRange: r.sourcePort ?? '*',
    sourcePortRanges: [],
    type: 'Microsoft.Network/networkSecurityGroups/securityRules',
  };
}

export interface WorldSpec {
  /** NSG rules per NSG name; an NSG named here exists. Attach with `attach`. */
  nsgs?: Record<string, RuleSpec[]>;
  /** Where each NSG is attached: `subnet:a`, `nic:b1`. */
  attach?: Record<string, string>;
  peerings?: Array<{ name: string; state: string; remote: string; prefixes: string[] }>;
  routeTable?: {
    name: string;
    routes: Array<{ name: string; prefix: string; hop: string; ip?: string }>;
    subnet: string;
  };
  asgMembers?: Record<string, string[]>;
  extraVnets?: Array<{ name: string; prefixes: string[] }>;
  /** Print defaultSecurityRules in the NSG exports, as `az network nsg show` does. */
  withDefaults?: boolean;
}

/** Azure's default rules as `az network nsg show` prints them (network-security-groups-overview). */
const DEFAULTS: RuleSpec[] = [
  {
    name: 'AllowVnetInBound',
    priority: 65000,
    direction: 'Inbound',
    protocol: '*',
    source: 'VirtualNetwork',
    destination: 'VirtualNetwork',
  },
  {
    name: 'AllowAzureLoadBalancerInBound',
    priority: 65001,
    direction: 'Inbound',
    protocol: '*',
    source: 'AzureLoadBalancer',
  },
  { name: 'DenyAllInBound', priority: 65500, direction: 'Inbound', protocol: '*', access: 'Deny' },
  {
    name: 'AllowVnetOutBound',
    priority: 65000,
    direction: 'Outbound',
    protocol: '*',
    source: 'VirtualNetwork',
    destination: 'VirtualNetwork',
  },
  {
    name: 'AllowInternetOutBound',
    priority: 65001,
    direction: 'Outbound',
    protocol: '*',
    destination: 'Internet',
  },
  { name: 'DenyAllOutBound', priority: 65500, direction: 'Outbound', protocol: '*', access: 'Deny' },
];

function defaultRule(nsg: string, r: RuleSpec): Record<string, unknown> {
  const rule = azRule(nsg, r);
  return {
    ...rule,
    id: String(rule.id).replace('/securityRules/', '/defaultSecurityRules/'),
    type: 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules',
  };
}

export function worldFiles(spec: WorldSpec): Record<string, string> {
  const attachedTo = (target: string) =>
    Object.entries(spec.attach ?? {})
      .filter(([, t]) => t === target)
      .map(([nsg]) => nsg)[0];
  const subnet = (name: string, prefix: string) => {
    const nsg = attachedTo(`subnet:${name}`);
    return {
      addressPrefix: prefix,
      id: `${SUB}/virtualNetworks/lab/subnets/${name}`,
      name,
      ...(nsg
        ? { networkSecurityGroup: { id: `${SUB}/networkSecurityGroups/${nsg}`, resourceGroup: 'lab-rg' } }
        : {}),
      ...(spec.routeTable?.subnet === name
        ? { routeTable: { id: `${SUB}/routeTables/${spec.routeTable.name}`, resourceGroup: 'lab-rg' } }
        : {}),
      provisioningState: 'Succeeded',
      resourceGroup: 'lab-rg',
      type: 'Microsoft.Network/virtualNetworks/subnets',
    };
  };
  const vnets = [
    {
      addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
      id: `${SUB}/virtualNetworks/lab`,
      location: 'westeurope',
      name: 'lab',
      resourceGroup: 'lab-rg',
      subnets: [subnet('a', '10.0.1.0/24'), subnet('b', '10.0.2.0/24')],
      type: 'Microsoft.Network/virtualNetworks',
      virtualNetworkPeerings: (spec.peerings ?? []).map((p) => ({
        allowForwardedTraffic: false,
        allowGatewayTransit: false,
        allowVirtualNetworkAccess: true,
        id: `${SUB}/virtualNetworks/lab/virtualNetworkPeerings/${p.name}`,
        name: p.name,
        peeringState: p.state,
        remoteAddressSpace: { addressPrefixes: p.prefixes },
        remoteVirtualNetwork: { id: `${SUB}/virtualNetworks/${p.remote}`, resourceGroup: 'lab-rg' },
        resourceGroup: 'lab-rg',
        type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
        useRemoteGateways: false,
      })),
    },
    ...(spec.extraVnets ?? []).map((v) => ({
      addressSpace: { addressPrefixes: v.prefixes },
      id: `${SUB}/virtualNetworks/${v.name}`,
      name: v.name,
      resourceGroup: 'lab-rg',
      subnets: [],
      type: 'Microsoft.Network/virtualNetworks',
      virtualNetworkPeerings: [],
    })),
  ];
  const nic = (name: string, ip: string, subnetName: string) => {
    const nsg = attachedTo(`nic:${name}`);
    const asgs = Object.entries(spec.asgMembers ?? {})
      .filter(([, members]) => members.includes(name))
      .map(([asg]) => ({ id: `${SUB}/applicationSecurityGroups/${asg}`, resourceGroup: 'lab-rg' }));
    return {
      id: `${SUB}/networkInterfaces/${name}`,
      ipConfigurations: [
        {
          ...(asgs.length > 0 ? { applicationSecurityGroups: asgs } : {}),
          id: `${SUB}/networkInterfaces/${name}/ipConfigurations/ipconfig1`,
          name: 'ipconfig1',
          primary: true,
          privateIPAddress: ip,
          privateIPAddressVersion: 'IPv4',
          privateIPAllocationMethod: 'Dynamic',
          resourceGroup: 'lab-rg',
          subnet: { id: `${SUB}/virtualNetworks/lab/subnets/${subnetName}`, resourceGroup: 'lab-rg' },
          type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
        },
      ],
      name,
      ...(nsg
        ? { networkSecurityGroup: { id: `${SUB}/networkSecurityGroups/${nsg}`, resourceGroup: 'lab-rg' } }
        : {}),
      resourceGroup: 'lab-rg',
      type: 'Microsoft.Network/networkInterfaces',
      virtualMachine: {
        id: `/subscriptions/x/resourceGroups/lab-rg/providers/Microsoft.Compute/virtualMachines/vm-${name}`,
      },
    };
  };
  const nics = [nic('a1', '10.0.1.4', 'a'), nic('b1', '10.0.2.4', 'b'), nic('b2', '10.0.2.5', 'b')];
  const nsgs = Object.entries(spec.nsgs ?? {}).map(([name, rules]) => ({
    id: `${SUB}/networkSecurityGroups/${name}`,
    name,
    resourceGroup: 'lab-rg',
    securityRules: rules.map((r) => azRule(name, r)),
    ...(spec.withDefaults ? { defaultSecurityRules: DEFAULTS.map((r) => defaultRule(name, r)) } : {}),
    type: 'Microsoft.Network/networkSecurityGroups',
  }));
  const files: Record<string, string> = {
    'vnets.json': JSON.stringify(vnets),
    'nics.json': JSON.stringify(nics),
  };
  if (nsgs.length > 0) files['nsgs.json'] = JSON.stringify(nsgs);
  if (spec.routeTable) {
    const rt = spec.routeTable;
    files['route-table.json'] = JSON.stringify({
      id: `${SUB}/routeTables/${rt.name}`,
      name: rt.name,
      resourceGroup: 'lab-rg',
      routes: rt.routes.map((r) => ({
        addressPrefix: r.prefix,
        id: `${SUB}/routeTables/${rt.name}/routes/${r.name}`,
        name: r.name,
        ...(r.ip ? { nextHopIpAddress: r.ip } : {}),
        nextHopType: r.hop,
        type: 'Microsoft.Network/routeTables/routes',
      })),
      subnets: [{ id: `${SUB}/virtualNetworks/lab/subnets/${rt.subnet}` }],
      type: 'Microsoft.Network/routeTables',
    });
  }
  return files;
}

export function world(spec: WorldSpec): EvidenceIndex {
  return indexOf(worldFiles(spec));
}
