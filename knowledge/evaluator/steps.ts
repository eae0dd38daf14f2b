// The steps of a recommendation, per route (KNOWLEDGE.md L1-L6), each with the sources it rests on. What filters the
// traffic changes the steps: no filter means no rule to add, NSGs get NSG rules, Azure Firewall its rules, "not sure"
// gets how to find out.
import { NOTES, type Route } from '../facts/options.ts';
import type { SourceTag } from '../facts/sources.ts';
import { type Decision, filterOf } from './decide.ts';
import type { Names } from './names.ts';
import type { ProxyPlan } from './proxy-plan.ts';

export interface Step {
  text: string;
  sources: readonly SourceTag[];
}

/** A node that is a return proxy now, and the parameter that switches it when one does. */
export interface ActiveProxy {
  node: string;
  parameter?: string;
}

export interface StepInput {
  decision: Decision;
  names: Names;
  plan: ProxyPlan | null;
  /** Nodes of the template that are return proxies now (to turn off where none is needed). */
  activeProxies: ActiveProxy[];
  /** What the exports decided about the required connections, when they decided every one. */
  evidence?: { open: boolean; settled: boolean; denied: number } | undefined;
  /** The exports show the peering Connected in both directions: nothing to ask about it. */
  peeringShown?: boolean;
}

const step = (text: string, ...sources: SourceTag[]): Step => ({ text, sources });

