// Why the option fits: one sentence per situation fact that decided it, in the user's terms.
import { NOTES } from '../facts/options.ts';
import type { Situation } from '../model.ts';
import type { Decision } from './decide.ts';
import { nodePorts, type Step } from './steps.ts';

/**
 * `given` is the situation before assumptions, so an assumed version is called one; `fromExports` names the facts
 * the evidence settled, so they are not said to be the user's.
 */
export function reasonsFor(
  d: Decision,
  given: Situation,
  fromExports: ReadonlySet<keyof Situation> = new Set(),
): Step[] {
  return [routeReason(d), ...versionReason(d, given), ...extraReasons(d, fromExports)];
}

const r = (text: string, ...sources: Step['sources']): Step => ({ text, sources });

function routeReason(d: Decision): Step {
  const f = d.facts;
  const link = f.privateLink === 'expressroute' ? 'ExpressRoute' : 'VPN';
  switch (d.route) {
    case 'same-vnet':
      return r(
        'CycleCloud runs in the same VNet as the cluster: nodes reach it on its private IP, no proxy and no public IP needed.',
        'NC',
        'CI',
      );
    case 'peered':
      return r(
        'Your VNets are peered and Connected: peered VNets route privately as one network, so nodes go straight to CycleCloud.',
        'PEER',
        'seed:000',
      );
    case 'peer-one-way':
      return r(
        'Your peering exists in one direction only: it stays Initiated and carries no traffic until the other side is created.',
        'PEER',
      );
    case 'peer-new':
      return r(
        'CycleCloud is in another VNet that is not peered yet: peering keeps the traffic private and needs no proxy or public IP.',
        'PEER',
        'RP',
      );
    case 'hub-and-spoke':
      return r(
        "Both VNets are peered only to a hub: peering is not transitive, so the spokes don't reach each other through the hub on their own.",
        'PEER',
      );
    case 'vnet-proxy':
      return f.peering === 'overlap'
        ? r(
            "Your VNets' address spaces overlap, so no peering or VPN can route between them, and public IPs are allowed: a return proxy with a public IP lets CycleCloud tunnel in over SSH without routing between the ranges.",
            'PEER',
            'VPN',
            'RP',
          )
        : r(
            'Your VNets cannot be peered and public IPs are allowed: a return proxy with a public IP lets CycleCloud tunnel in over SSH.',
            'RP',
            'seed:001',
          );
    case 'vnet-vpn':
      return r(
        'Your VNets cannot be peered and policy forbids public IPs: a return proxy would need one, so a VNet-to-VNet VPN or ExpressRoute is the way.',
        'NS',
        'ES',
        'VPN',
      );
    case 'vnet-overlap':
      return r(
        "Your VNets' address spaces overlap and policy forbids public IPs: nothing can route between overlapping ranges (peering and VNet-to-VNet VPN both refuse them) and a return proxy needs a public IP, so CycleCloud has to run in the cluster's VNet, or one side gets new addresses.",
        'PEER',
        'VPN',
        'NS',
      );
    case 'over-vpn':
      return r(
        `Your ${link} already links CycleCloud's network with the cluster: nodes reach CycleCloud directly over it.`,
        'NC',
        'seed:000',
      );
    case 'onprem-proxy':
      return r(
        'CycleCloud runs on-premises with no VPN or ExpressRoute and public IPs are allowed: CycleCloud opens an SSH tunnel out to the proxy, so nothing inbound to your network is needed.',
        'RP',
        'NC',
      );
    case 'onprem-vpn':
      return r(
        'CycleCloud runs on-premises with no VPN or ExpressRoute and policy forbids public IPs: only a site-to-site VPN or ExpressRoute connects them.',
        'NC',
        'NS',
        'ES',
      );
    case 'user-access':
      return r(
        'The broken link is people reaching the nodes: keep the nodes private and go through Azure Bastion or a jump box.',
        'CTN',
        'seed:000',
      );
  }
}

function versionReason(d: Decision, given: Situation): Step[] {
  if (d.route === 'user-access') return [];
  const state = given.cyclecloudVersion === undefined ? 'CycleCloud 8 (assumed)' : `CycleCloud ${d.version}`;
  if (d.version === 8) {
    return [
      r(
        `${state}: nodes need only ${nodePorts(d)} to CycleCloud (37140 through a return proxy); 5672 and 37141 are unused.`,
        'RP',
        'CSP',
        'seed:001',
      ),
    ];
  }
  return [
    r(
      `${state}: nodes need ${nodePorts(d)} (37140 and 37141 through a return proxy).`,
      'seed:000',
      'LD',
      'RP',
    ),
  ];
}

function extraReasons(d: Decision, fromExports: ReadonlySet<keyof Situation>): Step[] {
  const f = d.facts;
  const reasons: Step[] = [];
  const peeringRoute = d.route === 'peer-new' || d.route === 'peer-one-way' || d.route === 'peered';
  if (peeringRoute && f.sameRegion === false)
    reasons.push(r(`The VNets are in different regions: ${NOTES.globalPeering.text}`, 'PEER'));
  const proxyRoute = d.route === 'vnet-proxy' || d.route === 'onprem-proxy';
  if (proxyRoute && f.proxyCandidateOs === 'windows') {
    reasons.push(
      r(
        'Your proxy candidate runs Windows and only Linux can be a return proxy: the proxy is a separate Linux node.',
        'RP',
        'HPCPACK',
      ),
    );
  }
  if ((f.blockedPorts ?? []).length > 0 && d.route !== 'user-access') {
    reasons.push(
      r(
        fromExports.has('blockedPorts')
          ? `Your exports deny TCP ${(f.blockedPorts ?? []).join(', ')} from the nodes to CycleCloud: the rule that denies it and the fix are below.`
          : `You listed blocked ports (${(f.blockedPorts ?? []).join(', ')}): the findings say which of them this path needs open.`,
        'NS',
      ),
    );
  }
  if (d.egress) {
    reasons.push(
      r(
        "CycleCloud's own outbound access is locked down: it needs Azure Storage, Entra ID, Azure Monitor and Resource Manager on 443.",
        'LD',
      ),
    );
  }
  return reasons;
}
