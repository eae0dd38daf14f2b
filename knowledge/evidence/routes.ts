// Which route carries a packet from the source's subnet (ROUTE_SEMANTICS): the NIC's effective routes when exported,
// else the system routes of its VNet plus the subnet's route table; longest prefix wins, user over BGP over system.
import type { AddressSet } from './addresses.ts';
import type { Endpoint } from './endpoints.ts';
import type { EvidenceIndex } from './evidence-index.ts';
import { contains, formatRange, type IpRange, overlaps, parsePrefix, prefixLength } from './ip.ts';
import { ROUTE_SEMANTICS } from './semantics.ts';
import type { Peering, Route, Subnet, VNet } from './types.ts';

type RouteEffect = 'deliver' | 'drop' | 'firewall' | 'unknown';

export interface RouteReport {
  /** Where the routes came from. */
  from: string;
  prefix: string;
  nextHopType: string;
  nextHopIp?: string;
  name?: string;
  origin: string;
  effect: RouteEffect;
  reason: string;
}

interface Candidate {
  route: Route;
  prefix: string;
  range: IpRange | null;
  tag: string | null;
}

const SYSTEM_NONE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** The route for `dst` from `src`'s subnet, or null when the source's routing is not in the evidence. */
interface Routing {
  candidates: Candidate[];
  from: string;
  notes: string[];
  /** Set when the routes cannot be known (a route table attached but not exported). */
  missing?: RouteReport;
}

type RouteResult = { report: RouteReport; notes: string[] } | null;

/** Routes depend on the two ends only, not on port or protocol: each pair is routed once per index. */
const routed = new WeakMap<EvidenceIndex, WeakMap<Endpoint, WeakMap<Endpoint, RouteResult>>>();

export function routeFor(index: EvidenceIndex, src: Endpoint, dst: Endpoint): RouteResult {
  let bySource = routed.get(index);
  if (!bySource) {
    bySource = new WeakMap();
    routed.set(index, bySource);
  }
  let byDestination = bySource.get(src);
  if (!byDestination) {
    byDestination = new WeakMap();
    bySource.set(src, byDestination);
  }
  if (byDestination.has(dst)) return byDestination.get(dst) ?? null;
  const result = routeOnce(index, src, dst);
  byDestination.set(dst, result);
  return result;
}

function routeOnce(index: EvidenceIndex, src: Endpoint, dst: Endpoint): RouteResult {
  const routing = index.memo(`routing|${src.nic?.id ?? '-'}|${src.subnet?.id ?? '-'}`, () =>
    routingOf(index, src),
  );
  if (!routing) return null;
  if (routing.missing) return { report: routing.missing, notes: routing.notes };
  const { from, notes } = routing;
  const vnet = src.vnet;
  const chosen = choose(routing.candidates, dst.side.address);
  if (!chosen) {
    return {
      report: {
        from,
        prefix: '-',
        nextHopType: 'none',
        origin: '-',
        effect: 'drop',
        reason: 'no route holds the destination',
      },
      notes,
    };
  }
  const report = describe(index, chosen, from, dst);
  const unconnected = vnet ? unconnectedPeeringFor(index, vnet, dst.side.address) : undefined;
  if (unconnected && report.effect !== 'deliver') {
    report.reason = `${report.reason}; peering ${unconnected.name} to ${unconnected.remoteVnetName ?? 'the remote VNet'} is ${unconnected.state}, so it carries nothing (${ROUTE_SEMANTICS.PEERING_CONNECTED.url})`;
  }
  return { report, notes };
}

function routingOf(index: EvidenceIndex, src: Endpoint): Routing | null {
  const notes: string[] = [];
  const vnet = src.vnet;
  const effective = index.effectiveRoutesFor(src.nic, vnet);
  if (effective) {
    if (effective.assumed) notes.push(effective.assumed);
    return {
      candidates: candidates(effective.routes.routes.filter((r) => r.state.toLowerCase() === 'active')),
      from: `effective routes (${effective.routes.origin.file})`,
      notes,
    };
  }
  if (!vnet || !src.subnet) return null;
  const { table, missingId } = index.routeTableOf(src.subnet);
  if (missingId) {
    return {
      candidates: [],
      from: `subnet ${src.subnet.name}`,
      notes,
      missing: {
        from: `subnet ${src.subnet.name}`,
        prefix: '-',
        nextHopType: 'unknown',
        origin: 'User',
        effect: 'unknown',
        reason: `subnet ${src.subnet.name} has route table ${missingId.split('/').at(-1)} attached, and it is not in the evidence (add az network route-table show)`,
      },
    };
  }
  return {
    candidates: candidates([...(table?.routes ?? []), ...systemRoutes(index, vnet, src.subnet)]),
    from: table
      ? `route table ${table.name} + system routes of ${vnet.name}`
      : `system routes of ${vnet.name}`,
    notes,
  };
}

