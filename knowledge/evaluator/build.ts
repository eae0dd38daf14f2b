// The topology DESIGN.md describes: one entry per node and nodearray after inheritance.
import type { Topology, TopologyNode } from '../model.ts';
import type { ParsedTemplate, ResolvedNode } from '../template/types.ts';
import { publicIpOf, returnProxyOf, returnProxyParams, subnetOf } from './node-facts.ts';
import { nodeOs } from './os.ts';

export function buildTopology(t: ParsedTemplate): Topology {
  return { cluster: t.cluster.name, nodes: t.cluster.nodes.map(topologyNode) };
}

export function topologyNode(node: ResolvedNode): TopologyNode {
  const returnProxy = returnProxyOf(node);
  return {
    name: node.name,
    kind: node.kind,
    line: Math.max(1, node.line),
    abstract: node.abstract,
    returnProxy,
    returnProxyParams: returnProxyParams(node),
    os: nodeOs(node),
    publicIp: publicIpOf(node, returnProxy),
    subnet: subnetOf(node),
  };
}
