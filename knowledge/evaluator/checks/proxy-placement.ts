// CCN002: the return proxy must be one persistent node, never a nodearray or [[node defaults]]. IsReturnProxy = true
// in [[node defaults]] is an error only when it leaves more than one proxy; when every other node overrides it, it is
// a warning: the cluster works today, and the next node added without an override becomes a second proxy.
import type { Finding } from '../../model.ts';
import { attribute } from '../attributes.ts';
import { effectiveProxies, type NodeView, realNodes } from '../view.ts';
import type { RuleContext } from './context.ts';
import { finding, listNames, where } from './finding.ts';

export function checkProxyPlacement(ctx: RuleContext): Finding[] {
  if (!ctx.view) return [];
  const findings: Finding[] = [];
  const defaults = ctx.view.defaults;
  const proxies = effectiveProxies(ctx.view);
  if (defaults && defaults.topo.returnProxy === true) findings.push(defaultsFinding(defaults, proxies));
  for (const n of realNodes(ctx.view)) {
    if (n.topo.kind !== 'nodearray' || n.topo.returnProxy !== true) continue;
    const attr = attribute(n.node, 'isreturnproxy');
    if (attr?.origin === 'defaults' && findings.length > 0) continue;
    findings.push(
      finding(
        'CCN002',
        `Nodearray ${n.topo.name} is a return proxy (IsReturnProxy = true, ${where(attr)}); a proxy must be one persistent node, and every VM of a nodearray would be one.`,
        {
          node: n.topo.name,
          line: attr?.line,
          fix: `Set IsReturnProxy = false on nodearray ${n.topo.name} and make one [[node]] the proxy.`,
        },
      ),
    );
  }
  return findings;
}

/** The line alone: the sentence already says the attribute is in [[node defaults]]. */
function lineOf(attr: ReturnType<typeof attribute>): string {
  return attr ? `line ${attr.line}` : 'no line';
}

function defaultsFinding(defaults: NodeView, proxies: readonly NodeView[]): Finding {
  const attr = attribute(defaults.node, 'isreturnproxy');
  const inheriting = proxies.filter((p) => attribute(p.node, 'isreturnproxy')?.origin === 'defaults');
  const fix =
    'Remove IsReturnProxy from [[node defaults]] and set IsReturnProxy = true on one persistent [[node]] only.';
  if (proxies.length > 1) {
    return finding(
      'CCN002',
      `IsReturnProxy = true in [[node defaults]] (${lineOf(attr)}) is inherited by ${listNames(inheriting.map((p) => p.topo.name))}, leaving ${proxies.length} return proxies (${listNames(proxies.map((p) => p.topo.name))}): every node and nodearray that does not set IsReturnProxy = false inherits it.`,
      { node: 'defaults', line: attr?.line, fix },
    );
  }
  const only = proxies[0]?.topo.name;
  const today = only
    ? `today only ${only} ends up a proxy because every other node overrides it`
    : 'today every node overrides it, so none ends up a proxy';
  return finding(
    'CCN002',
    `IsReturnProxy = true in [[node defaults]] (${lineOf(attr)}): ${today}, but any node or nodearray added without IsReturnProxy = false would become a second proxy.`,
    {
      node: 'defaults',
      line: attr?.line,
      severity: 'warning',
      fix: only
        ? `Move IsReturnProxy = true from [[node defaults]] to [[node ${only}]] so new nodes do not inherit it.`
        : fix,
    },
  );
}
