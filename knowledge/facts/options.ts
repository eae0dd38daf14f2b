// The connectivity options and the decision-procedure leaves (KNOWLEDGE.md "Decision procedure", L1-L6).
import type { ConnectivityOption } from '../model.ts';
import type { SourceTag } from './sources.ts';

export interface OptionFact {
  /** The option's name wherever people read it: CLI, terminal chat, Slack, App Home. */
  title: string;
  summary: string;
  sources: readonly SourceTag[];
}

export const OPTION_FACTS: Record<ConnectivityOption, OptionFact> = {
  direct: {
    title: 'Direct connection',
    summary: 'Nodes reach CycleCloud on its private address; no proxy and no public IP.',
    sources: ['NC', 'CI', 'seed:000'],
  },
  'vnet-peering': {
    title: 'VNet peering',
    summary:
      'Peer the two VNets (both directions) so they route privately as one network, then use direct access.',
    sources: ['NC', 'PEER', 'seed:000'],
  },
  'return-proxy': {
    title: 'Return proxy',
    summary:
      'CycleCloud opens an SSH tunnel to one Linux node of the cluster; the other nodes reach CycleCloud through it on 37140.',
    sources: ['RP', 'seed:001'],
  },
  vpn: {
    title: 'VPN / ExpressRoute',
    summary:
      'A site-to-site or VNet-to-VNet VPN (or ExpressRoute) carries the traffic privately; then use direct access.',
    sources: ['NC', 'seed:000', 'seed:002'],
  },
  bastion: {
    title: 'Bastion / jump box',
    summary: 'People reach private nodes through Azure Bastion or a jump box; nodes keep no public IP.',
    sources: ['CTN', 'seed:000'],
  },
};

export function optionTitle(option: ConnectivityOption): string {
  return OPTION_FACTS[option].title;
}

/** A leaf of the decision procedure, refined by what the situation says. */
export type Route =
  | 'same-vnet'
  | 'peered'
  | 'peer-one-way'
  | 'peer-new'
  | 'hub-and-spoke'
  | 'vnet-proxy'
  | 'vnet-vpn'
  | 'vnet-overlap'
  | 'over-vpn'
  | 'onprem-proxy'
  | 'onprem-vpn'
  | 'user-access';

type Leaf = 'L1' | 'L2' | 'L3' | 'L4' | 'L6';

export interface RouteFact {
  option: ConnectivityOption;
  leaf: Leaf;
  title: string;
  /** How node traffic travels once the option is in place. */
  path: 'direct' | 'proxy' | 'user';
  sources: readonly SourceTag[];
}

export const ROUTE_FACTS: Record<Route, RouteFact> = {
  'same-vnet': {
    option: 'direct',
    leaf: 'L1',
    title: 'Direct private access inside the VNet',
    path: 'direct',
    sources: ['NC', 'CI', 'CSP'],
  },
  peered: {
    option: 'vnet-peering',
    leaf: 'L2',
    title: 'Direct access over the existing VNet peering',
    path: 'direct',
    sources: ['PEER', 'NC', 'RP'],
  },
  'peer-one-way': {
    option: 'vnet-peering',
    leaf: 'L2',
    title: 'Complete the VNet peering (second direction), then direct access',
    path: 'direct',
    sources: ['PEER', 'NC'],
  },
  'peer-new': {
    option: 'vnet-peering',
    leaf: 'L2',
    title: 'Peer the two VNets, then direct access',
    path: 'direct',
    sources: ['PEER', 'NC', 'RP'],
  },
  'hub-and-spoke': {
    option: 'vnet-peering',
    leaf: 'L2',
    title: 'Connect the spokes: spoke-to-spoke peering or routing through the hub firewall',
    path: 'direct',
    sources: ['PEER', 'NC'],
  },
  'vnet-proxy': {
    option: 'return-proxy',
    leaf: 'L3',
    title: 'Return proxy with a public IP',
    path: 'proxy',
    sources: ['RP', 'NS', 'seed:001'],
  },
  'vnet-vpn': {
    option: 'vpn',
    leaf: 'L4',
    title: 'VNet-to-VNet VPN or ExpressRoute (no return proxy)',
    path: 'direct',
    sources: ['NS', 'ES', 'seed:002'],
  },
  'vnet-overlap': {
    option: 'direct',
    leaf: 'L1',
    title: "Run CycleCloud in the cluster's VNet (overlapping address spaces cannot be peered or routed)",
    path: 'direct',
    sources: ['PEER', 'VPN', 'NC'],
  },
  'over-vpn': {
    option: 'direct',
    leaf: 'L1',
    title: 'Direct access over your VPN / ExpressRoute',
    path: 'direct',
    sources: ['NC', 'seed:000', 'seed:002'],
  },
  'onprem-proxy': {
    option: 'return-proxy',
    leaf: 'L3',
    title: 'Return proxy: CycleCloud tunnels out to the proxy',
    path: 'proxy',
    sources: ['RP', 'NC', 'seed:000'],
  },
  'onprem-vpn': {
    option: 'vpn',
    leaf: 'L4',
    title: 'Site-to-site VPN or ExpressRoute',
    path: 'direct',
    sources: ['NC', 'ES', 'seed:000', 'seed:002'],
  },
  'user-access': {
    option: 'bastion',
    leaf: 'L6',
    title: 'Reach the nodes through Azure Bastion or a jump box',
    path: 'user',
    sources: ['CTN', 'seed:000'],
  },
};

/** Facts the evaluator states as they are (KNOWLEDGE.md notes). */
export const NOTES = {
  cc7Retired: {
    text: 'CycleCloud 7 was retired on 2023-09-30; plan the move to CycleCloud 8.',
    sources: ['UM'],
  },
  globalPeering: {
    text: 'Peering works across regions (global peering); the region limits of 2014-era articles are history.',
    sources: ['PEER'],
  },
  peeringNotTransitive: {
    text: 'Peering is not transitive: two spokes peered only to a hub cannot reach each other through it.',
    sources: ['PEER'],
  },
  peeringBothWays: {
    text: 'A peering needs both directions; each side shows Initiated until the other exists, then Connected.',
    sources: ['PEER'],
  },
  noPublicIpNoProxy: {
    text: 'Under a no-public-IP policy do not enable the return proxy: with AssociatePublicIpAddress = false it fails.',
    sources: ['NS', 'ES'],
  },
  proxyOnlyNodesToCycleCloud: {
    text: 'The return proxy carries only node-to-CycleCloud traffic, not Internet traffic.',
    sources: ['RP', 'seed:001'],
  },
  multiNic: {
    text: 'CycleCloud VM with several NICs: set webServerHostname to the address nodes can reach.',
    sources: ['CSP', 'CI'],
  },
  virtualNetworkTag: {
    text: 'The VirtualNetwork service tag covers peered VNets and on-premises ranges reached over a gateway.',
    sources: ['PEER'],
  },
  fixRoutine: {
    text: 'After a network change: SSH to a node as cyclecloud, `curl -k <CycleCloud URL>`, then terminate and restart the failed nodes.',
    sources: ['CI'],
  },
} as const satisfies Record<string, { text: string; sources: readonly SourceTag[] }>;
