// The subnets a template's nodes go into (SubnetId, `resource-group/vnet/subnet`), after parameters and --param.
import { attribute, interfaceAttributes } from '../evaluator/attributes.ts';
import type { EffectiveAttribute, ParsedTemplate } from '../template/types.ts';

export interface TemplateSubnets {
  /** Literal SubnetId values, each with the nodes that use it (head node first when it has one). */
  subnets: Array<{ value: string; nodes: string[] }>;
  /** SubnetId values that hang on a parameter with no value: name it with --param. */
  unresolved: Array<{ params: string[]; nodes: string[] }>;
}

export function templateSubnets(t: ParsedTemplate): TemplateSubnets {
  const subnets = new Map<string, string[]>();
  const unresolved = new Map<string, { params: string[]; nodes: string[] }>();
  for (const node of t.cluster.nodes) {
    if (node.abstract) continue;
    const attrs: EffectiveAttribute[] = [
      ...(attribute(node, 'subnetid') ? [attribute(node, 'subnetid') as EffectiveAttribute] : []),
      ...interfaceAttributes(node, 'subnetid'),
    ];
    for (const a of attrs) {
      if (a.value.kind === 'string' && a.value.value.trim() !== '') {
        const value = a.value.value.trim();
        subnets.set(value, [...(subnets.get(value) ?? []), node.name]);
      } else if (a.value.kind === 'depends') {
        const key = a.value.params.join(',');
        const entry = unresolved.get(key) ?? { params: a.value.params, nodes: [] };
        entry.nodes.push(node.name);
        unresolved.set(key, entry);
      }
    }
  }
  return {
    subnets: [...subnets].map(([value, nodes]) => ({ value, nodes })),
    unresolved: [...unresolved.values()],
  };
}
