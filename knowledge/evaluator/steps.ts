// The steps of a recommendation, per route (KNOWLEDGE.md L1-L6), each with the sources it rests on.
import { NOTES, type Route } from '../facts/options.ts';
import type { SourceTag } from '../facts/sources.ts';
import type { Decision } from './decide.ts';
import type { Names } from './names.ts';
import type { ProxyPlan } from './proxy-plan.ts';

export interface Step {
  text: string;
  sources: readonly SourceTag[];
}

export interface StepInput {
  decision: Decision;
  names: Names;
  plan: ProxyPlan | null;
  /** Nodes of the template that are return proxies now (to turn off where none is needed). */
  activeProxies: string[];
}

const step = (text: string, ...sources: SourceTag[]): Step => ({ text, sources });

export function stepsFor(input: StepInput): Step[] {
  const { decision: d } = input;
  const steps = [...ROUTE_STEPS[d.route](input)];
  if (d.facts.firewall === 'azure-firewall' && d.route !== 'user-access' && d.route !== 'hub-and-spoke') {
    steps.push(
      step(
        `Azure Firewall sits in the path: add a network rule allowing ${nodePorts(d)} from the node subnet to CycleCloud, and route both subnets through it.`,
        'NS',
        'LD',
      ),
    );
  }
  if (d.version === 7 && d.route !== 'user-access') {
    steps.push(
      step(
        `CycleCloud 7: read webServerClusterPort in cycle_server.properties (443 or 9443) and open that port. ${NOTES.cc7Retired.text}`,
        'CSP',
        'UM',
      ),
    );
  }
  if (d.egress) steps.push(...EGRESS_STEPS);
  if (d.route !== 'user-access') steps.push(step(NOTES.fixRoutine.text, ...NOTES.fixRoutine.sources));
  return steps;
}

/** The HTTPS/AMQP ports nodes use to reach CycleCloud directly, as text. */
export function nodePorts(d: Decision): string {
  return d.version === 8 ? 'TCP 9443' : 'TCP 443 or 9443 (webServerClusterPort) and 5672';
}

function proxyOff(input: StepInput): Step[] {
  if (input.activeProxies.length === 0) {
    return [step('Keep the return proxy off: nodes reach CycleCloud on its private address.', 'RP', 'NC')];
  }
  return [
    step(
      `Turn the return proxy off on ${input.activeProxies.join(', ')}: nodes reach CycleCloud directly, so it only adds a public IP and SSH exposure.`,
      'RP',
      'NS',
    ),
  ];
}

function directNsg(d: Decision, where = 'the NSGs'): Step {
  return step(
    `Allow ${nodePorts(d)} from the node subnet to CycleCloud, and TCP 22 from CycleCloud to the nodes, in ${where} (rules below).`,
    'CI',
    'NS',
    'LD',
  );
}

function proxyNode(input: StepInput): Step {
  const plan = input.plan;
  if (plan?.kind === 'separate') {
    const why =
      plan.reason === 'windows'
        ? `${plan.replaces?.topo.name ?? 'the head node'} runs Windows and only Linux can be a return proxy`
        : plan.reason === 'nodearray'
          ? `${plan.replaces?.topo.name ?? 'a nodearray'} is a nodearray and the proxy must be one persistent node`
          : 'the cluster has no persistent node to carry it';
    return step(`Add a separate Linux [[node ${plan.name}]] as the return proxy: ${why}.`, 'RP', 'HPCPACK');
  }
  if (plan?.kind === 'parameter') {
    return step(
      `Turn the return proxy on with parameter ${plan.parameter} = true: it makes ${plan.node.topo.name} the proxy.`,
      'RP',
      'SLURM',
    );
  }
  if (plan?.kind === 'existing') {
    return step(`Keep ${plan.node.topo.name} as the one return proxy (a persistent Linux node).`, 'RP');
  }
  if (plan?.kind === 'promote') {
    return step(
      `Make ${plan.node.topo.name} the return proxy: IsReturnProxy = true, KeyPairLocation = the key on the CycleCloud server (user cyclecloud).`,
      'RP',
    );
  }
  if (input.decision.facts.proxyCandidateOs === 'windows') {
    return step(
      'Your head node runs Windows: add a separate Linux [[node proxy]] as the return proxy.',
      'RP',
      'HPCPACK',
    );
  }
  return step(
    'Mark exactly one persistent Linux node (usually the head node) IsReturnProxy = true, with KeyPairLocation = the key on the CycleCloud server.',
    'RP',
    'seed:001',
  );
}

function proxySteps(input: StepInput, onPremises: boolean): Step[] {
  const d = input.decision;
  const amqp = d.version === 7 ? ' and 37141' : '';
  const steps = [
    proxyNode(input),
    step(
      `Give the proxy a public IP (AssociatePublicIpAddress = true): CycleCloud opens its SSH tunnel out to that address on TCP 22.`,
      'RP',
      'NS',
    ),
    step(
      `NSG: allow TCP 37140${amqp} from the nodes to the proxy, and TCP 22 to the proxy only from ${onPremises ? 'your on-premises egress IP' : "CycleCloud's public address"}.`,
      'RP',
    ),
    step(
      "Nodes use the proxy's private address; set ReturnProxyAddress = public only if they must use its public one.",
      'RP',
    ),
    step(NOTES.proxyOnlyNodesToCycleCloud.text, ...NOTES.proxyOnlyNodesToCycleCloud.sources),
  ];
  if (onPremises) {
    steps.push(
      step(
        'Users reach the nodes through Azure Bastion or a jump box, not through the proxy.',
        'CTN',
        'seed:000',
      ),
      step(
        'For production prefer a site-to-site VPN or ExpressRoute: it removes the public IP from the path.',
        'NC',
        'ES',
      ),
    );
  }
  return steps;
}

