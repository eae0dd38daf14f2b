// CCN002: the return proxy must be one persistent node, never a nodearray or [[node defaults]].
import type { Finding } from '../../model.ts';
import { attribute } from '../attributes.ts';
import { realNodes } from '../view.ts';
import type { RuleContext } from './context.ts';
import { finding, where } from './finding.ts';

export function checkProxyPlacement(ctx: RuleContext): Finding[] {
  if (!ctx.view) return [];
  const findings: Finding[] = [];
  const defaults = ctx.view.defaults;
  if (defaults && defaults.topo.returnProxy === true) {
    const attr = attribute(defaults.node, 'isreturnproxy');
    findings.push(
      finding(
        'CCN002',
        `IsReturnProxy = true in [[node defaults]] (${where(attr)}) makes every node and nodearray a return proxy.`,
        {
          node: 'defaults',
          line: attr?.line,
          fix: 'Remove IsReturnProxy from [[node defaults]] and set IsReturnProxy = true on one persistent [[node]] only.',
        },
      ),
    );
  }
  for (const n of realNodes(ctx.view)) {
    if (n.topo.kind !== 'nodearray' || n.topo.returnProxy !== true) continue;
    const attr = attribute(n.node, 'isreturnproxy');
    if (attr?.origin === 'defaults' && findings.length > 0) continue;
    findings.push(
      finding(
        'CCN002',
        `Nodearray ${n.topo.name} is a return proxy (IsReturnProxy = true, ${where(attr)}); a proxy must be one persistent node.`,
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
