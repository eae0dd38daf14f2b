// KNOWLEDGE.md's decision procedure, steps 0-2: which link, which version, where CycleCloud runs -> a route.
// Every fact it needs and does not have becomes a stated assumption.
import { NOTES, type Route } from '../facts/options.ts';
import type { Situation, SituationKey } from '../model.ts';

export interface Decision {
  route: Route;
  version: 7 | 8;
  /** CycleCloud's own outbound access to Azure is what is broken (L5 steps join the node-link option). */
  egress: boolean;
  /** The situation with the facts the decision assumed filled in. */
  facts: DecidedFacts;
  assumptions: string[];
  /** Situation fields the decision had to assume: rules that need a stated fact stay silent on these. */
  assumed: ReadonlySet<SituationKey>;
}

interface DecidedFacts extends Situation {
  cyclecloudVersion: 7 | 8;
  serverLocation: NonNullable<Situation['serverLocation']>;
}

interface Assumptions {
  texts: string[];
  keys: Set<SituationKey>;
}

export function decide(s: Situation): Decision {
  const a: Assumptions = { texts: [], keys: new Set() };
  const egress = s.link === 'cyclecloud-egress';
  if (s.link === 'user-to-node') {
    // People reaching nodes: CycleCloud's version and location do not change the answer, so assume nothing.
    const facts = {
      ...s,
      cyclecloudVersion: s.cyclecloudVersion ?? 8,
      serverLocation: s.serverLocation ?? 'same-vnet',
    };
    const assumed = new Set<SituationKey>();
    if (s.cyclecloudVersion === undefined) assumed.add('cyclecloudVersion');
    if (s.serverLocation === undefined) assumed.add('serverLocation');
    // Which OS the nodes run decides whether RDP joins SSH: say what was assumed.
    const assumptions =
      s.proxyCandidateOs === undefined
        ? ['Linux nodes assumed (SSH 22); Windows nodes also need RDP 3389.']
        : [];
    if (s.proxyCandidateOs === undefined) assumed.add('proxyCandidateOs');
    return { route: 'user-access', version: facts.cyclecloudVersion, egress, facts, assumptions, assumed };
  }
  const version =
    s.cyclecloudVersion ??
    assume(a, 'cyclecloudVersion', 8, `CycleCloud 8 assumed. ${NOTES.cc7Retired.text}`);
  const serverLocation = s.serverLocation ?? assumeLocation(s, a);
  const facts: DecidedFacts = { ...s, cyclecloudVersion: version, serverLocation };
  const route = nodeRoute(facts, a);
  const proxyRoute = route === 'vnet-proxy' || route === 'onprem-proxy';
  if (proxyRoute && s.proxyCandidateOs === undefined) {
    note(
      a,
      'proxyCandidateOs',
      'The node that becomes the return proxy assumed to run Linux; a Windows head node needs a separate Linux proxy node.',
    );
  }
  if (s.firewall === undefined && route !== 'hub-and-spoke') {
    note(
      a,
      'firewall',
      'NSGs assumed to filter the traffic (the Azure default); with no NSG there is no rule to add, behind Azure Firewall its rules decide.',
    );
  }
  return { route, version, egress, facts, assumptions: a.texts, assumed: a.keys };
}

export type Filter = NonNullable<Situation['firewall']>;

/** What filters node <-> CycleCloud traffic; unanswered means NSGs (stated as an assumption). */
export function filterOf(d: Decision): Filter {
  return d.facts.firewall ?? 'nsg';
}

function nodeRoute(f: DecidedFacts, a: Assumptions): Route {
  if (f.serverLocation === 'same-vnet') return 'same-vnet';
  if (f.serverLocation === 'on-premises') return onPremisesRoute(f, a);
  return otherVnetRoute(f, a);
}

function otherVnetRoute(f: DecidedFacts, a: Assumptions): Route {
  // Overlapping address spaces rule out peering, a hub and a VNet-to-VNet VPN alike: only a path that does not route
  // between the two ranges works (a return proxy over the Internet), or changing where things run.
  if (f.peering === 'overlap') return publicIpAllowed(f, a) ? 'vnet-proxy' : 'vnet-overlap';
  if (f.hubAndSpoke === true) return 'hub-and-spoke';
  if (
    f.hubAndSpoke === undefined &&
    (f.peering === 'none' || f.peering === 'policy' || f.peering === 'impossible')
  ) {
    note(
      a,
      'hubAndSpoke',
      'Not a hub-and-spoke layout assumed; if both VNets are peered only to a shared hub, they reach each other through its firewall or a direct peering.',
    );
  }
  if (f.peering === 'connected') return 'peered';
  if (f.privateLink === 'vpn' || f.privateLink === 'expressroute') return 'over-vpn';
  if (f.peering === 'one-way') return 'peer-one-way';
  if (f.peering === 'policy' || f.peering === 'impossible') {
    if (f.privateLink === undefined) {
      // Stated, but not marked assumed: the rules keep treating "cannot be peered" as the user's own answer.
      a.texts.push(
        'No VPN or ExpressRoute between the VNets assumed; if there is one, nodes reach CycleCloud directly over it.',
      );
    }
    if (publicIpAllowed(f, a)) return 'vnet-proxy';
    if (f.peering === 'impossible') {
      // Only the reason is assumed: the route (no peering, no public IP) is still what the user said.
      a.texts.push(
        'Peering assumed forbidden by policy (address spaces that do not overlap); if they overlap, a VPN cannot route them either and the answer changes.',
      );
    }
    return 'vnet-vpn';
  }
  if (f.peering === undefined) {
    note(
      a,
      'peering',
      'Peering assumed possible (address spaces do not overlap and policy allows it); if it is not, the answer becomes a return proxy or a VPN.',
    );
  }
  return 'peer-new';
}

function onPremisesRoute(f: DecidedFacts, a: Assumptions): Route {
  if (f.privateLink === 'vpn' || f.privateLink === 'expressroute') return 'over-vpn';
  if (f.privateLink === undefined) {
    note(
      a,
      'privateLink',
      'No VPN or ExpressRoute to Azure assumed; if you have one, nodes reach CycleCloud directly over it.',
    );
  }
  return publicIpAllowed(f, a) ? 'onprem-proxy' : 'onprem-vpn';
}

function publicIpAllowed(f: DecidedFacts, a: Assumptions): boolean {
  if (f.publicIpAllowed !== undefined) return f.publicIpAllowed;
  note(
    a,
    'publicIpAllowed',
    'Public IPs assumed allowed; under a no-public-IP policy the return proxy cannot work and the answer is a VPN or ExpressRoute.',
  );
  return true;
}

function assumeLocation(s: Situation, a: Assumptions): DecidedFacts['serverLocation'] {
  if (s.peering !== undefined || s.hubAndSpoke !== undefined || s.sameRegion !== undefined) {
    return assume(
      a,
      'serverLocation',
      'other-vnet',
      'CycleCloud assumed to run in another Azure VNet (peering facts were given).',
    );
  }
  if (s.privateLink !== undefined) {
    return assume(
      a,
      'serverLocation',
      'on-premises',
      'CycleCloud assumed to run on-premises (a VPN/ExpressRoute answer was given).',
    );
  }
  return assume(
    a,
    'serverLocation',
    'same-vnet',
    'CycleCloud assumed to run in the same VNet as the cluster (the recommended deployment).',
  );
}

function assume<T>(a: Assumptions, key: SituationKey, value: T, text: string): T {
  note(a, key, text);
  return value;
}

function note(a: Assumptions, key: SituationKey, text: string): void {
  a.texts.push(text);
  a.keys.add(key);
}
