// A template seen by the rules: each node's resolved attributes next to its topology entry.
import type { Topology, TopologyNode } from '../model.ts';
import type { ParsedTemplate, ResolvedNode } from '../template/types.ts';
import { attribute, parameterName } from './attributes.ts';
import { buildTopology, topologyNode } from './build.ts';

export interface NodeView {
  node: ResolvedNode;
  topo: TopologyNode;
}

export interface TemplateView {
  template: ParsedTemplate;
  topology: Topology;
  nodes: NodeView[];
  /** `[[node defaults]]`, resolved, when the template has one. */
  defaults: NodeView | null;
}

// A parsed template is never changed after parsing, so its view is computed once (a CI run checks one template
// against many situations; the invariant suite, against thousands).
const views = new WeakMap<ParsedTemplate, TemplateView>();

export function viewTemplate(template: ParsedTemplate): TemplateView {
  let view = views.get(template);
  if (!view) {
    view = buildView(template);
    views.set(template, view);
  }
  return view;
}

function buildView(template: ParsedTemplate): TemplateView {
  const topology = buildTopology(template);
  const nodes = template.cluster.nodes.map((node, i) => ({
    node,
    topo: topology.nodes[i] ?? topologyNode(node),
  }));
  const defaultsNode = template.cluster.defaults ?? null;
  const defaults = defaultsNode ? { node: defaultsNode, topo: topologyNode(defaultsNode) } : null;
  return { template, topology, nodes, defaults };
}

/** Nodes that create VMs (not Abstract). */
export function realNodes(view: TemplateView): NodeView[] {
  return view.nodes.filter((n) => !n.topo.abstract);
}

/** Nodes that are return proxies under the parameters' defaults and overrides. */
export function effectiveProxies(view: TemplateView): NodeView[] {
  return realNodes(view).filter((n) => n.topo.returnProxy === true);
}

/** The return proxies of the template now, each with the parameter that switches it (where one does). */
export function activeProxies(view: TemplateView): { node: string; parameter?: string }[] {
  return effectiveProxies(view).map((n) => {
    const param = attribute(n.node, 'isreturnproxy')?.params[0];
    return param === undefined
      ? { node: n.topo.name }
      : { node: n.topo.name, parameter: parameterName(view.template, param) };
  });
}
