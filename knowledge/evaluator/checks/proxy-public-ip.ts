// CCN004: a return proxy without the public IP it needs. CCN007: ReturnProxyAddress = public without a public IP.
import type { Finding } from '../../model.ts';
import { attribute, describeValue, parameterName, textOf } from '../attributes.ts';
import { publicIpAttribute } from '../node-facts.ts';
import { proxyOffAction } from '../steps.ts';
import { activeProxies, effectiveProxies, type NodeView } from '../view.ts';
import {
  assumedRouteNote,
  cycleCloudOutsideNetwork,
  proxyWanted,
  type RuleContext,
  routeStated,
  situationLabel,
} from './context.ts';
import { capitalise, finding, where } from './finding.ts';

export function checkProxyPublicIp(ctx: RuleContext): Finding[] {
  if (!ctx.view) return [];
  return effectiveProxies(ctx.view).flatMap((n) => [
    ...missingPublicIp(ctx, n),
    ...publicAddressWithoutIp(ctx, n),
  ]);
}

/** The way out the recommended route takes once the proxy is off (for the fix of a proxy that cannot work). */
function routeOut(ctx: RuleContext): string {
  switch (ctx.decision.route) {
    case 'vnet-overlap':
      return "run CycleCloud in the cluster's VNet (or re-address one VNet and peer)";
    case 'vnet-vpn':
    case 'onprem-vpn':
      return 'connect the networks with a VPN or ExpressRoute instead';
    default:
      return `nodes reach CycleCloud directly (${situationLabel(ctx.decision)})`;
  }
}

/** "Turn the return proxy off (parameter ReturnProxy = false)": in the template's own words. */
function turnOff(ctx: RuleContext): string {
  const active = ctx.view ? activeProxies(ctx.view) : [];
  return active.length > 0
    ? `Turn the return proxy off (${proxyOffAction(active)})`
    : 'Turn the return proxy off';
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
  // The fix follows the recommendation: a proxy that stays on needs the IP; on a direct path it goes off instead.
  const wanted = proxyWanted(ctx);
  const fix =
    wanted === true
      ? `${turnOn}: CycleCloud reaches the proxy on that address.`
      : wanted === false
        ? `${turnOff(ctx)}: ${routeOut(ctx)}, so no proxy and no public IP are needed${assumedRouteNote(ctx)}.`
        : `${turnOn}, or, under a no-public-IP policy, turn the return proxy off and use peering or a VPN.`;
  return [
    finding(
      'CCN004',
      `${n.topo.name} is the return proxy but AssociatePublicIpAddress = false${source} at ${where(attr)}: a return proxy with no public IP fails to start.`,
      {
        node: n.topo.name,
        line: attr.line,
        fix,
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
        fix: `${turnOff(ctx)} and ${routeOut(ctx)}.`,
      },
    ),
  ];
}

/** The public IP is an expression ccnet cannot evaluate, where one is needed: say so, claim no error. */
function undecidedIp(ctx: RuleContext, n: NodeView): Finding[] | null {
  const d = ctx.decision;
  const attr = publicIpAttribute(n.node);
  // Only a proxy that stays on needs the IP to come out true; on a direct path the proxy goes off (CCN005/CCN006).
  if (n.topo.publicIp !== 'depends' || !attr || proxyWanted(ctx) !== true || !cycleCloudOutsideNetwork(d))
    return null;
  if (!routeStated(d)) return null;
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

function publicAddressWithoutIp(ctx: RuleContext, n: NodeView): Finding[] {
  const attr = attribute(n.node, 'returnproxyaddress');
  if (textOf(attr)?.trim().toLowerCase() !== 'public' || n.topo.publicIp !== false) return [];
  const fix =
    proxyWanted(ctx) === false
      ? `${turnOff(ctx)}: ${routeOut(ctx)}, so ReturnProxyAddress no longer matters.`
      : undefined;
  return [
    finding(
      'CCN007',
      `${n.topo.name} sets ReturnProxyAddress = public (${where(attr)}) but gets no public IP: nodes would be sent to an address that does not exist.`,
      { node: n.topo.name, line: attr?.line, ...(fix ? { fix } : {}) },
    ),
  ];
}