export function stepsFor(input: StepInput): Step[] {
  const { decision: d } = input;
  const steps = [...ROUTE_STEPS[d.route](input)];
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

/** "parameter ReturnProxy = false" / "IsReturnProxy = false on scheduler": the proxy-off change, in the template's words. */
export function proxyOffAction(active: readonly ActiveProxy[]): string {
  const params = [...new Set(active.flatMap((p) => (p.parameter ? [p.parameter] : [])))];
  const nodes = active.filter((p) => !p.parameter).map((p) => p.node);
  const parts = [
    ...params.map((p) => `parameter ${p} = false`),
    ...(nodes.length > 0 ? [`IsReturnProxy = false on ${nodes.join(', ')}`] : []),
  ];
  return parts.join(' and ');
}

function proxyOff(input: StepInput): Step[] {
  if (input.activeProxies.length === 0) {
    return [step('Keep the return proxy off: nodes reach CycleCloud on its private address.', 'RP', 'NC')];
  }
  const names = input.activeProxies.map((p) => p.node).join(', ');
  return [
    step(
      `Turn the return proxy off (${proxyOffAction(input.activeProxies)}): nodes reach CycleCloud directly, so ${names} would only add a public IP and SSH exposure.`,
      'RP',
      'NS',
    ),
  ];
}

/** What to change in whatever filters nodes -> CycleCloud on a direct path. */
/** Connections the exports decide replace the generic "allow these ports": only what they deny needs a rule. */
function evidenceFilter(input: StepInput): Step[] | null {
  const e = input.evidence;
  if (!e?.settled) return null;
  if (e.open)
    return [step('Your exports allow every required connection: there are no NSG rules to add.', 'NSG')];
  return [
    step(
      `Add the allow rule for each connection your exports deny (${e.denied}, below), each just above the rule that denies it; the other connections are already allowed.`,
      'NSG',
      'NS',
    ),
  ];
}

function directFilter(input: StepInput, onPremises: boolean): Step[] {
  const d = input.decision;
  const fromEvidence = evidenceFilter(input);
  if (fromEvidence && filterOf(d) !== 'azure-firewall') return fromEvidence;
  const ports = nodePorts(d);
  switch (filterOf(d)) {
    case 'none':
      return [
        step(
          `Nothing filters the traffic, so there are no NSG rules to add: where an NSG has only its default rules, AllowVnetInBound already allows the VNet, peered VNets and gateway-connected ranges.`,
          'NSG',
        ),
      ];
    case 'azure-firewall':
      return [
        step(
          `Azure Firewall sits in the path: allow ${ports} from the node subnet to CycleCloud and TCP 22 back in its network rules (below), with both subnets routed through it; NSGs on the subnets, if any, must allow the same.`,
          'FW',
          'NS',
          'LD',
        ),
      ];
    case 'unknown':
      return [
        step(
          `Find out what filters the traffic first (commands below): what each subnet has attached, the NSG rules in force on CycleCloud's NIC, and Network Watcher IP flow verify for ${ports.replace(' and 5672', '')}.`,
          'NSGDIAG',
          'IPFLOW',
        ),
        step(
          'Then open the ports in what you found: NSG rules or Azure Firewall rules (both below).',
          'NS',
          'FW',
        ),
      ];
    case 'nsg':
      return [
        step(
          `Allow ${ports} from the node subnet to CycleCloud, and TCP 22 from CycleCloud to the nodes, in ${onPremises ? 'the NSG and the on-premises firewall' : 'the NSGs'} (rules below).`,
          'CI',
          'NS',
          'LD',
        ),
      ];
  }
}

/** What to change so nodes reach the proxy and CycleCloud reaches the proxy's public IP. */
function proxyFilter(input: StepInput, onPremises: boolean): Step[] {
  const d = input.decision;
  // With no NSG at all the proxy's public IP stays closed whatever the exports allow: that step stays.
  const fromEvidence = filterOf(d) === 'none' && input.evidence?.open ? null : evidenceFilter(input);
  if (fromEvidence && filterOf(d) !== 'azure-firewall') return fromEvidence;
  const amqp = d.version === 7 ? ' and 37141' : '';
  const from = onPremises ? 'your on-premises egress IP' : "CycleCloud's public address";
  const nsgStep = step(
    `NSG: allow TCP 37140${amqp} from the nodes to the proxy, and TCP 22 to the proxy only from ${from}.`,
    'RP',
    'NSG',
  );
  switch (filterOf(d)) {
    case 'none':
      return [
        step(
          `No NSG filters today, but the proxy's Standard public IP accepts no inbound traffic until an NSG allows it: create one allowing TCP 22 from ${from} (below); its default rules keep the nodes' traffic to the proxy on 37140${amqp} allowed.`,
          'PIP',
          'NSG',
          'RP',
        ),
      ];
    case 'azure-firewall':
      return [
        nsgStep,
        step(
          `Azure Firewall in the path: allow TCP 22 from ${from} to the proxy, and 37140${amqp} from the nodes where it sits between them (rules below).`,
          'FW',
          'RP',
        ),
      ];
    case 'unknown':
      return [
        step(
          'Find out what filters the cluster subnet first (command below): an attached NSG or a route table pointing at a firewall.',
          'NSGDIAG',
        ),
        nsgStep,
      ];
    case 'nsg':
      return [nsgStep];
  }
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
  const steps: Step[] = [];
  if (d.facts.peering === 'overlap') {
    steps.push(
      step(
        "The address spaces overlap, so nothing can route between the VNets (no peering, no VNet-to-VNet VPN); the proxy's SSH tunnel crosses the Internet instead. The other ways out: put the cluster in a VNet whose range does not overlap and peer it, or run CycleCloud in the cluster's VNet.",
        'PEER',
        'VPN',
        'RP',
      ),
    );
  }
  steps.push(
    proxyNode(input),
    step(
      'Give the proxy a public IP (AssociatePublicIpAddress = true): CycleCloud opens its SSH tunnel out to that address on TCP 22.',
      'RP',
      'NS',
    ),
    ...proxyFilter(input, onPremises),
    step(
      "Nodes use the proxy's private address; set ReturnProxyAddress = public only if they must use its public one.",
      'RP',
    ),
    step(NOTES.proxyOnlyNodesToCycleCloud.text, ...NOTES.proxyOnlyNodesToCycleCloud.sources),
  );
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

const dnsLinks = step(
  'Link private DNS zones (e.g. privatelink.blob.core.windows.net) to both VNets, across regions too.',
  'PEER',
  'ES',
);

const ROUTE_STEPS: Record<Route, (input: StepInput) => Step[]> = {
  'same-vnet': (input) => [
    ...proxyOff(input),
    ...directFilter(input, false),
    step(NOTES.multiNic.text, ...NOTES.multiNic.sources),
  ],
  peered: (input) => [
    input.peeringShown
      ? step(
          'Your exports show both peerings Connected; after any change to them, the commands below show their state again.',
          'PEERMGMT',
        )
      : step(
          'Check both peerings show Connected (commands below); Initiated means one side is missing.',
          'PEERMGMT',
        ),
    ...proxyOff(input),
    ...directFilter(input, false),
    dnsLinks,
  ],
  'peer-one-way': (input) => [
    step(
      'One side shows Initiated: that side exists and the other VNet has no peering back. The script below lists both sides and creates only the missing one; then both show Connected.',
      'PEERMGMT',
    ),
    ...proxyOff(input),
    ...directFilter(input, false),
    dnsLinks,
  ],
  'peer-new': (input) => [
    step('Check the two address spaces do not overlap: overlapping VNets cannot be peered.', 'PEER'),
    step(`Create the peering in both directions (commands below). ${NOTES.globalPeering.text}`, 'PEER', 'NC'),
    ...proxyOff(input),
    ...directFilter(input, false),
    dnsLinks,
  ],
  'hub-and-spoke': (input) => {
    const d = input.decision;
    const route = `a route table on each spoke subnet to the hub firewall, allowForwardedTraffic on each spoke's peering, and a firewall rule for ${nodePorts(d)}`;
    return [
      step(NOTES.peeringNotTransitive.text, ...NOTES.peeringNotTransitive.sources),
      d.facts.peering === 'policy'
        ? step(
            `Policy forbids peering the spokes, so route through the hub firewall: ${route}.`,
            'PEER',
            'NS',
          )
        : step(
            `Either peer the two spokes directly (simplest), or route through the hub firewall: ${route}.`,
            'PEER',
            'NS',
          ),
      ...proxyOff(input),
      ...directFilter(input, false),
    ];
  },
  'vnet-proxy': (input) => proxySteps(input, false),
  'onprem-proxy': (input) => proxySteps(input, true),
  'vnet-vpn': (input) => [
    step(NOTES.noPublicIpNoProxy.text, ...NOTES.noPublicIpNoProxy.sources),
    step(
      'Connect the VNets with a VNet-to-VNet VPN (a gateway in each VNet; each takes 45 minutes or more, the script waits for both) or ExpressRoute, or use a hub gateway through gateway transit.',
      'VPN',
      'NC',
    ),
    ...proxyOff(input),
    ...directFilter(input, false),
  ],
  'vnet-overlap': (input) => [
    step(
      'The address spaces overlap: peering and a VNet-to-VNet VPN both need ranges that do not overlap, and the public IP a return proxy needs is forbidden.',
      'PEER',
      'VPN',
      'NS',
    ),
    step(
      `Run CycleCloud in the cluster's VNet: a CycleCloud VM in a subnet of ${input.names.clusterVnet.startsWith('<') ? 'that VNet' : input.names.clusterVnet}; nodes then reach it directly on ${nodePorts(input.decision)}.`,
      'NC',
      'CI',
    ),
    step(
      "Or re-address: put the cluster in a new VNet whose range does not overlap CycleCloud's, peer the two, and point SubnetId at the new subnet.",
      'PEER',
      'NR',
    ),
    ...proxyOff(input),
    ...directFilter(input, false),
  ],
  'onprem-vpn': (input) => [
    step(NOTES.noPublicIpNoProxy.text, ...NOTES.noPublicIpNoProxy.sources),
    step(
      'Set up a site-to-site VPN or ExpressRoute between your network and the cluster VNet (or a hub gateway through gateway transit); the gateway takes 45 minutes or more and the script waits for it.',
      'VPN',
      'NC',
      'seed:000',
      'seed:002',
    ),
    ...proxyOff(input),
    ...directFilter(input, true),
  ],
  'over-vpn': (input) => [
    ...proxyOff(input),
    ...directFilter(input, input.decision.facts.serverLocation === 'on-premises'),
    step(NOTES.virtualNetworkTag.text, ...NOTES.virtualNetworkTag.sources),
  ],
  'user-access': (input) => [
    step(
      "Azure Bastion done right: Standard SKU or higher with native client support, in a subnet named AzureBastionSubnet of /26 or larger in the cluster VNet; then `az network bastion ssh` to a node's private IP from your own terminal (commands below).",
      'BASTION',
      'BASTIONCLI',
    ),
    step(
      `Or a plain jump box: a small Linux VM with a public IP and SSH only from your address; \`cyclecloud connect ${input.names.head.startsWith('<') ? 'NODE' : input.names.head} -c ${input.names.cluster.startsWith('<') ? 'CLUSTER' : input.names.cluster} --bastion-host JUMPBOX_IP\` goes through it.`,
      'CTN',
      'seed:000',
    ),
    step(
      `Allow SSH 22${input.names.windowsNodes ? ' and RDP 3389' : ''} to the nodes only from AzureBastionSubnet or the jump box; nodes keep no public IP.`,
      'CTN',
      'NS',
    ),
    step('Users reach the CycleCloud web UI on 443 (8443 on manual installs).', 'CSP', 'ES'),
  ],
};
