// What a flow's SRC or DST names, placed in the evidence: an IP or CIDR (placed in the NIC or subnet that holds
// it), a NIC, VM or subnet name from the exports, or a service tag / well-known host (Internet, Storage, …).
import type { Side } from './addresses.ts';
import type { EvidenceIndex } from './evidence-index.ts';
import { idKey } from './fields.ts';
import { formatRange, type IpRange, parsePrefix } from './ip.ts';
import type { IpConfig, Nic, Subnet, VNet } from './types.ts';

export interface Endpoint {
  /** As the person wrote it. */
  input: string;
  /** What it resolved to, for messages: `10.0.0.4 (NIC cc-nic, subnet hub/cyclecloud)`. */
  label: string;
  side: Side;
  nic?: Nic;
  ipConfig?: IpConfig;
  subnet?: Subnet;
  /** The subnet id when only the NIC names it (no VNet export). */
  subnetId?: string;
  vnet?: VNet;
  /** Written as a subnet (its whole range), not one address. */
  wholeSubnet: boolean;
  notes: string[];
}

export type Resolved = { ok: true; endpoint: Endpoint } | { ok: false; problem: string };

/** Service tags a flow may name as an endpoint (service-tags-overview, "Available service tags"). */
const SERVICE_TAGS = [
  'Internet',
  'Storage',
  'AzureCloud',
  'Sql',
  'AzureActiveDirectory',
  'AzureMonitor',
  'AzureResourceManager',
  'AzureKeyVault',
  'AzureContainerRegistry',
  'MicrosoftContainerRegistry',
  'AppService',
  'EventHub',
  'ServiceBus',
  'AzureBackup',
  'GuestAndHybridManagement',
  'AzureFrontDoor',
  'AzureCosmosDB',
  'AzureDataLake',
  'AzureTrafficManager',
  'GatewayManager',
  'BatchNodeManagement',
];

/** Host names whose addresses a service tag covers. */
const HOST_TAGS: Array<[RegExp, string]> = [
  [/\.(blob|file|queue|table|dfs)\.core\.windows\.net$/i, 'Storage'],
  [/^login\.microsoftonline\.com$/i, 'AzureActiveDirectory'],
  [/^management\.azure\.com$/i, 'AzureResourceManager'],
  [/\.vault\.azure\.net$/i, 'AzureKeyVault'],
];

export const ENDPOINT_FORMS =
  'an IP address or CIDR, a NIC, VM or subnet name from the evidence (subnet as name, vnet/subnet or rg/vnet/subnet), ' +
  'a service tag (Internet, Storage, AzureCloud, …) or a storage host name (*.blob.core.windows.net)';

export function resolveEndpoint(index: EvidenceIndex, input: string): Resolved {
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'an empty endpoint' };
  const range = parsePrefix(text);
  if (range) return { ok: true, endpoint: placeRange(index, text, range, text.includes('/')) };
  const named = byName(index, text);
  if (named) return named;
  const tag = tagOf(text);
  if (tag) {
    const label = tag === text ? `service tag ${tag}` : `${text} (service tag ${tag})`;
    return {
      ok: true,
      endpoint: {
        input: text,
        label,
        side: { address: { kind: 'tag', tag }, asgIds: new Set(), label },
        wholeSubnet: false,
        notes: [],
      },
    };
  }
  if (/^azureloadbalancer$/i.test(text)) return resolveEndpoint(index, '168.63.129.16');
  return {
    ok: false,
    problem: `"${shown(text)}" is not ${ENDPOINT_FORMS}`,
  };
}

function shown(text: string): string {
  const safe = text.replace(/[^\w.:/\-() ]/g, '?');
  return safe.length > 60 ? `${safe.slice(0, 57)}...` : safe;
}

function tagOf(text: string): string | undefined {
  for (const [pattern, tag] of HOST_TAGS) if (pattern.test(text)) return tag;
  const [base, region] = text.split('.');
  const known = SERVICE_TAGS.find((t) => t.toLowerCase() === base?.toLowerCase());
  if (!known) return undefined;
  if (region !== undefined && (text.split('.').length > 2 || !/^[A-Za-z0-9]+$/.test(region)))
    return undefined;
  return region ? `${known}.${region}` : known;
}

function placeRange(index: EvidenceIndex, input: string, range: IpRange, isPrefix: boolean): Endpoint {
  const notes: string[] = [];
  const placed = range.lo === range.hi ? index.nicAt(range) : undefined;
  if (placed) return nicEndpoint(index, input, placed.nic, placed.ipConfig, notes);
  const subnet = index.subnetHolding(range);
  const vnet = subnet ? index.vnetOfSubnet(subnet) : index.vnetHolding(range);
  const where = subnet ? `subnet ${subnet.vnetName}/${subnet.name}` : vnet ? `VNet ${vnet.name}` : undefined;
  const label = where ? `${formatRange(range)} (${where})` : formatRange(range);
  if (!subnet && !vnet) {
    notes.push(
      `${formatRange(range)} is in no subnet or VNet of the evidence: no NSG on its side is evaluated`,
    );
  } else if (!subnet && vnet) {
    notes.push(
      `${formatRange(range)} is in ${vnet.name}'s space but in none of its exported subnets: no NSG on its side is evaluated`,
    );
  } else if (range.lo === range.hi && index.nics.length > 0) {
    notes.push(
      `no NIC in the evidence holds ${formatRange(range)}: an NSG on its NIC, if any, is not evaluated`,
    );
  } else if (range.lo === range.hi) {
    notes.push(
      `the NIC holding ${formatRange(range)} is not in the evidence: an NSG on that NIC, if any, is not evaluated`,
    );
  }
  return {
    input,
    label,
    side: { address: { kind: 'range', range }, asgIds: null, label },
    ...(subnet ? { subnet } : {}),
    ...(vnet ? { vnet } : {}),
    wholeSubnet: isPrefix && (subnet?.prefixes.some((p) => formatRange(p) === formatRange(range)) ?? false),
    notes,
  };
}

