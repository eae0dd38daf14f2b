// What the picture of a recommendation shows, as data: the networks, the parts in them, the link between the
// networks and one edge per required connection (port, direction, and whether something says it is broken).
import type {
  Diagnosis,
  EndpointKind,
  NetworkPath,
  RequiredConnection,
  Situation,
  TopologyNode,
} from '../knowledge/model.ts';

type ZoneId = 'cyclecloud' | 'cluster' | 'people' | 'services';

export interface Zone {
  id: ZoneId;
  label: string;
}

export interface DiagramNode {
  id: EndpointKind;
  label: string;
  /** A second, smaller line: the template's nodes, "return proxy", ... */
  detail?: string;
  zone: ZoneId;
}

export interface DiagramEdge {
  from: EndpointKind;
  to: EndpointKind;
  port: number;
  protocol: RequiredConnection['protocol'];
  purpose: string;
  /** A pasted error, a blocked port or evidence says this connection fails. */
  broken: boolean;
}

export interface Diagram {
  title: string;
  /** The option in words, e.g. "Return proxy". */
  option: string;
  zones: Zone[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** What joins the CycleCloud side to the cluster side; absent when both are in one VNet. */
  link?: { kind: NetworkPath['link']; label: string };
  /** One line under the title when the broken connection is marked: what said so. */
  brokenBecause?: string;
}

export interface DiagramInput {
  diagnosis: Diagnosis;
  situation?: Situation;
  /** Ports that evidence shows failing (on top of the pasted error's port and the situation's blocked ports). */
  brokenPorts?: readonly number[];
}

const SERVICE_ENDS: ReadonlySet<EndpointKind> = new Set(['storage', 'azure-ad', 'azure-monitor', 'azure-rm']);

const LINK_LABELS: Record<NetworkPath['link'], string> = {
  'same-vnet': 'one VNet',
  peering: 'VNet peering',
  hub: 'hub VNet (peering + routing)',
  vpn: 'VPN gateway',
  expressroute: 'ExpressRoute',
  internet: 'Internet',
};

const OPTION_TITLES: Record<Diagnosis['recommendation']['option'], string> = {
  direct: 'Direct connection',
  'vnet-peering': 'VNet peering',
  'return-proxy': 'Return proxy',
  vpn: 'VPN or ExpressRoute',
  bastion: 'Bastion or jump box',
};

/** Where an endpoint that a connection names sits, when the evaluator did not say (older JSON): by its label. */
function endOf(label: string): EndpointKind {
  const l = label.toLowerCase();
  if (l.includes('return proxy')) return 'proxy';
  if (l.startsWith('cyclecloud')) return 'cyclecloud';
  if (l.includes('head node')) return 'primary';
  if (l.includes('windows')) return 'windows-nodes';
  if (l.includes('jump box') || l.includes('bastion')) return 'jumpbox';
  if (l.includes('workstation') || l.includes('users')) return 'users';
  if (l.includes('storage')) return 'storage';
  if (l.includes('entra') || l.includes('active directory')) return 'azure-ad';
  if (l.includes('monitor')) return 'azure-monitor';
  if (l.includes('resource manager')) return 'azure-rm';
  return 'nodes';
}

function endsOf(c: RequiredConnection): { from: EndpointKind; to: EndpointKind } {
  return c.ends ?? { from: endOf(c.from), to: endOf(c.to) };
}

/** The path the recommendation implies, from the evaluator when it says, else from the situation. */
function pathOf(d: Diagnosis, s: Situation): NetworkPath {
  if (d.recommendation.path !== undefined) return d.recommendation.path;
  const cyclecloud = s.serverLocation ?? 'same-vnet';
  const byOption: Record<Diagnosis['recommendation']['option'], NetworkPath['link']> = {
    direct:
      cyclecloud === 'same-vnet' ? 'same-vnet' : s.privateLink === 'expressroute' ? 'expressroute' : 'vpn',
    'vnet-peering': s.hubAndSpoke === true ? 'hub' : 'peering',
    'return-proxy': 'internet',
    vpn: s.privateLink === 'expressroute' ? 'expressroute' : 'vpn',
    bastion: 'internet',
  };
  return { cyclecloud, link: byOption[d.recommendation.option] };
}

function cyclecloudZone(path: NetworkPath, option: Diagnosis['recommendation']['option']): Zone[] {
  if (option === 'bastion') return [{ id: 'people', label: 'Your network or the Internet' }];
  if (path.link === 'same-vnet') return [];
  return [
    {
      id: 'cyclecloud',
      label: path.cyclecloud === 'on-premises' ? 'On-premises network' : 'CycleCloud VNet',
    },
  ];
}

function nodeNames(nodes: readonly TopologyNode[]): string | undefined {
  const names = nodes.filter((n) => !n.abstract && n.returnProxy !== true).map((n) => n.name);
  if (names.length === 0) return undefined;
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} +${names.length - 3} more` : shown;
}

function detailFor(end: EndpointKind, d: Diagnosis): string | undefined {
  const nodes = d.topology?.nodes ?? [];
  switch (end) {
    case 'nodes':
      return nodeNames(nodes);
    case 'proxy':
      return 'Linux node with a public IP';
    case 'cyclecloud':
      return 'web UI and node API';
    default:
      return undefined;
  }
}

/** The ports that something says fail: a recognised pasted error names one; blocked ports; evidence. */
function brokenPortsOf(input: DiagramInput): { ports: Set<number>; because?: string } {
  const denied = (input.diagnosis.verification?.connections ?? [])
    .filter((c) => c.verdict === 'deny')
    .map((c) => c.connection.port);
  const evidence = [...(input.brokenPorts ?? []), ...denied];
  const ports = new Set<number>(evidence);
  const reasons: string[] = [];
  if (evidence.length > 0) reasons.push('the evidence');
  const symptom = input.diagnosis.symptom;
  if (symptom?.recognised === true && symptom.extracted.port !== undefined) {
    ports.add(symptom.extracted.port);
    reasons.push('the pasted error message');
  }
  const blocked = input.situation?.blockedPorts ?? [];
  for (const port of blocked) ports.add(port);
  if (blocked.length > 0) reasons.push('the ports reported blocked');
  return reasons.length > 0 ? { ports, because: reasons.join(' and ') } : { ports };
}

export function diagramOf(input: DiagramInput): Diagram {
  const d = input.diagnosis;
  const rec = d.recommendation;
  const path = pathOf(d, input.situation ?? {});
  const broken = brokenPortsOf(input);
  const labels = new Map<EndpointKind, string>();
  const edges: DiagramEdge[] = rec.connections.map((c) => {
    const ends = endsOf(c);
    if (!labels.has(ends.from)) labels.set(ends.from, c.from);
    if (!labels.has(ends.to)) labels.set(ends.to, c.to);
    return {
      from: ends.from,
      to: ends.to,
      port: c.port,
      protocol: c.protocol,
      purpose: c.purpose,
      broken: broken.ports.has(c.port),
    };
  });
  const sideOfCycleCloud = cyclecloudZone(path, rec.option);
  const clusterLabel =
    path.link === 'same-vnet' && rec.option !== 'bastion'
      ? 'Cluster VNet (CycleCloud inside)'
      : 'Cluster VNet';
  const zoneOf = (end: EndpointKind): ZoneId => {
    if (SERVICE_ENDS.has(end)) return 'services';
    if (end === 'users') return 'people';
    if (end === 'cyclecloud') return sideOfCycleCloud[0]?.id === 'cyclecloud' ? 'cyclecloud' : 'cluster';
    return 'cluster';
  };
  const nodes: DiagramNode[] = [...labels.entries()].map(([id, full]) => {
    // "nodes of hpc (rg/vnet/subnet)", "Azure Storage (service tag Storage)": the name on the box, the rest under it.
    const split = /^(.*?) \(([^)]+)\)$/.exec(full);
    const label = split?.[1] ?? full;
    const detail = [split?.[2], detailFor(id, d)].filter((t): t is string => t !== undefined).join(' · ');
    return { id, label, zone: zoneOf(id), ...(detail !== '' ? { detail } : {}) };
  });
  const used = new Set(nodes.map((n) => n.zone));
  const zones: Zone[] = [
    ...sideOfCycleCloud.filter((z) => used.has(z.id)),
    { id: 'cluster', label: clusterLabel },
    ...(used.has('services') ? [{ id: 'services' as const, label: 'Azure services (service tags)' }] : []),
  ];
  const separate = zones.some((z) => z.id === 'cyclecloud' || z.id === 'people');
  const withBroken = edges.some((e) => e.broken);
  return {
    title: rec.headline ?? rec.title,
    option: OPTION_TITLES[rec.option],
    zones,
    nodes,
    edges,
    ...(separate ? { link: { kind: path.link, label: LINK_LABELS[path.link] } } : {}),
    ...(withBroken && broken.because !== undefined ? { brokenBecause: broken.because } : {}),
  };
}
