// Evidence folded into a diagnosis: where the nodes and CycleCloud are, the Situation facts the exports settle (each
// with the files it came from), and every required connection checked against the evidence.

import { portFactsFor } from '../facts/ports.ts';
import type { Situation, Verification } from '../model.ts';
import type { ParsedTemplate } from '../template/types.ts';
import { type Endpoint, resolveEndpoint, subnetEndpoint } from './endpoints.ts';
import { EvidenceIndex } from './evidence-index.ts';
import { nameOfId } from './fields.ts';
import { contains, formatRange, overlaps } from './ip.ts';
import { flowRecord } from './record.ts';
import { peeringBetween, routeFor } from './routes.ts';
import { verifyWithMembers } from './subnet-members.ts';
import { templateSubnets } from './template-subnets.ts';
import type { Evidence, VNet } from './types.ts';
import type { FlowSpec, FlowVerdict } from './verify.ts';

export interface EvidenceInput {
  evidence: Evidence;
  /** Where CycleCloud is (`--cyclecloud`): an IP, NIC or VM name. */
  cyclecloud?: string;
  /** Where the nodes are (`--nodes`): a subnet or CIDR. */
  nodes?: string;
}

type Fact = Verification['facts'][number];

export interface EvidenceReading {
  index: EvidenceIndex;
  nodes: Endpoint | null;
  cyclecloud: Endpoint | null;
  /** Situation fields the evidence settles. */
  situation: Partial<Situation>;
  facts: Fact[];
  notes: string[];
  /** Said in the diagnosis' assumptions: a CycleCloud server guessed from a VM name. */
  assumptions: string[];
  /** Ends guessed or not found: each adapter says how to name them in its own terms (flags, a paste, an upload). */
  unsure: Unsure[];
}

type Unsure = NonNullable<Verification['unsure']>[number];

export interface ReadContext {
  template?: ParsedTemplate;
  /** A host named by a recognised error message (CycleCloud's address on its node port). */
  cyclecloudHost?: string;
  /** The CycleCloud version given or assumed, for the ports node -> CycleCloud uses. */
  version?: 7 | 8;
}

export function readEvidence(input: EvidenceInput, ctx: ReadContext): EvidenceReading {
  const index = new EvidenceIndex(input.evidence);
  const notes: string[] = [...index.duplicates];
  const assumptions: string[] = [];
  const unsure: Unsure[] = [];
  const cyclecloud = cyclecloudEndpoint(index, input, ctx, notes, assumptions, unsure);
  const nodes =
    nodesEndpoint(index, input, ctx, notes, unsure) ??
    guessedNodes(index, input, cyclecloud, notes, assumptions, unsure);
  if (!nodes) {
    notes.push("the nodes' subnet is not known");
    if (!unsure.some((u) => u.end === 'nodes')) unsure.push({ end: 'nodes', how: 'unknown' });
  }
  const facts: Fact[] = [];
  const situation: Partial<Situation> = {};
  const settle = <K extends keyof Situation>(
    field: K,
    value: NonNullable<Situation[K]>,
    from: string[],
    detail: string,
  ) => {
    situation[field] = value;
    facts.push({ field, value: String(value), from: [...new Set(from)], detail });
  };
  if (nodes?.vnet && cyclecloud?.vnet) placeFacts(index, nodes.vnet, cyclecloud.vnet, settle);
  else if (nodes?.vnet && cyclecloud) acrossPeering(index, nodes.vnet, cyclecloud, settle);
  if (nodes && cyclecloud) {
    pathFacts(index, nodes, cyclecloud, settle);
    portFacts(index, nodes, cyclecloud, ctx.version ?? 8, settle);
  }
  for (const probe of input.evidence.probes) {
    const https = probe.links.find((l) => l.id === 'cyclecloud-https');
    if (!https || https.status === 'skipped' || probe.cyclecloudPort === undefined || situation.blockedPorts)
      continue;
    const key = https.status === 'ok' ? 'openPorts' : 'blockedPorts';
    settle(
      key,
      [probe.cyclecloudPort],
      [probe.origin.file],
      `the probe on ${probe.node ?? 'a node'}: ${https.meaning}`,
    );
  }
  return { index, nodes, cyclecloud, situation, facts, notes, assumptions, unsure };
}

