// CCN005: a return proxy nobody needs. CCN013: no return proxy where the situation needs one.
import type { Finding } from '../../model.ts';
import { attribute, parameterName, parameterSummary } from '../attributes.ts';
import { effectiveProxies, realNodes } from '../view.ts';
import { nodesReachCycleCloud, type RuleContext, routeStated, situationLabel } from './context.ts';
import { finding, where } from './finding.ts';

export function checkProxyNeed(ctx: RuleContext): Finding[] {
  if (!ctx.view) return [];
  const proxies = effectiveProxies(ctx.view);
  const d = ctx.decision;
  if (nodesReachCycleCloud(d) && routeStated(d)) {
    return proxies.map((n) => {
      const attr = attribute(n.node, 'isreturnproxy');
      const param =
        attr?.params[0] === undefined ? undefined : parameterName(ctx.view?.template ?? null, attr.params[0]);
      const through = param && ctx.view ? ` through ${parameterSummary(ctx.view.template, param)}` : '';
      return finding(
        'CCN005',
        `${n.topo.name} is a return proxy (${where(attr)})${through} but ${situationLabel(d)}: nodes can reach CycleCloud directly, so the proxy only adds a public IP and SSH exposure.`,
        {
          node: n.topo.name,
          line: attr?.line,
          fix: param
            ? `Set parameter ${param} = false and open ${d.version === 7 ? 'the HTTPS port and 5672' : '9443'} from the nodes to CycleCloud.`
            : `Set IsReturnProxy = false on ${n.topo.name} and open ${d.version === 7 ? 'the HTTPS port and 5672' : '9443'} from the nodes to CycleCloud.`,
        },
      );
    });
  }
  if (ctx.path !== 'proxy' || proxies.length > 0 || !routeStated(d)) return [];
  if (realNodes(ctx.view).some((n) => n.topo.returnProxy === 'depends')) return [];
  return [missingProxy(ctx)];
}

function missingProxy(ctx: RuleContext): Finding {
  const plan = ctx.plan;
  const label = situationLabel(ctx.decision);
  if (plan?.kind === 'parameter') {
    const attr = attribute(plan.node.node, 'isreturnproxy');
    return finding(
      'CCN013',
      `No node is a return proxy, yet ${label}: nodes cannot reach CycleCloud. ${plan.node.topo.name} becomes the proxy when parameter ${plan.parameter} is true.`,
      {
        node: plan.node.topo.name,
        line: attr?.line,
        fix: `Set parameter ${plan.parameter} = true and give ${plan.node.topo.name} a public IP.`,
      },
    );
  }
  if (plan?.kind === 'promote') {
    return finding('CCN013', `No node is a return proxy, yet ${label}: nodes cannot reach CycleCloud.`, {
      node: plan.node.topo.name,
      line: plan.node.topo.line,
      fix: `Set IsReturnProxy = true on ${plan.node.topo.name} and give it a public IP (AssociatePublicIpAddress = true).`,
    });
  }
  const name = plan?.kind === 'separate' ? plan.name : 'proxy';
  return finding('CCN013', `No node is a return proxy, yet ${label}: nodes cannot reach CycleCloud.`, {
    fix: `Add a Linux [[node ${name}]] with IsReturnProxy = true and a public IP.`,
  });
}
