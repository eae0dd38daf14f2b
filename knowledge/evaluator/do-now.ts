// The next action, first: the option in plain words for this case, at most three short lines of what to do now, and
// the one snippet that fixes it. Built from the same decision, proxy plan and snippets as the rest of the answer.
import type { Route } from '../facts/options.ts';
import type { SourceTag } from '../facts/sources.ts';
import type { DoNow, Snippet } from '../model.ts';
import { type Decision, filterOf } from './decide.ts';
import type { EvidenceAction } from './evidence-action.ts';
import type { Names } from './names.ts';
import type { ProxyPlan } from './proxy-plan.ts';
import { type ActiveProxy, proxyOffAction } from './steps.ts';

export interface NextActionInput {
  decision: Decision;
  names: Names;
  plan: ProxyPlan | null;
  activeProxies: ActiveProxy[];
  fix: Snippet | undefined;
  /** What the exports showed about the required connections, when evidence was given. */
  evidence?: EvidenceAction | undefined;
  /** The exports show the peering Connected in both directions. */
  peeringShown?: boolean;
}

interface Line {
  text: string;
  sources: readonly SourceTag[];
}

const line = (text: string, ...sources: SourceTag[]): Line => ({ text, sources });
const knownOr = (value: string, words: string) => (value.startsWith('<') ? words : value);

export function nextAction(input: NextActionInput): { headline: string; doNow: DoNow } {
  const { decision: d, evidence } = input;
  const egress = d.egress && !evidence?.open ? [egressLine()] : [];
  const lead = evidence?.lead ? [evidence.lead] : [];
  const lines = [...lead, ...egress, ...ROUTE_LINES[d.route](input)];
  if (evidence?.open && lines.length === 1) lines.push(NODE_CHECK);
  const kept = lines.slice(0, 3);
  const doNow: DoNow = {
    lines: kept.map((l) => l.text),
    sources: [...new Set(kept.flatMap((l) => l.sources))],
  };
  const fix = evidence?.fix ?? input.fix;
  if (fix) doNow.snippet = fix;
  return { headline: headline(input), doNow };
}

const NODE_CHECK = line('If nodes still fail, test from a node as the cyclecloud user (below).', 'CI');

function ports(d: Decision): string {
  return d.version === 8 ? 'TCP 9443' : 'HTTPS (443 or 9443) and AMQP 5672';
}

function headline(input: NextActionInput): string {
  const egress = input.decision.egress ? "; open CycleCloud's locked-down outbound access first" : '';
  return `${HEADLINES[input.decision.route](input)}${egress}`;
}

const nodesOf = (i: NextActionInput) => `nodes of ${knownOr(i.names.cluster, 'the cluster')}`;
const clusterVnetOf = (i: NextActionInput) => knownOr(i.names.clusterVnet, "the cluster's VNet");

const HEADLINES: Record<Route, (i: NextActionInput) => string> = {
  'same-vnet': (i) => `Direct: ${nodesOf(i)} reach CycleCloud on its private IP (${ports(i.decision)})`,
  peered: (i) => `Direct over your VNet peering: ${nodesOf(i)} reach CycleCloud on ${ports(i.decision)}`,
  'peer-one-way': (i) =>
    `Finish the VNet peering (one side is missing), then ${nodesOf(i)} reach CycleCloud directly`,
  'peer-new': (i) =>
    `Peer the CycleCloud VNet with ${clusterVnetOf(i)}, then ${nodesOf(i)} reach CycleCloud directly on ${ports(i.decision)}`,
  'hub-and-spoke': (i) =>
    i.decision.facts.peering === 'policy'
      ? `Route the two spokes through the hub firewall: ${nodesOf(i)} reach CycleCloud on ${ports(i.decision)}`
      : 'Peer the two spokes directly (or route through the hub firewall): peering is not transitive',
  'vnet-proxy': (i) =>
    `Return proxy on ${proxyName(i)} with a public IP: CycleCloud tunnels in over SSH${i.decision.facts.peering === 'overlap' ? ' (the address spaces overlap)' : ''}`,
  'onprem-proxy': (i) =>
    `Return proxy on ${proxyName(i)} with a public IP: CycleCloud (on-premises) tunnels out to it over SSH`,
  'vnet-vpn': () =>
    'VNet-to-VNet VPN, no return proxy: peering is ruled out and cluster VMs may not have public IPs',
  'vnet-overlap': (i) =>
    `Run CycleCloud in ${clusterVnetOf(i)}: the address spaces overlap and cluster VMs may not have public IPs`,
  'onprem-vpn': (i) =>
    `Site-to-site VPN or ExpressRoute to ${clusterVnetOf(i)}, no return proxy: cluster VMs may not have public IPs`,
  'over-vpn': (i) =>
    `Direct over your ${i.decision.facts.privateLink === 'expressroute' ? 'ExpressRoute' : 'VPN'}: ${nodesOf(i)} reach CycleCloud on ${ports(i.decision)}`,
  'user-access': (i) =>
    `Reach the ${nodesOf(i)} through Azure Bastion (Standard, native client) or a jump box`,
};