function nodesEndpoint(
  index: EvidenceIndex,
  input: EvidenceInput,
  ctx: ReadContext,
  notes: string[],
  unsure: Unsure[],
): Endpoint | null {
  if (input.nodes) {
    const r = resolveEndpoint(index, input.nodes);
    if (r.ok) return r.endpoint;
    notes.push(`--nodes: ${r.problem}`);
    return null;
  }
  if (ctx.template) {
    const found = templateSubnets(ctx.template);
    for (const { value } of found.subnets) {
      const r = resolveEndpoint(index, value);
      if (r.ok && r.endpoint.subnet) return r.endpoint;
      notes.push(`the template's subnet ${value} is in none of the VNet exports`);
    }
    for (const { params } of found.unresolved) {
      const parameter = params[0] ?? 'SubnetId';
      notes.push(`the nodes' subnet comes from $${parameter}, which has no value`);
      unsure.push({ end: 'nodes', how: 'unknown', parameter });
    }
    if (found.subnets.length > 0 || found.unresolved.length > 0) return null;
  }
  return null;
}

const NOT_FOR_NODES =
  /^(GatewaySubnet|AzureBastionSubnet|AzureFirewallSubnet|AzureFirewallManagementSubnet|RouteServerSubnet)$/i;

/** Without a named subnet: the node a probe ran on, else the one subnet left besides CycleCloud's (a stated guess). */
function guessedNodes(
  index: EvidenceIndex,
  input: EvidenceInput,
  cyclecloud: Endpoint | null,
  notes: string[],
  assumptions: string[],
  unsure: Unsure[],
): Endpoint | null {
  for (const probe of input.evidence.probes) {
    if (!probe.nodeAddress) continue;
    const r = resolveEndpoint(index, probe.nodeAddress);
    if (r.ok && (r.endpoint.subnet || r.endpoint.nic)) {
      notes.push(
        `the nodes are taken to be where the probe ran (${probe.node ?? 'a node'}, ${probe.nodeAddress})`,
      );
      return r.endpoint.subnet ? subnetEndpoint(index, probe.nodeAddress, r.endpoint.subnet) : r.endpoint;
    }
  }
  const candidates = index.subnets.filter(
    (s) => !NOT_FOR_NODES.test(s.name) && s.id.toLowerCase() !== cyclecloud?.subnet?.id.toLowerCase(),
  );
  const [only] = candidates;
  if (!only || candidates.length !== 1) return null;
  const assumption = `The cluster nodes were taken to be in subnet ${only.vnetName}/${only.name}, the only other subnet in the exports.`;
  assumptions.push(assumption);
  unsure.push({ end: 'nodes', how: 'guessed', assumption });
  return subnetEndpoint(index, `${only.vnetName}/${only.name}`, only);
}

function cyclecloudEndpoint(
  index: EvidenceIndex,
  input: EvidenceInput,
  ctx: ReadContext,
  notes: string[],
  assumptions: string[],
  unsure: Unsure[],
): Endpoint | null {
  const tries: Array<[string | undefined, string]> = [
    [input.cyclecloud, '--cyclecloud'],
    [ctx.cyclecloudHost, 'the pasted error message'],
    ...input.evidence.probes.map((p): [string | undefined, string] => [
      p.cyclecloudAddress,
      `the probe in ${p.origin.file}`,
    ]),
  ];
  for (const [where, from] of tries) {
    if (!where) continue;
    const r = resolveEndpoint(index, where);
    if (r.ok) {
      if (from !== '--cyclecloud') notes.push(`CycleCloud's address ${where} comes from ${from}`);
      return r.endpoint;
    }
    notes.push(`${from}: ${r.problem}`);
  }
  const named = index.nics.filter((n) => /cycle/i.test(n.vmName ?? n.name));
  const [only] = named;
  if (only && named.length === 1) {
    const r = resolveEndpoint(index, only.name);
    if (r.ok) {
      const assumption = `CycleCloud was taken to be VM ${only.vmName ?? only.name} (NIC ${only.name}), guessed from its name.`;
      assumptions.push(assumption);
      unsure.push({ end: 'cyclecloud', how: 'guessed', assumption });
      return r.endpoint;
    }
  }
  notes.push("CycleCloud's address is not known");
  unsure.push({ end: 'cyclecloud', how: 'unknown' });
  return null;
}