export function nicEndpoint(
  index: EvidenceIndex,
  input: string,
  nic: Nic,
  ipConfig: IpConfig,
  notes: string[],
): Endpoint {
  const subnet = index.subnet(ipConfig.subnetId);
  const vnet = subnet ? index.vnetOfSubnet(subnet) : undefined;
  const where = subnet
    ? `, subnet ${subnet.vnetName}/${subnet.name}`
    : ipConfig.subnetId
      ? `, subnet ${index.subnetLabel(ipConfig.subnetId)}`
      : '';
  const address = ipConfig.range ? formatRange(ipConfig.range) : 'address unknown';
  const label = `${address} (NIC ${nic.name}${where})`;
  return {
    input,
    label,
    side: {
      address: ipConfig.range
        ? { kind: 'range', range: ipConfig.range }
        : { kind: 'unknown', why: `the private address of NIC ${nic.name} is not in its export` },
      asgIds: new Set(ipConfig.asgIds.map(idKey)),
      label,
    },
    nic,
    ipConfig,
    ...(subnet ? { subnet } : {}),
    ...(ipConfig.subnetId ? { subnetId: ipConfig.subnetId } : {}),
    ...(vnet ? { vnet } : {}),
    wholeSubnet: false,
    notes,
  };
}

function primaryConfig(nic: Nic): IpConfig | undefined {
  return nic.ipConfigs.find((c) => c.primary) ?? nic.ipConfigs[0];
}

function byName(index: EvidenceIndex, text: string): Resolved | null {
  const low = text.toLowerCase();
  const nics = index.nics.filter((n) => n.name.toLowerCase() === low);
  const vms = index.nics.filter((n) => n.vmName?.toLowerCase() === low);
  const subnets = subnetsNamed(index, text);
  const candidates = [
    ...nics.map((n) => ({ what: `NIC ${n.name}`, nic: n })),
    ...vms.filter((n) => !nics.includes(n)).map((n) => ({ what: `VM ${n.vmName} (NIC ${n.name})`, nic: n })),
    ...subnets.map((s) => ({ what: `subnet ${s.vnetName}/${s.name}`, subnet: s })),
  ];
  if (candidates.length === 0) return null;
  const vmNics = new Set(vms);
  if (candidates.length > 1 && !(vms.length > 1 && vmNics.size === candidates.length)) {
    return {
      ok: false,
      problem: `"${shown(text)}" names several things in the evidence (${candidates.map((c) => c.what).join(', ')}): write vnet/subnet or the NIC name`,
    };
  }
  const [first] = candidates;
  if (!first) return null;
  if ('nic' in first && first.nic) {
    const config = primaryConfig(first.nic);
    if (!config) return { ok: false, problem: `NIC ${first.nic.name} has no IP configuration in its export` };
    const notes = vms.length > 1 ? [`VM ${text} has ${vms.length} NICs; ${first.nic.name} was used`] : [];
    return { ok: true, endpoint: nicEndpoint(index, text, first.nic, config, notes) };
  }
  const subnet = 'subnet' in first ? first.subnet : undefined;
  if (!subnet) return null;
  return { ok: true, endpoint: subnetEndpoint(index, text, subnet) };
}

/** `name`, `vnet/name` or `rg/vnet/name` (the form CycleCloud templates use for SubnetId). */
function subnetsNamed(index: EvidenceIndex, text: string): Subnet[] {
  const parts = text.split('/');
  if (parts.length > 3) return [];
  const [a, b, c] = parts.map((p) => p.toLowerCase());
  return index.subnets.filter((s) => {
    const name = s.name.toLowerCase();
    const vnet = s.vnetName.toLowerCase();
    if (parts.length === 1) return name === a;
    if (parts.length === 2) return vnet === a && name === b;
    const rg = (s.resourceGroup ?? '').toLowerCase();
    return vnet === b && name === c && (rg === '' || rg === a);
  });
}

export function subnetEndpoint(index: EvidenceIndex, input: string, subnet: Subnet): Endpoint {
  const vnet = index.vnetOfSubnet(subnet);
  const [range, ...more] = subnet.prefixes;
  const label = `subnet ${subnet.vnetName}/${subnet.name}${range ? ` (${formatRange(range)})` : ''}`;
  const notes = [
    `${label} stands for any VM in it: NSGs on individual NICs are not evaluated`,
    ...(more.length > 0
      ? [`the subnet has ${more.length + 1} prefixes; ${range ? formatRange(range) : ''} was used`]
      : []),
  ];
  return {
    input,
    label,
    side: {
      address: range
        ? { kind: 'range', range }
        : { kind: 'unknown', why: `subnet ${subnet.name}'s prefix is not in its export` },
      asgIds: null,
      label,
    },
    subnet,
    subnetId: subnet.id,
    ...(vnet ? { vnet } : {}),
    wholeSubnet: true,
    notes,
  };
}