function proxyName(input: NextActionInput): string {
  const plan = input.plan;
  if (plan?.kind === 'separate') return `a new Linux node ${plan.name}`;
  if (plan) return plan.node.topo.name;
  return input.decision.facts.proxyCandidateOs === 'windows' ? 'a separate Linux node' : 'one Linux node';
}

function egressLine(): Line {
  return line(
    "CycleCloud's outbound access is locked down: allow Storage, Entra ID, Azure Monitor and Resource Manager on 443 (rules below).",
    'LD',
  );
}

function proxyOffLine(input: NextActionInput): Line[] {
  if (input.activeProxies.length === 0) return [];
  return [line(`Set ${proxyOffAction(input.activeProxies)}: no return proxy on this path.`, 'RP', 'NS')];
}

/** The exports' word on the filter replaces the generic one: what they deny leads, all allowed means nothing to add. */
function evidenceFilter(input: NextActionInput): Line[] | null {
  const e = input.evidence;
  if (!e || e.filter === undefined) return null;
  return e.filter ? [e.filter] : [];
}

function directFilterLines(input: NextActionInput): Line[] {
  return evidenceFilter(input) ?? [directFilterLine(input.decision)];
}

function directFilterLine(d: Decision): Line {
  switch (filterOf(d)) {
    case 'none':
      return line('No NSG rules to add: nothing filters the traffic.', 'NSG');
    case 'nsg':
      return line(
        `Allow ${ports(d)} from the node subnet to CycleCloud, and TCP 22 back, in the NSGs.`,
        'NS',
        'CI',
      );
    case 'azure-firewall':
      return line(`Allow ${ports(d)} to CycleCloud and TCP 22 back in Azure Firewall's network rules.`, 'FW');
    case 'unknown':
      return line(
        'Find out what filters the traffic (the check below), then open the ports there.',
        'NSGDIAG',
        'IPFLOW',
      );
  }
}

/** With no NSG at all the proxy's public IP stays closed, whatever the exports allow: that advice stays. */
function proxyFilterLines(input: NextActionInput, onPremises: boolean): Line[] {
  const generic = proxyFilterLine(input.decision, onPremises);
  if (filterOf(input.decision) === 'none' && input.evidence?.open) return [generic];
  return evidenceFilter(input) ?? [generic];
}

function proxyFilterLine(d: Decision, onPremises: boolean): Line {
  const from = onPremises ? 'your on-premises egress IP' : "CycleCloud's public IP";
  const amqp = d.version === 7 ? ' and 37141' : '';
  switch (filterOf(d)) {
    case 'none':
      return line(
        `Add an NSG allowing TCP 22 from ${from}: the proxy's public IP is closed until one does.`,
        'PIP',
        'NSG',
      );
    case 'nsg':
      return line(
        `Allow TCP 22 to the proxy only from ${from}, and 37140${amqp} from the nodes.`,
        'RP',
        'NSG',
      );
    case 'azure-firewall':
      return line(
        `Allow TCP 22 to the proxy from ${from} and 37140${amqp} from the nodes (NSG and Azure Firewall).`,
        'RP',
        'FW',
      );
    case 'unknown':
      return line(
        `Find out what filters the cluster subnet (the check below), then allow 22 and 37140${amqp}.`,
        'NSGDIAG',
      );
  }
}