const EGRESS_STEPS: Step[] = [
  step(
    'Storage: a service endpoint on the CycleCloud subnet, or a private endpoint with privatelink.blob.core.windows.net linked to every VNet.',
    'LD',
    'WP',
    'ES',
  ),
  step(
    'NSG outbound for the CycleCloud VM: allow Storage, AzureActiveDirectory, AzureMonitor and AzureResourceManager on 443 (priorities 100-103), deny Internet at 4000.',
    'LD',
  ),
  step(
    'Behind an HTTP proxy: Settings -> HTTP(s) Proxies, restart CycleCloud, keep Storage off the proxy with -Dhttp.nonProxyHosts="*.core.windows.net"; nodes get /etc/profile.d/proxy.sh with no_proxy=169.254.169.254.',
    'WP',
  ),
  step(
    'Without github.com: pre-stage projects into /opt/cycle_server/work/staging/projects/<name>/<version>.',
    'LD',
  ),
  step(
    'Service endpoint routes take precedence over a forced tunnel (0.0.0.0/0) to an on-premises firewall.',
    'LD',
    'PEER',
  ),
];

const ROUTE_STEPS: Record<Route, (input: StepInput) => Step[]> = {
  'same-vnet': (input) => [
    ...proxyOff(input),
    directNsg(input.decision),
    step(NOTES.multiNic.text, ...NOTES.multiNic.sources),
  ],
  peered: (input) => [
    step('Check both peerings show Connected (commands below); Initiated means one side is missing.', 'PEER'),
    ...proxyOff(input),
    directNsg(input.decision),
    step(
      'Link private DNS zones (e.g. privatelink.blob.core.windows.net) to both VNets, across regions too.',
      'PEER',
      'ES',
    ),
  ],
  'peer-one-way': (input) => [
    step(`${NOTES.peeringBothWays.text} Create the missing direction.`, ...NOTES.peeringBothWays.sources),
    ...proxyOff(input),
    directNsg(input.decision),
    step('Link private DNS zones (e.g. privatelink.blob.core.windows.net) to both VNets.', 'PEER', 'ES'),
  ],
  'peer-new': (input) => [
    step('Check the two address spaces do not overlap: overlapping VNets cannot be peered.', 'PEER'),
    step(`Create the peering in both directions (commands below). ${NOTES.globalPeering.text}`, 'PEER', 'NC'),
    ...proxyOff(input),
    directNsg(input.decision),
    step('Link private DNS zones (e.g. privatelink.blob.core.windows.net) to both VNets.', 'PEER', 'ES'),
  ],
  'hub-and-spoke': (input) => [
    step(NOTES.peeringNotTransitive.text, ...NOTES.peeringNotTransitive.sources),
    step(
      `Either peer the two spokes directly, or route through the hub firewall: a route table on each spoke subnet to the firewall, allowForwardedTraffic on each spoke's peering, and a firewall rule for ${nodePorts(input.decision)}.`,
      'PEER',
      'NS',
    ),
    ...proxyOff(input),
    directNsg(input.decision),
  ],
  'vnet-proxy': (input) => proxySteps(input, false),
  'onprem-proxy': (input) => proxySteps(input, true),
  'vnet-vpn': (input) => [
    step(NOTES.noPublicIpNoProxy.text, ...NOTES.noPublicIpNoProxy.sources),
    step(
      'Connect the VNets with a VNet-to-VNet VPN (a gateway in each VNet) or ExpressRoute, or use a hub gateway through gateway transit.',
      'NC',
      'seed:002',
    ),
    ...proxyOff(input),
    directNsg(input.decision),
  ],
  'onprem-vpn': (input) => [
    step(NOTES.noPublicIpNoProxy.text, ...NOTES.noPublicIpNoProxy.sources),
    step(
      'Set up a site-to-site VPN or ExpressRoute between your network and the cluster VNet (or a hub gateway through gateway transit).',
      'NC',
      'seed:000',
      'seed:002',
    ),
    ...proxyOff(input),
    directNsg(input.decision, 'the NSG and the on-premises firewall'),
  ],
  'over-vpn': (input) => [
    ...proxyOff(input),
    directNsg(
      input.decision,
      input.decision.facts.serverLocation === 'on-premises'
        ? 'the NSG and the on-premises firewall'
        : 'the NSGs',
    ),
    step(NOTES.virtualNetworkTag.text, ...NOTES.virtualNetworkTag.sources),
  ],
  'user-access': (input) => [
    step(
      'Deploy Azure Bastion or a jump box in the cluster VNet (or reach the nodes over your VPN).',
      'CTN',
      'seed:000',
    ),
    step(
      `Allow SSH 22${input.names.windowsNodes ? ' and RDP 3389' : ''} to the nodes only from the bastion or jump box subnet; nodes keep no public IP.`,
      'CTN',
      'NS',
    ),
    step(
      `Connect with \`cyclecloud connect ${input.names.head} -c ${input.names.cluster} --bastion-host <bastion-ip>\`.`,
      'CTN',
    ),
    step('Users reach the CycleCloud web UI on 443 (8443 on manual installs).', 'CSP', 'ES'),
  ],
};