/** Default routes of a subnet: VNet space, Connected peerings, 0.0.0.0/0 to the Internet, reserved ranges to None. */
function systemRoutes(index: EvidenceIndex, vnet: VNet, subnet?: Subnet): Route[] {
  const routes: Route[] = vnet.prefixTexts.map((p) => ({
    prefixes: [p],
    nextHopType: 'VnetLocal',
    source: 'Default',
    state: 'Active',
  }));
  // A service endpoint adds a route for the service's prefixes to its subnet (udr-overview "Optional default routes").
  for (const service of subnet?.serviceEndpoints ?? []) {
    const tag = /^Microsoft\.(\w+)$/i.exec(service)?.[1];
    if (tag)
      routes.push({
        name: `service endpoint ${service}`,
        prefixes: [tag === 'Sql' ? 'Sql' : tag],
        nextHopType: 'VirtualNetworkServiceEndpoint',
        source: 'Default',
        state: 'Active',
      });
  }
  for (const p of index.peeringsOf(vnet)) {
    if (p.state.toLowerCase() !== 'connected') continue;
    routes.push({
      name: p.name,
      prefixes: p.remotePrefixes.map(formatRange),
      nextHopType: 'VNetPeering',
      source: 'Default',
      state: 'Active',
    });
  }
  routes.push({ prefixes: ['0.0.0.0/0'], nextHopType: 'Internet', source: 'Default', state: 'Active' });
  for (const p of SYSTEM_NONE) {
    const range = parsePrefix(p) as IpRange;
    // A VNet that uses a reserved range (or a larger one holding it) replaces the None route (udr-overview "Default").
    if (vnet.prefixes.some((v) => contains(v, range))) continue;
    routes.push({ prefixes: [p], nextHopType: 'None', source: 'Default', state: 'Active' });
  }
  return routes;
}

const SOURCE_RANK: Record<string, number> = { user: 0, virtualnetworkgateway: 1, default: 2 };
const SYSTEM_PREFERRED = new Set([
  'vnetlocal',
  'vnetpeering',
  'vnetglobalpeering',
  'virtualnetworkserviceendpoint',
]);

/** Sorted once: longest prefix first, then user over BGP over system (ROUTE_SEMANTICS SAME_PREFIX). */
function candidates(routes: readonly Route[]): Candidate[] {
  const list = routes.flatMap((route) =>
    route.prefixes.map((prefix) => {
      const range = parsePrefix(prefix);
      return { route, prefix, range, tag: range ? null : prefix };
    }),
  );
  return list.sort((a, b) => {
    const la = a.range ? prefixLength(a.range) : 999;
    const lb = b.range ? prefixLength(b.range) : 999;
    if (la !== lb) return lb - la;
    return (
      (SOURCE_RANK[a.route.source.toLowerCase()] ?? 2) - (SOURCE_RANK[b.route.source.toLowerCase()] ?? 2)
    );
  });
}

function choose(all: readonly Candidate[], dst: AddressSet): Candidate | undefined {
  if (dst.kind === 'range') {
    const holding = all.filter((c) => c.range && contains(c.range, dst.range));
    return best(holding);
  }
  if (dst.kind === 'tag') {
    const base = dst.tag.split('.')[0]?.toLowerCase();
    const tagged = all.filter(
      (c) => c.tag && (c.tag.toLowerCase() === dst.tag.toLowerCase() || c.tag.toLowerCase() === base),
    );
    if (tagged.length > 0) return best(tagged);
    const endpoint = all.find(
      (c) => c.route.nextHopType.toLowerCase() === 'virtualnetworkserviceendpoint' && base === 'storage',
    );
    if (endpoint) return endpoint;
    return best(all.filter((c) => c.range && prefixLength(c.range) === 0));
  }
  return undefined;
}

/** Longest prefix; same prefix: user, then BGP, then system; system VNet routes beat more specific BGP routes. */
function best(sorted: readonly Candidate[]): Candidate | undefined {
  const first = sorted[0];
  if (first && first.route.source.toLowerCase() === 'virtualnetworkgateway') {
    const system = sorted.find((c) => SYSTEM_PREFERRED.has(c.route.nextHopType.toLowerCase()));
    if (system) return system;
  }
  return first;
}