function proxyOnLine(input: NextActionInput): Line {
  const plan = input.plan;
  if (plan?.kind === 'separate') {
    return line(
      `Add a Linux [[node ${plan.name}]] as the return proxy, with a public IP (template change below).`,
      'RP',
      'HPCPACK',
    );
  }
  if (plan?.kind === 'parameter') {
    return line(
      `Set parameter ${plan.parameter} = true: it makes ${plan.node.topo.name} the return proxy (settings below).`,
      'RP',
    );
  }
  if (plan?.kind === 'existing') {
    const ip = plan.node.topo.publicIp === true ? '' : ' and give it a public IP (below)';
    return line(`Keep ${plan.node.topo.name} as the one return proxy${ip}.`, 'RP', 'NS');
  }
  if (plan?.kind === 'promote') {
    return line(
      `Make ${plan.node.topo.name} the return proxy, with a public IP (template change below).`,
      'RP',
    );
  }
  if (input.decision.facts.proxyCandidateOs === 'windows') {
    return line('Add a Linux [[node proxy]] as the return proxy, with a public IP (below).', 'RP', 'HPCPACK');
  }
  return line(
    'Make one persistent Linux node (usually the head node) the return proxy, with a public IP (below).',
    'RP',
  );
}

const ROUTE_LINES: Record<Route, (input: NextActionInput) => Line[]> = {
  'same-vnet': (i) => [...proxyOffLine(i), ...directFilterLines(i)],
  peered: (i) => [
    // The exports already show both sides Connected: nothing left to check there.
    ...(i.peeringShown || i.evidence?.open
      ? []
      : [line('Check both sides of the peering show Connected.', 'PEERMGMT')]),
    ...proxyOffLine(i),
    ...directFilterLines(i),
  ],
  'peer-one-way': (i) => [
    line('One side of the peering is missing: the script below finds it and creates it.', 'PEERMGMT'),
    ...proxyOffLine(i),
    ...directFilterLines(i),
  ],
  'peer-new': (i) => [
    line(
      `Peer the CycleCloud VNet and ${knownOr(i.names.clusterVnet, "the cluster's VNet")} in both directions (below).`,
      'PEER',
    ),
    ...proxyOffLine(i),
    ...directFilterLines(i),
  ],
  'hub-and-spoke': (i) => [
    i.decision.facts.peering === 'policy'
      ? line(
          'Route each spoke to the other through the hub firewall, with allowForwardedTraffic on the peerings (below).',
          'PEER',
          'NS',
        )
      : line('Peer the two spokes directly (below); peering through a hub is not transitive.', 'PEER'),
    ...proxyOffLine(i),
    ...(i.decision.facts.peering === 'policy'
      ? [line(`Allow ${ports(i.decision)} from the nodes to CycleCloud in the hub firewall.`, 'PEER', 'NS')]
      : directFilterLines(i)),
  ],
  'vnet-proxy': (i) => [proxyOnLine(i), ...proxyFilterLines(i, false)],
  'onprem-proxy': (i) => [proxyOnLine(i), ...proxyFilterLines(i, true)],
  'vnet-vpn': (i) => [
    line('Connect the VNets with a VNet-to-VNet VPN (below): each gateway takes 45 minutes or more.', 'VPN'),
    ...proxyOffLine(i),
    ...directFilterLines(i),
  ],
  'vnet-overlap': (i) => [
    line(
      'Confirm the overlap (below): no peering, VPN or return proxy can connect these VNets under your policy.',
      'PEER',
      'VPN',
    ),
    line(
      "Run CycleCloud in the cluster's VNet, or move the cluster to a VNet that does not overlap and peer it.",
      'NC',
      'PEER',
    ),
    ...proxyOffLine(i),
  ],
  'onprem-vpn': (i) => [
    line(
      'Set up a site-to-site VPN (or ExpressRoute) to the cluster VNet (below): the gateway takes 45 minutes or more.',
      'VPN',
      'NC',
    ),
    ...proxyOffLine(i),
    ...directFilterLines(i),
  ],
  'over-vpn': (i) => [...proxyOffLine(i), ...directFilterLines(i)],
  'user-access': () => [
    line(
      'Create Azure Bastion, Standard SKU, in AzureBastionSubnet (/26 or larger) of the cluster VNet (below).',
      'BASTION',
    ),
    line(
      "Then `az network bastion ssh` to a node's private IP; or use a jump box with cyclecloud connect.",
      'BASTIONCLI',
      'CTN',
    ),
  ],
};
