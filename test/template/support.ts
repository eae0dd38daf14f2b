// Small readers over parseTemplate's output, shared by the template tests.
import type { EffectiveAttribute, ParsedTemplate, ResolvedNode } from '../../knowledge/template/index.ts';

export function node(template: ParsedTemplate, name: string): ResolvedNode {
  const found = template.cluster.nodes.find((n) => n.name === name);
  if (!found) throw new Error(`no node ${name} in ${template.cluster.nodes.map((n) => n.name).join(', ')}`);
  return found;
}

export function attr(resolved: ResolvedNode, path: string): EffectiveAttribute {
  const found = resolved.attributes.get(path);
  if (!found) throw new Error(`${resolved.name} has no ${path}`);
  return found;
}

/** The plain value of an effective attribute: its literal, `undefined`, or `depends` for anything unresolved. */
export function plain(attribute: EffectiveAttribute | undefined): unknown {
  if (!attribute) return 'absent';
  const value = attribute.value;
  if (value.kind === 'depends') return 'depends';
  if (value.kind === 'undefined') return undefined;
  return value.value;
}

/** Names of the nodes (not abstract) whose effective IsReturnProxy is true. */
export function returnProxies(template: ParsedTemplate): string[] {
  return template.cluster.nodes
    .filter((n) => !n.abstract && plain(n.attributes.get('isreturnproxy')) === true)
    .map((n) => n.name);
}

export function rules(template: ParsedTemplate): string[] {
  return template.findings.map((f) => f.rule);
}

export function errors(template: ParsedTemplate): ParsedTemplate['findings'] {
  return template.findings.filter((f) => f.severity === 'error');
}