function describe(index: EvidenceIndex, c: Candidate, from: string, dst: Endpoint): RouteReport {
  const hop = c.route.nextHopType;
  const base: Omit<RouteReport, 'effect' | 'reason'> = {
    from,
    prefix: c.prefix,
    nextHopType: hop,
    ...(c.route.nextHopIp ? { nextHopIp: c.route.nextHopIp } : {}),
    ...(c.route.name ? { name: c.route.name } : {}),
    origin: c.route.source,
  };
  const via = `${c.prefix} -> ${hop}${c.route.nextHopIp ? ` ${c.route.nextHopIp}` : ''}${c.route.name ? ` (route ${c.route.name})` : ''}`;
  switch (hop.toLowerCase()) {
    case 'none':
      return {
        ...base,
        effect: 'drop',
        reason: `route ${via}: next hop None drops the packet (${ROUTE_SEMANTICS.NONE_DROPS.url})`,
      };
    case 'virtualappliance': {
      const forwarded = forwardedTrafficBlocked(index, c.route.nextHopIp, dst);
      if (forwarded) return { ...base, effect: 'drop', reason: `route ${via}; ${forwarded}` };
      return {
        ...base,
        effect: 'firewall',
        reason: `route ${via}: a firewall or network virtual appliance decides, and its rules are not in the evidence (${ROUTE_SEMANTICS.VIRTUAL_APPLIANCE.url})`,
      };
    }
    case 'internet':
      if (dst.side.address.kind === 'range' && !isPublicRange(dst.side.address.range)) {
        return {
          ...base,
          effect: 'drop',
          reason: `route ${via}: a private address sent to the Internet next hop never arrives`,
        };
      }
      return { ...base, effect: 'deliver', reason: `route ${via}` };
    case 'vnetlocal':
    case 'vnetpeering':
    case 'vnetglobalpeering':
    case 'virtualnetworkserviceendpoint':
    case 'interfaceendpoint':
      return { ...base, effect: 'deliver', reason: `route ${via}` };
    case 'virtualnetworkgateway':
      return {
        ...base,
        effect: 'deliver',
        reason: `route ${via}: through the VPN/ExpressRoute gateway; firewalls beyond it (on-premises) are not in the evidence`,
      };
    default:
      return { ...base, effect: 'unknown', reason: `route ${via}: next hop type ccnet does not know` };
  }
}

const RESERVED = SYSTEM_NONE.map((p) => parsePrefix(p) as IpRange);

function isPublicRange(r: IpRange): boolean {
  return !RESERVED.some((p) => overlaps(p, r)) && !(r.family === 4 && r.lo >>> 24 === 127);
}

/** Traffic an appliance in another VNet forwards into the destination's VNet needs allowForwardedTraffic there. */
function forwardedTrafficBlocked(
  index: EvidenceIndex,
  applianceIp: string | undefined,
  dst: Endpoint,
): string | null {
  const ip = applianceIp ? parsePrefix(applianceIp) : null;
  const dstVnet = dst.vnet;
  if (!ip || !dstVnet) return null;
  const applianceVnet = index.vnetHolding(ip);
  if (!applianceVnet || applianceVnet.id.toLowerCase() === dstVnet.id.toLowerCase()) return null;
  const back = index
    .peeringsOf(dstVnet)
    .find(
      (p) =>
        p.remoteVnetId?.toLowerCase() === applianceVnet.id.toLowerCase() ||
        p.remoteVnetName?.toLowerCase() === applianceVnet.name.toLowerCase(),
    );
  if (!back || back.allowForwardedTraffic) return null;
  return `the appliance is in ${applianceVnet.name}, and ${dstVnet.name}'s peering ${back.name} does not allow forwarded traffic, so what the appliance forwards into ${dstVnet.name} is dropped`;
}

function unconnectedPeeringFor(index: EvidenceIndex, vnet: VNet, dst: AddressSet) {
  if (dst.kind !== 'range') return undefined;
  return index
    .peeringsOf(vnet)
    .find(
      (p) => p.state.toLowerCase() !== 'connected' && p.remotePrefixes.some((r) => contains(r, dst.range)),
    );
}

/** The peering state between two VNets as each side's export shows it (ROUTE_SEMANTICS PEERING_CONNECTED). */
export function peeringBetween(index: EvidenceIndex, a: VNet, b: VNet): { aToB?: Peering; bToA?: Peering } {
  const pointsTo = (from: VNet, to: VNet) =>
    index
      .peeringsOf(from)
      .find(
        (p) =>
          p.remoteVnetId?.toLowerCase() === to.id.toLowerCase() ||
          (!p.remoteVnetId && p.remoteVnetName?.toLowerCase() === to.name.toLowerCase()),
      );
  const aToB = pointsTo(a, b);
  const bToA = pointsTo(b, a);
  return { ...(aToB ? { aToB } : {}), ...(bToA ? { bToA } : {}) };
}
