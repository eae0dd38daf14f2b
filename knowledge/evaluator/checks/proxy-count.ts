// CCN001: more than one effective return proxy (the cluster fails to start).
import type { Finding } from '../../model.ts';
import { attribute } from '../attributes.ts';
import { effectiveProxies } from '../view.ts';
import { assumedRouteNote, proxyWanted, type RuleContext } from './context.ts';
import { finding, listNames, where } from './finding.ts';

export function checkProxyCount(ctx: RuleContext): Finding[] {
  if (!ctx.view) return [];
  const proxies = effectiveProxies(ctx.view);
  const second = proxies[1];
  if (!second) return [];
  const keeper =
    proxies.find(
      (p) =>
        p.topo.kind === 'node' &&
        p.topo.os !== 'windows' &&
        attribute(p.node, 'isreturnproxy')?.origin === 'own',
    ) ?? proxies.find((p) => p.topo.kind === 'node' && p.topo.os !== 'windows');
  const described = proxies.map((p) => `${p.topo.name} (${where(attribute(p.node, 'isreturnproxy'))})`);
  const others = proxies.filter((p) => p !== keeper).map((p) => p.topo.name);
  const flagged = keeper === second ? (proxies[0] ?? second) : second;
  const attr = attribute(flagged.node, 'isreturnproxy');
  // On a direct path none of them is needed: the fix turns them all off instead of keeping one.
  const fix =
    proxyWanted(ctx) === false
      ? `Set IsReturnProxy = false on ${listNames(proxies.map((p) => p.topo.name))}: nodes reach CycleCloud directly on this path${assumedRouteNote(ctx)}.`
      : keeper
        ? `Keep IsReturnProxy = true on ${keeper.topo.name} only; set IsReturnProxy = false on ${listNames(others)}.`
        : undefined;
  return [
    finding(
      'CCN001',
      `${proxies.length} nodes are return proxies: ${listNames(described)}. Only one node may be the return proxy, or the cluster fails to start.`,
      { node: flagged.topo.name, line: attr?.line, ...(fix ? { fix } : {}) },
    ),
  ];
}
