// Evidence after reading: the few fields of each Azure resource that decide connectivity, whichever shape they came in.
import type { IpRange } from './ip.ts';

const EVIDENCE_KINDS = [
  'vnet',
  'subnet',
  'peering',
  'nsg',
  'nsg-rules',
  'nic',
  'effective-nsg',
  'effective-routes',
  'route-table',
  'probe',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Where a resource was read: the file and, inside a bundle, the command that printed it. */
export interface Origin {
  file: string;
  command?: string;
}

export interface Subnet {
  id: string;
  name: string;
  vnetName: string;
  resourceGroup?: string;
  prefixes: IpRange[];
  prefixTexts: string[];
  nsgId: string | null;
  routeTableId: string | null;
  /** Service endpoints enabled on the subnet (`Microsoft.Storage`, …). */
  serviceEndpoints: string[];
  origin: Origin;
}

export interface Peering {
  id?: string;
  name: string;
  /** The VNet this peering belongs to (parsed from its id, or the VNet it was listed under). */
  vnetId?: string;
  vnetName?: string;
  remoteVnetId?: string;
  remoteVnetName?: string;
  /** As Azure spells it: Connected, Initiated, Disconnected. */
  state: string;
  syncLevel?: string;
  remotePrefixes: IpRange[];
  allowVirtualNetworkAccess: boolean;
  allowForwardedTraffic: boolean;
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
  origin: Origin;
}

export interface VNet {
  id: string;
  name: string;
  resourceGroup?: string;
  location?: string;
  prefixes: IpRange[];
  prefixTexts: string[];
  subnets: Subnet[];
  peerings: Peering[];
  /** The export listed the VNet's peerings (absent in trimmed files: peering state then unknown). */
  peeringsListed: boolean;
  origin: Origin;
}

export type Direction = 'inbound' | 'outbound';
export type Access = 'allow' | 'deny';

export interface SecurityRule {
  name: string;
  priority: number;
  direction: Direction;
  access: Access;
  protocol: string;
  sourcePrefixes: string[];
  destinationPrefixes: string[];
  /** Effective-NSG exports expand service tags into prefixes. */
  sourceExpanded?: string[];
  destinationExpanded?: string[];
  sourcePorts: string[];
  destinationPorts: string[];
  sourceAsgIds: string[];
  destinationAsgIds: string[];
  isDefault: boolean;
}

export interface Nsg {
  id: string;
  name: string;
  resourceGroup?: string;
  rules: SecurityRule[];
  /** Null when the export omitted them (`nsg rule list` without --include-default): Azure's defaults still apply. */
  defaultRules: SecurityRule[] | null;
  subnetIds: string[];
  nicIds: string[];
  /** Rules only (from `nsg rule list`): the NSG's attachments are not known from this export. */
  rulesOnly: boolean;
  origin: Origin;
}

export interface IpConfig {
  name: string;
  address?: string;
  range?: IpRange;
  subnetId?: string;
  asgIds: string[];
  primary: boolean;
  publicIpId?: string;
}

export interface Nic {
  id: string;
  name: string;
  resourceGroup?: string;
  vmName?: string;
  ipConfigs: IpConfig[];
  nsgId: string | null;
  ipForwarding: boolean;
  origin: Origin;
}

export interface EffectiveNsgEntry {
  nsgId: string;
  nsgName: string;
  association: { kind: 'nic' | 'subnet'; id: string };
  rules: SecurityRule[];
  /** Service tag -> prefixes, from `tagMap` or the rules' expanded prefixes. */
  tags: Map<string, string[]>;
}

export interface EffectiveNsg {
  /** The NIC it was printed for: from an association, or the bundle's command. */
  nicId?: string;
  nicName?: string;
  entries: EffectiveNsgEntry[];
  origin: Origin;
}

export interface Route {
  name?: string;
  /** Prefixes or service tags (UDRs may name a service tag). */
  prefixes: string[];
  nextHopType: string;
  nextHopIp?: string;
  /** Default, User, VirtualNetworkGateway (effective routes); User for route-table routes. */
  source: string;
  /** Active or Invalid (effective routes); route-table routes are Active. */
  state: string;
}

export interface EffectiveRoutes {
  nicName?: string;
  resourceGroup?: string;
  routes: Route[];
  origin: Origin;
}

export interface RouteTable {
  id: string;
  name: string;
  resourceGroup?: string;
  routes: Route[];
  subnetIds: string[];
  origin: Origin;
}

/** One link a probe tested on a node. */
export interface ProbeLink {
  id: string;
  label: string;
  target?: string;
  status: 'ok' | 'failed' | 'skipped';
  detail: string;
  meaning: string;
}

export interface ProbeResult {
  node?: string;
  /** The node's private address (hostname -I). */
  nodeAddress?: string;
  cyclecloudHost?: string;
  cyclecloudAddress?: string;
  cyclecloudPort?: number;
  proxyInUse: boolean;
  storageAccount?: string;
  storageAddress?: string;
  links: ProbeLink[];
  origin: Origin;
}

/** Everything read from the files a person gave, kept per kind. */
export interface Evidence {
  vnets: VNet[];
  /** Subnets exported on their own (`vnet subnet show`), not inside a VNet export. */
  subnets: Subnet[];
  peerings: Peering[];
  nsgs: Nsg[];
  nics: Nic[];
  effectiveNsgs: EffectiveNsg[];
  effectiveRoutes: EffectiveRoutes[];
  routeTables: RouteTable[];
  probes: ProbeResult[];
  /** Per file: the kinds found in it, for "which fact came from which file". */
  files: Array<{ file: string; kinds: Partial<Record<EvidenceKind, number>> }>;
}

export function emptyEvidence(): Evidence {
  return {
    vnets: [],
    subnets: [],
    peerings: [],
    nsgs: [],
    nics: [],
    effectiveNsgs: [],
    effectiveRoutes: [],
    routeTables: [],
    probes: [],
    files: [],
  };
}
