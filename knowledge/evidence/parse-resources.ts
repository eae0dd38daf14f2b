// One Azure resource (az shape or REST shape) -> the fields that decide connectivity.
import {
  bool,
  idKey,
  isObj,
  nameOfId,
  num,
  type Obj,
  objects,
  parseId,
  prop,
  refId,
  refIds,
  segmentName,
  str,
  strings,
} from './fields.ts';
import { type IpRange, parsePrefix } from './ip.ts';
import type {
  EffectiveNsgEntry,
  IpConfig,
  Nic,
  Nsg,
  Origin,
  Peering,
  Route,
  RouteTable,
  SecurityRule,
  Subnet,
  VNet,
} from './types.ts';

function identity(o: Obj, fallback: string): { id: string; name: string; resourceGroup?: string } {
  const id = str(o, 'id');
  const name = str(o, 'name') ?? (id ? nameOfId(id) : fallback);
  const resourceGroup = str(o, 'resourceGroup') ?? (id ? parseId(id).resourceGroup : undefined);
  return { id: id ?? `/${fallback}/${name}`, name, ...(resourceGroup ? { resourceGroup } : {}) };
}

function ranges(texts: readonly string[]): IpRange[] {
  return texts.map(parsePrefix).filter((r): r is IpRange => r !== null);
}

function addressSpace(o: Obj, key: string): string[] {
  const space = prop(o, key);
  return isObj(space) ? strings(space, 'addressPrefixes') : [];
}

export function parseSubnet(o: Obj, origin: Origin, vnetName?: string): Subnet {
  const { id, name, resourceGroup } = identity(o, 'subnet');
  const single = str(o, 'addressPrefix');
  const prefixTexts = [...(single ? [single] : []), ...strings(o, 'addressPrefixes')];
  return {
    id,
    name,
    vnetName: vnetName ?? segmentName(id, 'virtualNetworks') ?? '(unknown VNet)',
    ...(resourceGroup ? { resourceGroup } : {}),
    prefixes: ranges([...new Set(prefixTexts)]),
    prefixTexts: [...new Set(prefixTexts)],
    nsgId: refId(o, 'networkSecurityGroup'),
    routeTableId: refId(o, 'routeTable'),
    serviceEndpoints: objects(o, 'serviceEndpoints')
      .map((s) => str(s, 'service'))
      .filter((s): s is string => s !== undefined),
    origin,
  };
}

export function parsePeering(o: Obj, origin: Origin, vnet?: { id: string; name: string }): Peering {
  const id = str(o, 'id');
  const name = str(o, 'name') ?? (id ? nameOfId(id) : '(peering)');
  const remoteVnetId = refId(o, 'remoteVirtualNetwork') ?? undefined;
  const remote = addressSpace(o, 'remoteAddressSpace');
  const remoteNew = addressSpace(o, 'remoteVirtualNetworkAddressSpace');
  const vnetName = vnet?.name ?? (id ? segmentName(id, 'virtualNetworks') : undefined);
  const vnetId = vnet?.id ?? (id ? id.replace(/\/virtualNetworkPeerings\/[^/]+$/i, '') : undefined);
  return {
    ...(id ? { id } : {}),
    name,
    ...(vnetId ? { vnetId } : {}),
    ...(vnetName ? { vnetName } : {}),
    ...(remoteVnetId ? { remoteVnetId, remoteVnetName: nameOfId(remoteVnetId) } : {}),
    state: str(o, 'peeringState') ?? 'Unknown',
    ...(str(o, 'peeringSyncLevel') ? { syncLevel: str(o, 'peeringSyncLevel') } : {}),
    remotePrefixes: ranges([...new Set([...remote, ...remoteNew])]),
    allowVirtualNetworkAccess: bool(o, 'allowVirtualNetworkAccess') ?? true,
    allowForwardedTraffic: bool(o, 'allowForwardedTraffic') ?? false,
    allowGatewayTransit: bool(o, 'allowGatewayTransit') ?? false,
    useRemoteGateways: bool(o, 'useRemoteGateways') ?? false,
    origin,
  };
}

export function parseVnet(o: Obj, origin: Origin): VNet {
  const { id, name, resourceGroup } = identity(o, 'vnet');
  const prefixTexts = addressSpace(o, 'addressSpace');
  const location = str(o, 'location');
  return {
    id,
    name,
    ...(resourceGroup ? { resourceGroup } : {}),
    ...(location ? { location } : {}),
    prefixes: ranges(prefixTexts),
    prefixTexts,
    subnets: objects(o, 'subnets').map((s) => parseSubnet(s, origin, name)),
    peerings: objects(o, 'virtualNetworkPeerings').map((p) => parsePeering(p, origin, { id, name })),
    peeringsListed: Array.isArray(prop(o, 'virtualNetworkPeerings')),
    origin,
  };
}

/** A rule's list field (`…Prefixes`, `…PortRanges`) when it has entries, else its single field. */
function listOrSingle(o: Obj, plural: string, single: string): string[] {
  const many = strings(o, plural).filter((s) => s.trim() !== '');
  if (many.length > 0) return many.flatMap(splitList);
  const one = str(o, single);
  return one === undefined || one.trim() === '' ? [] : splitList(one);
}