type Settle = <K extends keyof Situation>(
  field: K,
  value: NonNullable<Situation[K]>,
  from: string[],
  detail: string,
) => void;

/** Same VNet or another; peering state per direction; overlapping spaces; a hub both are peered to. */
function placeFacts(index: EvidenceIndex, nodes: VNet, cc: VNet, settle: Settle): void {
  const files = [nodes.origin.file, cc.origin.file];
  if (nodes.id.toLowerCase() === cc.id.toLowerCase()) {
    settle(
      'serverLocation',
      'same-vnet',
      [nodes.origin.file],
      `the nodes and CycleCloud are both in VNet ${nodes.name}`,
    );
    return;
  }
  settle(
    'serverLocation',
    'other-vnet',
    files,
    `the nodes are in VNet ${nodes.name}, CycleCloud in ${cc.name}`,
  );
  if (nodes.location && cc.location) {
    settle(
      'sameRegion',
      nodes.location.toLowerCase() === cc.location.toLowerCase(),
      files,
      `${nodes.name} is in ${nodes.location}, ${cc.name} in ${cc.location}`,
    );
  }
  const clash = nodes.prefixes.flatMap((a) =>
    cc.prefixes.filter((b) => overlaps(a, b)).map((b) => `${formatRange(a)} overlaps ${formatRange(b)}`),
  );
  const { aToB, bToA } = peeringBetween(index, nodes, cc);
  const state = (p: typeof aToB) => (p ? `${p.name} is ${p.state}` : 'no peering');
  const detail = `${nodes.name} -> ${cc.name}: ${state(aToB)}; ${cc.name} -> ${nodes.name}: ${state(bToA)}`;
  const peeringFiles = [...files, ...(aToB ? [aToB.origin.file] : []), ...(bToA ? [bToA.origin.file] : [])];
  const connected = (p: typeof aToB) => p?.state.toLowerCase() === 'connected';
  if (clash.length > 0 && !connected(aToB) && !connected(bToA)) {
    settle(
      'peering',
      'overlap',
      files,
      `address spaces overlap (${clash.join(', ')}): the VNets cannot be peered`,
    );
    return;
  }
  if (connected(aToB) || connected(bToA)) {
    settle('peering', 'connected', peeringFiles, detail);
    return;
  }
  if (aToB || bToA) {
    settle('peering', 'one-way', peeringFiles, `${detail}: both directions must show Connected`);
    return;
  }
  if (!index.peeringsListed(nodes) && !index.peeringsListed(cc)) return;
  const hub = commonHub(index, nodes, cc);
  if (hub) {
    settle(
      'hubAndSpoke',
      true,
      [...files, hub.origin.file],
      `both VNets are peered to ${hub.name} and not to each other; peering is not transitive`,
    );
  }
  settle('peering', 'none', files, detail);
}

/**
 * CycleCloud's address is in no exported VNet, but in the remote space of a peering of the nodes' VNet: it runs in
 * that peered VNet. One side's state settles the peering: Azure shows Connected only once both sides exist, and
 * Initiated while the other side is missing (PEER).
 */
function acrossPeering(index: EvidenceIndex, nodes: VNet, cc: Endpoint, settle: Settle): void {
  const address = cc.side.address;
  if (address.kind !== 'range') return;
  const peering = index
    .peeringsOf(nodes)
    .find((p) => p.remotePrefixes.some((prefix) => contains(prefix, address.range)));
  if (!peering) return;
  const remote =
    peering.remoteVnetName ?? (peering.remoteVnetId ? nameOfId(peering.remoteVnetId) : 'the remote VNet');
  const files = [nodes.origin.file, peering.origin.file];
  const state = peering.state.toLowerCase();
  settle(
    'serverLocation',
    'other-vnet',
    files,
    `${cc.label} is in the address space of ${remote}, which ${nodes.name}'s peering ${peering.name} reaches`,
  );
  const detail = `${nodes.name} -> ${remote}: ${peering.name} is ${peering.state}`;
  if (state === 'connected') {
    settle('peering', 'connected', files, `${detail} (Azure shows Connected only once both sides exist)`);
  } else if (state === 'initiated') {
    settle('peering', 'one-way', files, `${detail}: the peering from ${remote} back is missing`);
  }
}

