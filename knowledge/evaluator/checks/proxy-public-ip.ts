// CCN004: a return proxy without the public IP it needs. CCN007: ReturnProxyAddress = public without a public IP.
import type { Finding } from '../../model.ts';
import { attribute, describeValue, parameterName, textOf } from '../attributes.ts';
import { publicIpAttribute } from '../node-facts.ts';
import { effectiveProxies, type NodeView } from '../view.ts';
import { cycleCloudOutsideNetwork, type RuleContext, routeStated, situationLabel } from './context.ts';
import { capitalise, finding, where } from './finding.ts';

export function checkProxyPublicIp(ctx: RuleContext): Finding[] {
  if (!ctx.view) return [];
  return effectiveProxies(ctx.view).flatMap((n) => [
    ...missingPublicIp(ctx, n),
    ...publicAddressWithoutIp(n),
  ]);
}

function missingPublicIp(ctx: RuleContext, n: NodeView): Finding[] {
  return explicitlyNoIp(ctx, n) ?? forbiddenByPolicy(ctx, n) ?? undecidedIp(ctx, n) ?? [];
}

/** AssociatePublicIpAddress = false (literal or through a parameter): the proxy node fails (NS). */
function explicitlyNoIp(ctx: RuleContext, n: NodeView): Finding[] | null {
  const attr = publicIpAttribute(n.node);
  if (n.topo.publicIp !== false || !attr) return null;
  const first = attr.params[0];
  const param = first === undefined ? undefined : parameterName(ctx.view?.template ?? null, first);
  const source = param ? ` (from parameter ${param}, currently ${describeValue(attr.value)})` : '';
  const turnOn = param
    ? `Set ${param} = true so the proxy gets a public IP`
    : 'Set AssociatePublicIpAddress = true on the proxy';
  return [
    finding(
      'CCN004',
      `${n.topo.name} is the return proxy but AssociatePublicIpAddress = false${source} at ${where(attr)}: a return proxy with no public IP fails to start.`,
      {
        node: n.topo.name,
        line: attr.line,
        fix: `${turnOn}, or, under a no-public-IP policy, turn the return proxy off and use peering or a VPN.`,
      },
    ),
  ];
}

/** CycleCloud can reach the proxy only on a public IP, and the stated policy forbids one. */
function forbiddenByPolicy(ctx: RuleContext, n: NodeView): Finding[] | null {
  const d = ctx.decision;
  if (d.facts.publicIpAllowed !== false || !cycleCloudOutsideNetwork(d) || !routeStated(d)) return null;
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

/** The public IP is an expression ccnet cannot evaluate, where one is needed: say so, claim no error. */
function undecidedIp(ctx: RuleContext, n: NodeView): Finding[] | null {
  const d = ctx.decision;
  const attr = publicIpAttribute(n.node);
  if (n.topo.publicIp !== 'depends' || !attr || !cycleCloudOutsideNetwork(d) || !routeStated(d)) return null;
  const expr = attr.value.kind === 'depends' ? attr.value.expr : attr.raw;
  return [
    finding(
      'CCN012',
      `Whether the return proxy ${n.topo.name} gets a public IP is \`${expr}\` (${where(attr)}): ccnet cannot evaluate it. ${capitalise(situationLabel(d))}, so it must come out true.`,
      {
        node: n.topo.name,
        line: attr.line,
        fix: 'Make sure AssociatePublicIpAddress evaluates to true for the proxy.',
      },
    ),
  ];
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