/** Some tools write lists as one comma-separated string ("80,443"). */
function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

type RuleProblem = { problem: string };

/** A security rule, or why it cannot be used (a rule without priority, direction or access cannot be ordered). */
function parseRule(o: Obj, isDefault: boolean): SecurityRule | RuleProblem {
  const rawName = str(o, 'name') ?? (str(o, 'id') ? nameOfId(str(o, 'id') ?? '') : '(unnamed rule)');
  const fromDefaults = /^defaultSecurityRules\//i.test(rawName);
  const name = rawName.replace(/^(default)?securityRules\//i, '');
  const priority = num(o, 'priority');
  const direction = str(o, 'direction')?.toLowerCase();
  const access = str(o, 'access')?.toLowerCase();
  if (priority === undefined || (direction !== 'inbound' && direction !== 'outbound')) {
    return { problem: `rule ${safeName(name)} has no priority or direction` };
  }
  if (access !== 'allow' && access !== 'deny') return { problem: `rule ${safeName(name)} has no access` };
  const sourceExpanded = strings(o, 'expandedSourceAddressPrefix');
  const destinationExpanded = strings(o, 'expandedDestinationAddressPrefix');
  const typed = str(o, 'type') ?? '';
  return {
    name,
    priority,
    direction,
    access,
    protocol: str(o, 'protocol') ?? '*',
    sourcePrefixes: listOrSingle(o, 'sourceAddressPrefixes', 'sourceAddressPrefix'),
    destinationPrefixes: listOrSingle(o, 'destinationAddressPrefixes', 'destinationAddressPrefix'),
    ...(sourceExpanded.length > 0 ? { sourceExpanded } : {}),
    ...(destinationExpanded.length > 0 ? { destinationExpanded } : {}),
    sourcePorts: listOrSingle(o, 'sourcePortRanges', 'sourcePortRange'),
    destinationPorts: listOrSingle(o, 'destinationPortRanges', 'destinationPortRange'),
    sourceAsgIds: refIds(o, 'sourceApplicationSecurityGroups'),
    destinationAsgIds: refIds(o, 'destinationApplicationSecurityGroups'),
    isDefault: isDefault || fromDefaults || /defaultSecurityRules$/i.test(typed) || priority >= 65000,
  };
}

/** Names go into messages: keep them to the characters Azure allows in rule names. */
function safeName(name: string): string {
  const cleaned = name.replace(/[^\w.\-()/ ]/g, '?');
  return cleaned.length > 80 ? `${cleaned.slice(0, 77)}...` : cleaned;
}

function rulesOf(items: Obj[], isDefault: boolean, problems: string[]): SecurityRule[] {
  const out: SecurityRule[] = [];
  for (const item of items) {
    const rule = parseRule(item, isDefault);
    if ('problem' in rule) problems.push(rule.problem);
    else out.push(rule);
  }
  return out;
}

export function parseNsg(o: Obj, origin: Origin, problems: string[]): Nsg {
  const { id, name, resourceGroup } = identity(o, 'nsg');
  const defaults = prop(o, 'defaultSecurityRules');
  return {
    id,
    name,
    ...(resourceGroup ? { resourceGroup } : {}),
    rules: rulesOf(objects(o, 'securityRules'), false, problems),
    defaultRules:
      Array.isArray(defaults) && defaults.length > 0
        ? rulesOf(objects(o, 'defaultSecurityRules'), true, problems)
        : null,
    subnetIds: refIds(o, 'subnets'),
    nicIds: refIds(o, 'networkInterfaces'),
    rulesOnly: false,
    origin,
  };
}

/** `az network nsg rule list` prints rules alone; their ids name the NSG. */
export function nsgsFromRules(items: Obj[], origin: Origin, problems: string[]): Nsg[] {
  const byNsg = new Map<string, { id: string; custom: Obj[]; defaults: Obj[] }>();
  for (const item of items) {
    const ruleId = str(item, 'id') ?? '';
    const nsgId = ruleId.replace(/\/(default)?securityRules\/[^/]+$/i, '');
    const key = nsgId === ruleId || nsgId === '' ? '(rules)' : idKey(nsgId);
    const entry = byNsg.get(key) ?? {
      id: nsgId === ruleId ? '/nsg/(unnamed NSG)' : nsgId,
      custom: [],
      defaults: [],
    };
    const isDefault =
      /\/defaultSecurityRules\//i.test(ruleId) || /defaultSecurityRules$/i.test(str(item, 'type') ?? '');
    (isDefault ? entry.defaults : entry.custom).push(item);
    byNsg.set(key, entry);
  }
  return [...byNsg.values()].map(({ id, custom, defaults }) => {
    const resourceGroup = parseId(id).resourceGroup;
    return {
      id,
      name: nameOfId(id),
      ...(resourceGroup ? { resourceGroup } : {}),
      rules: rulesOf(custom, false, problems),
      defaultRules: defaults.length > 0 ? rulesOf(defaults, true, problems) : null,
      subnetIds: [],
      nicIds: [],
      rulesOnly: true,
      origin,
    };
  });
}

export function parseNic(o: Obj, origin: Origin): Nic {
  const { id, name, resourceGroup } = identity(o, 'nic');
  const vmId = refId(o, 'virtualMachine');
  const ipConfigs: IpConfig[] = objects(o, 'ipConfigurations').map((c) => {
    const address = str(c, 'privateIPAddress') ?? str(c, 'privateIpAddress');
    const range = address ? parsePrefix(address) : null;
    const subnetId = refId(c, 'subnet');
    const publicIpId = refId(c, 'publicIPAddress') ?? refId(c, 'publicIpAddress');
    return {
      name: str(c, 'name') ?? 'ipconfig',
      ...(address ? { address } : {}),
      ...(range ? { range } : {}),
      ...(subnetId ? { subnetId } : {}),
      asgIds: refIds(c, 'applicationSecurityGroups'),
      primary: bool(c, 'primary') ?? false,
      ...(publicIpId ? { publicIpId } : {}),
    };
  });
  return {
    id,
    name,
    ...(resourceGroup ? { resourceGroup } : {}),
    ...(vmId ? { vmName: nameOfId(vmId) } : {}),
    ipConfigs,
    nsgId: refId(o, 'networkSecurityGroup'),
    ipForwarding: bool(o, 'enableIPForwarding') ?? bool(o, 'enableIpForwarding') ?? false,
    origin,
  };
}

const TAG_MAP_LIMIT = 4 * 1024 * 1024;

function tagMapOf(item: Obj): Map<string, string[]> {
  const raw = prop(item, 'tagMap');
  let value: unknown = raw;
  if (typeof raw === 'string' && raw.length <= TAG_MAP_LIMIT) {
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
  }
  const tags = new Map<string, string[]>();
  if (!isObj(value)) return tags;
  for (const [tag, prefixes] of Object.entries(value)) {
    if (Array.isArray(prefixes))
      tags.set(
        tag,
        prefixes.filter((p): p is string => typeof p === 'string'),
      );
  }
  return tags;
}

export function parseEffectiveEntry(item: Obj, problems: string[]): EffectiveNsgEntry | null {
  const nsgId = refId(item, 'networkSecurityGroup');
  const association = prop(item, 'association');
  const nicId = isObj(association) ? refId(association, 'networkInterface') : null;
  const subnetId = isObj(association) ? refId(association, 'subnet') : null;
  if (!nsgId || (!nicId && !subnetId)) return null;
  const rules = rulesOf(objects(item, 'effectiveSecurityRules'), false, problems);
  const tags = tagMapOf(item);
  for (const rule of rules) {
    learnTag(tags, rule.sourcePrefixes, rule.sourceExpanded);
    learnTag(tags, rule.destinationPrefixes, rule.destinationExpanded);
  }
  return {
    nsgId,
    nsgName: nameOfId(nsgId),
    association: nicId ? { kind: 'nic', id: nicId } : { kind: 'subnet', id: subnetId ?? '' },
    rules,
    tags,
  };
}

function learnTag(tags: Map<string, string[]>, prefixes: string[], expanded: string[] | undefined): void {
  const [only] = prefixes;
  if (prefixes.length !== 1 || only === undefined || !expanded || expanded.length === 0) return;
  if (parsePrefix(only) !== null || only === '*') return;
  if (!tags.has(only)) tags.set(only, expanded);
}

export function parseRoute(o: Obj, fromRouteTable: boolean): Route | null {
  const prefixValue = prop(o, 'addressPrefix');
  const prefixes = Array.isArray(prefixValue)
    ? prefixValue.filter((p): p is string => typeof p === 'string')
    : typeof prefixValue === 'string'
      ? [prefixValue]
      : [];
  const nextHopType = str(o, 'nextHopType');
  if (prefixes.length === 0 || nextHopType === undefined) return null;
  const hop = prop(o, 'nextHopIpAddress');
  const nextHopIp = Array.isArray(hop)
    ? hop.find((h): h is string => typeof h === 'string')
    : typeof hop === 'string'
      ? hop
      : undefined;
  const name = str(o, 'name');
  return {
    ...(name ? { name } : {}),
    prefixes,
    nextHopType,
    ...(nextHopIp ? { nextHopIp } : {}),
    source: fromRouteTable ? 'User' : (str(o, 'source') ?? 'Default'),
    state: fromRouteTable ? 'Active' : (str(o, 'state') ?? 'Active'),
  };
}

export function parseRouteTable(o: Obj, origin: Origin): RouteTable {
  const { id, name, resourceGroup } = identity(o, 'route-table');
  return {
    id,
    name,
    ...(resourceGroup ? { resourceGroup } : {}),
    routes: objects(o, 'routes')
      .map((r) => parseRoute(r, true))
      .filter((r): r is Route => r !== null),
    subnetIds: refIds(o, 'subnets'),
    origin,
  };
}
