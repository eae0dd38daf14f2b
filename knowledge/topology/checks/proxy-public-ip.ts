// CCN004: a return proxy without the public IP it needs. CCN007: ReturnProxyAddress = public without a public IP.
import type { Finding } from '../../model.ts';
import { attribute, describeValue, parameterName, textOf } from '../attributes.ts';
import { publicIpAttribute } from '../node-facts.ts';
import { effectiveProxies, type NodeView } from '../view.ts';
import { cycleCloudOutsideNetwork, type RuleContext, routeStated, situationLabel } from './context.ts';
import { finding, where } from './finding.ts';

export function checkProxyPublicIp(ctx: RuleContext): Finding[] {
  if (!ctx.view) return [];
  return effectiveProxies(ctx.view).flatMap((n) => [
    ...missingPublicIp(ctx, n),
    ...publicAddressWithoutIp(n),
  ]);
}

function missingPublicIp(ctx: RuleContext, n: NodeView): Finding[] {
  const attr = publicIpAttribute(n.node);
  if (n.topo.publicIp === false && attr) {
    const param =
      attr.params[0] === undefined ? undefined : parameterName(ctx.view?.template ?? null, attr.params[0]);
    const source = param ? ` (from parameter ${param}, currently ${describeValue(attr.value)})` : '';
    return [
      finding(
        'CCN004',
        `${n.topo.name} is the return proxy but AssociatePublicIpAddress = false${source} at ${where(attr)}: a return proxy with no public IP fails to start.`,
        {
          node: n.topo.name,
          line: attr.line,
          fix: param
            ? `Set ${param} = true so the proxy gets a public IP, or, under a no-public-IP policy, turn the return proxy off and use peering or a VPN.`
            : 'Set AssociatePublicIpAddress = true on the proxy, or, under a no-public-IP policy, turn the return proxy off and use peering or a VPN.',
        },
      ),
    ];
  }
  const d = ctx.decision;
  if (d.facts.publicIpAllowed === false && cycleCloudOutsideNetwork(d) && routeStated(d)) {
    const proxyAttr = attribute(n.node, 'isreturnproxy');
    return [
      finding(
        'CCN004',
        `${n.topo.name} is the return proxy (${where(proxyAttr)}); ${situationLabel(d)}, so CycleCloud can only reach it on a public IP, which your policy forbids.`,
        {
          node: n.topo.name,
          line: proxyAttr?.line,
          fix: 'Turn the return proxy off and connect the networks with a VPN or ExpressRoute instead.',
        },
      ),
    ];
  }
  return [];
}

function publicAddressWithoutIp(n: NodeView): Finding[] {
  const attr = attribute(n.node, 'returnproxyaddress');
  if (textOf(attr)?.trim().toLowerCase() !== 'public' || n.topo.publicIp !== false) return [];
  return [
    finding(
      'CCN007',
      `${n.topo.name} sets ReturnProxyAddress = public (${where(attr)}) but gets no public IP: nodes would be sent to an address that does not exist.`,
      { node: n.topo.name, line: attr?.line },
    ),
  ];
}
