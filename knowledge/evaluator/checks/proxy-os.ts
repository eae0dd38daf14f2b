// CCN003: only Linux nodes can be return proxies.
import type { Finding } from '../../model.ts';
import { attribute } from '../attributes.ts';
import { effectiveProxies } from '../view.ts';
import { assumedRouteNote, proxyWanted, type RuleContext } from './context.ts';
import { finding, where } from './finding.ts';

export function checkProxyOs(ctx: RuleContext): Finding[] {
  if (!ctx.view) return [];
  const proxyName = ctx.plan?.kind === 'separate' ? ctx.plan.name : 'proxy';
  return effectiveProxies(ctx.view)
    .filter((n) => n.topo.os === 'windows')
    .map((n) => {
      const attr = attribute(n.node, 'isreturnproxy');
      return finding(
        'CCN003',
        `${n.topo.name} is the return proxy (${where(attr)}) but runs Windows; CycleCloud supports only Linux return proxies.`,
        {
          node: n.topo.name,
          line: attr?.line,
          fix:
            proxyWanted(ctx) === false
              ? `Set IsReturnProxy = false on ${n.topo.name}: nodes reach CycleCloud directly on this path, so no proxy is needed${assumedRouteNote(ctx)}.`
              : `Add a Linux [[node ${proxyName}]] with IsReturnProxy = true and set IsReturnProxy = false on ${n.topo.name}.`,
        },
      );
    });
}
