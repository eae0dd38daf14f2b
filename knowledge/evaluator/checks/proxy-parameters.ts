// CCN006: IsReturnProxy set by a parameter (say which, its value, what to choose). CCN012: an expression
// ccnet cannot evaluate (say so, never claim an error). One finding per template line, naming every node it reaches.
import type { Finding } from '../../model.ts';
import type { EffectiveAttribute } from '../../template/types.ts';
import { attribute, parameterName, parameterSummary } from '../attributes.ts';
import { type NodeView, realNodes } from '../view.ts';
import { type RuleContext, routeStated, situationLabel } from './context.ts';
import { finding, listNames, where } from './finding.ts';

interface Group {
  attr: EffectiveAttribute;
  nodes: NodeView[];
}

export function checkProxyParameters(ctx: RuleContext): Finding[] {
  if (!ctx.view) return [];
  const view = ctx.view;
  const groups = new Map<number, Group>();
  for (const n of realNodes(view)) {
    const attr = attribute(n.node, 'isreturnproxy');
    if (!attr || (attr.params.length === 0 && n.topo.returnProxy !== 'depends')) continue;
    const group = groups.get(attr.line) ?? { attr, nodes: [] };
    group.nodes.push(n);
    groups.set(attr.line, group);
  }
  const wanted = ctx.path === 'proxy';
  const known = routeStated(ctx.decision);
  const fixFor = (param: string) =>
    known
      ? `Set ${param} = ${wanted ? 'true' : 'false'} when creating the cluster.`
      : `Set ${param} = false when nodes reach CycleCloud directly (same VNet, peering, VPN); true only when they cannot.`;
  /** What the current value means and what to do, worded for a proxy that is on as well as for one that is off. */
  const advice = (on: boolean, param: string, overridden: boolean) => {
    const now = `so the return proxy is ${on ? 'on' : 'off'}${overridden ? '' : ` unless ${param} is changed when the cluster is created`}`;
    if (known) {
      const network = `your network (${situationLabel(ctx.decision)})`;
      return on === wanted
        ? `${now}, which is what ${network} needs`
        : `${now}; ${network} needs it ${wanted ? 'on' : 'off'}`;
    }
    const direct =
      'nodes cannot reach CycleCloud directly (another VNet without peering, or on-premises without VPN)';
    return on ? `${now}; keep it on only when ${direct}` : `${now}; turn it on only when ${direct}`;
  };
  return [...groups.values()].map(({ attr, nodes }) => {
    const names = listNames(nodes.map((n) => n.topo.name));
    const first = nodes[0]?.topo.name;
    const params = attr.params.map((p) => parameterName(view.template, p));
    if (attr.value.kind === 'depends') {
      const on =
        params.length > 0
          ? `it depends on ${listNames(params)}`
          : 'it depends on values outside the template';
      const expected = known
        ? `For your network (${situationLabel(ctx.decision)}) the return proxy should be ${wanted ? 'on' : 'off'}`
        : 'Turn it on only when nodes cannot reach CycleCloud directly (another VNet without peering, or on-premises without VPN)';
      return finding(
        'CCN012',
        `IsReturnProxy for ${names} is \`${attr.value.expr}\` (${where(attr)}): ccnet cannot evaluate it; ${on}. ${expected}.`,
        { node: first, line: attr.line },
      );
    }
    const on = attr.value.kind === 'boolean' && attr.value.value;
    const summaries = listNames(params.map((p) => parameterSummary(view.template, p)));
    const param = params[0] ?? 'the parameter';
    const overridden = params.some((p) => view.template.parameters.get(p.toLowerCase())?.override);
    return finding(
      'CCN006',
      `IsReturnProxy for ${names} (${where(attr)}) comes from ${summaries}, ${advice(on, param, overridden)}.`,
      { node: first, line: attr.line, fix: fixFor(param) },
    );
  });
}