function commonHub(index: EvidenceIndex, a: VNet, b: VNet): VNet | undefined {
  const connectedTo = (v: VNet) =>
    new Set(
      index
        .peeringsOf(v)
        .filter((p) => p.state.toLowerCase() === 'connected')
        .map((p) => (p.remoteVnetId ?? p.remoteVnetName ?? '').toLowerCase().split('/').at(-1) ?? ''),
    );
  const fromA = connectedTo(a);
  const shared = [...connectedTo(b)].find((name) => name !== '' && fromA.has(name));
  return shared ? index.vnets.find((v) => v.name.toLowerCase() === shared) : undefined;
}

/** What filters traffic between them: an appliance on the route, NSGs on either end, or nothing. */
function pathFacts(index: EvidenceIndex, nodes: Endpoint, cc: Endpoint, settle: Settle): void {
  for (const [from, to] of [
    [nodes, cc],
    [cc, nodes],
  ] as const) {
    const route = routeFor(index, from, to)?.report;
    if (route?.nextHopType.toLowerCase() === 'virtualappliance') {
      settle(
        'firewall',
        'azure-firewall',
        [from.subnet?.origin.file ?? from.label],
        `traffic from ${from.label} to ${to.label} is routed to the appliance ${route.nextHopIp ?? ''} (${route.from})`,
      );
      return;
    }
  }
  const nsgs = [nodes.subnet?.nsgId, nodes.nic?.nsgId, cc.subnet?.nsgId, cc.nic?.nsgId].filter(
    (id): id is string => !!id,
  );
  if (nsgs.length > 0) {
    const files = nsgs.map((id) => index.nsg(id)?.origin.file ?? nodes.subnet?.origin.file ?? '');
    settle(
      'firewall',
      'nsg',
      files.filter(Boolean),
      `NSGs on the path: ${[...new Set(nsgs.map((id) => id.split('/').at(-1)))].join(', ')}`,
    );
    return;
  }
  if (nodes.subnet && cc.subnet && (cc.nic || cc.wholeSubnet)) {
    settle(
      'firewall',
      'none',
      [nodes.subnet.origin.file, cc.subnet.origin.file],
      'no NSG on either subnet or on the CycleCloud NIC, and no appliance on the route',
    );
  }
}

/** The ports nodes open to CycleCloud on the direct path, from the one table of port facts. */
const nodePorts = (version: 7 | 8): number[] =>
  portFactsFor(version, 'direct')
    .filter((f) => f.from === 'nodes' && f.to === 'cyclecloud')
    .map((f) => f.port);

/** The node -> CycleCloud ports of this version, allowed or denied by the evidence. */
function portFacts(
  index: EvidenceIndex,
  nodes: Endpoint,
  cc: Endpoint,
  version: 7 | 8,
  settle: Settle,
): void {
  const open: number[] = [];
  const blocked: number[] = [];
  const files = new Set<string>();
  const why: string[] = [];
  for (const port of nodePorts(version)) {
    const v = verifyWithMembers(
      index,
      { source: nodes.input, destination: cc.input, port, protocol: 'tcp' },
      nodes,
      cc,
      cc.nic,
    );
    if (v.verdict === 'allow') open.push(port);
    if (v.verdict === 'deny') {
      blocked.push(port);
      why.push(`${port}: ${v.reason}`);
    }
    for (const f of filesOf(index, v)) files.add(f);
  }
  if (blocked.length > 0) settle('blockedPorts', blocked, [...files], why.join('; '));
  if (open.length > 0) settle('openPorts', open, [...files], `allowed from ${nodes.label} to ${cc.label}`);
}

function filesOf(index: EvidenceIndex, v: FlowVerdict): string[] {
  const files = v.hops
    .map((h) => index.nsg(h.nsgId)?.origin.file)
    .filter((f): f is string => f !== undefined);
  return files.length > 0 ? files : index.evidence.files.map((f) => f.file).slice(0, 1);
}

export type ConnectionEnd =
  | 'nodes'
  | 'cyclecloud'
  | 'proxy'
  | 'primary'
  | 'users'
  | 'jumpbox'
  | 'windows-nodes'
  | 'storage'
  | 'azure-ad'
  | 'azure-monitor'
  | 'azure-rm';

export interface ConnectionToCheck {
  connection: Verification['connections'][number]['connection'];
  from: ConnectionEnd;
  to: ConnectionEnd;
}

