// The names snippets use: the template's own when a template is given, clear placeholders otherwise.
import type { ProxyPlan } from './proxy-plan.ts';
import { headNode } from './proxy-plan.ts';
import type { TemplateView } from './view.ts';

export interface Names {
  cluster: string;
  /** The node the recommendation makes (or keeps as) the return proxy. */
  proxyNode: string;
  head: string;
  /** Subnet of the nodes as the template writes it (`$SubnetId`), or null. */
  subnet: string | null;
  /** The subnet's value once parameters are applied (a default or a --param override), when it is text. */
  subnetValue: string | null;
  clusterRg: string;
  clusterVnet: string;
  clusterSubnet: string;
  keyPair: string;
  /** The template declares Windows nodes (RDP matters). */
  windowsNodes: boolean;
}

const DEFAULT_KEY_PAIR = '~/.ssh/cyclecloud.pem';

export function namesFor(view: TemplateView | null, plan: ProxyPlan | null): Names {
  const head = view ? headNode(view) : undefined;
  const proxyNode = plan
    ? plan.kind === 'separate'
      ? plan.name
      : plan.node.topo.name
    : (head?.topo.name ?? 'proxy');
  const subnet =
    head?.topo.subnet ??
    view?.defaults?.topo.subnet ??
    view?.nodes.find((n) => n.topo.subnet)?.topo.subnet ??
    null;
  const nodes = [head, view?.defaults ?? undefined, ...(view?.nodes ?? [])];
  const subnetValue = nodes.map(resolvedSubnet).find((v) => v !== null) ?? null;
  const parts = subnetValue !== null ? subnetParts(subnetValue) : null;
  return {
    cluster: view?.topology.cluster ?? '<cluster>',
    proxyNode,
    head: head?.topo.name ?? '<head-node>',
    subnet,
    subnetValue,
    clusterRg: parts?.rg ?? '<cluster-rg>',
    clusterVnet: parts?.vnet ?? '<cluster-vnet>',
    clusterSubnet: parts?.subnet ?? '<cluster-subnet>',
    keyPair: keyPairOf(view) ?? DEFAULT_KEY_PAIR,
    windowsNodes: view?.nodes.some((n) => n.topo.os === 'windows') ?? false,
  };
}

function resolvedSubnet(n: { node: TemplateView['nodes'][number]['node'] } | undefined): string | null {
  const a = n?.node.attributes.get('subnetid');
  return a && a.value.kind === 'string' && a.value.value.trim() !== '' ? a.value.value.trim() : null;
}

/** CycleCloud subnets are written `resource-group/vnet/subnet` (NR). */
function subnetParts(subnet: string): { rg: string; vnet: string; subnet: string } | null {
  const parts = subnet.split('/');
  if (parts.length !== 3 || parts.some((p) => p.trim() === '' || /\s|\$/.test(p))) return null;
  const [rg = '', vnet = '', name = ''] = parts;
  return { rg, vnet, subnet: name };
}

function keyPairOf(view: TemplateView | null): string | null {
  if (!view) return null;
  for (const n of [...(view.defaults ? [view.defaults] : []), ...view.nodes]) {
    const a = n.node.attributes.get('keypairlocation');
    if (a && a.value.kind === 'string' && a.value.value !== '') return a.value.value;
  }
  return null;
}

/** A name safe inside an Azure resource name: letters, digits, `-`, `_`, `.`; placeholders kept. */
export function slug(value: string): string {
  if (value.startsWith('<') && value.endsWith('>')) return value;
  const cleaned = value.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned === '' ? 'cluster' : cleaned;
}