const TAGS: Partial<Record<ConnectionEnd, string>> = {
  storage: 'Storage',
  'azure-ad': 'AzureActiveDirectory',
  'azure-monitor': 'AzureMonitor',
  'azure-rm': 'AzureResourceManager',
};

/** A required connection with the ends it joins and, when both ends are in the evidence, its verdict. */
export interface CheckedConnection extends ConnectionToCheck {
  verdict?: FlowVerdict;
}

export interface ConnectionsChecked {
  verification: Verification;
  checked: CheckedConnection[];
}

/** Every required connection checked against the evidence; nodes -> storage 443 is always among them. */
export function verifyConnections(
  reading: EvidenceReading,
  connections: readonly ConnectionToCheck[],
  situation: Situation,
): ConnectionsChecked {
  const { index } = reading;
  const list = connections.some((c) => c.from === 'nodes' && c.to === 'storage')
    ? [...connections]
    : [
        ...connections,
        {
          connection: {
            from: 'cluster nodes',
            to: 'Azure Storage (service tag Storage)',
            port: 443,
            protocol: 'tcp' as const,
            purpose: 'Jetpack installer and project files from the storage locker',
          },
          from: 'nodes' as const,
          to: 'storage' as const,
        },
      ];
  const reachable =
    situation.serverLocation === 'same-vnet' ||
    situation.peering === 'connected' ||
    situation.privateLink === 'vpn' ||
    situation.privateLink === 'expressroute';
  const notes = [...reading.notes];
  const verdicts: CheckedConnection[] = [];
  const checked = list.map(({ connection, from, to }) => {
    const source = endOf(index, reading, from, to === 'proxy' && from === 'cyclecloud' && !reachable);
    const destination = endOf(index, reading, to, false);
    if (!source.endpoint || !destination.endpoint) {
      verdicts.push({ connection, from, to });
      return {
        connection,
        verdict: 'not-checked' as const,
        reason: source.missing ?? destination.missing ?? 'an end is not in the evidence',
      };
    }
    const flow: FlowSpec = {
      source: source.endpoint.input,
      destination: destination.endpoint.input,
      port: connection.port,
      protocol: connection.protocol,
    };
    const v = verifyWithMembers(index, flow, source.endpoint, destination.endpoint, reading.cyclecloud?.nic);
    verdicts.push({ connection, from, to, verdict: v });
    const check = flowRecord(v);
    if (source.note) check.notes.unshift(source.note);
    return { connection, verdict: v.verdict, reason: v.reason, check };
  });
  const verification: Verification = {
    files: index.evidence.files.map((f) => ({ file: f.file, kinds: Object.keys(f.kinds) })),
    facts: reading.facts,
    connections: checked,
    notes: [...new Set(notes)],
    ...(reading.unsure.length > 0 ? { unsure: reading.unsure } : {}),
  };
  return { verification, checked: verdicts };
}

function endOf(
  index: EvidenceIndex,
  reading: EvidenceReading,
  end: ConnectionEnd,
  overInternet: boolean,
): { endpoint?: Endpoint; missing?: string; note?: string } {
  const tag = TAGS[end];
  if (tag) {
    const r = resolveEndpoint(index, tag);
    return r.ok ? { endpoint: r.endpoint } : { missing: r.problem };
  }
  switch (end) {
    case 'nodes':
    case 'primary':
    case 'proxy':
      return reading.nodes
        ? {
            endpoint: reading.nodes,
            ...(end === 'proxy' ? { note: "the return proxy is taken to be in the nodes' subnet" } : {}),
          }
        : { missing: "the nodes' subnet is not in the evidence" };
    case 'cyclecloud': {
      if (overInternet) {
        const r = resolveEndpoint(index, 'Internet');
        if (r.ok)
          return {
            endpoint: r.endpoint,
            note: "CycleCloud reaches the proxy's public IP from the Internet: its public address is not in the evidence",
          };
      }
      return reading.cyclecloud
        ? { endpoint: reading.cyclecloud }
        : { missing: "CycleCloud's address is not known" };
    }
    default:
      return {
        missing: `the addresses of ${end === 'windows-nodes' ? 'the Windows nodes' : end === 'users' ? "users' workstations" : 'the jump box or Bastion'} are not in the evidence`,
      };
  }
}
