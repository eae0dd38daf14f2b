// What every rule sees: the template (when given), the decision and the proxy plan.
import type { RouteFact } from '../../facts/options.ts';
import type { SituationKey } from '../../model.ts';
import type { Decision } from '../decide.ts';
import type { ProxyPlan } from '../proxy-plan.ts';
import type { TemplateView } from '../view.ts';

export interface RuleContext {
  view: TemplateView | null;
  decision: Decision;
  /** How node traffic travels on the recommended route. */
  path: RouteFact['path'];
  plan: ProxyPlan | null;
}

/** Whether the recommended route wants a return proxy: true on the proxy path, false on a direct one, null for user access. */
export function proxyWanted(ctx: RuleContext): boolean | null {
  if (ctx.path === 'proxy') return true;
  return ctx.path === 'direct' ? false : null;
}

/** Said after a fix that follows an assumed route, so the user knows which answer would change it. */
export function assumedRouteNote(ctx: RuleContext): string {
  return routeStated(ctx.decision)
    ? ''
    : ' (the path is assumed: tell ccnet where CycleCloud runs to confirm it)';
}

/** True when none of `keys` was assumed: a rule that claims something about them needs them stated. */
export function stated(d: Decision, ...keys: SituationKey[]): boolean {
  return keys.every((k) => !d.assumed.has(k));
}

/** The route rests only on facts the user gave (where CycleCloud runs, peering, VPN, public IP policy). */
export function routeStated(d: Decision): boolean {
  return stated(d, 'serverLocation', 'peering', 'privateLink', 'publicIpAllowed');
}

/** Routes where CycleCloud cannot reach the cluster's private addresses (RP: the proxy then needs a public IP). */
export function cycleCloudOutsideNetwork(d: Decision): boolean {
  return (
    d.route === 'vnet-proxy' ||
    d.route === 'vnet-vpn' ||
    d.route === 'vnet-overlap' ||
    d.route === 'onprem-proxy' ||
    d.route === 'onprem-vpn'
  );
}

/** Routes where nodes reach CycleCloud privately, so a proxy buys nothing. */
export function nodesReachCycleCloud(d: Decision): boolean {
  return d.route === 'same-vnet' || d.route === 'peered' || d.route === 'over-vpn';
}

export function situationLabel(d: Decision): string {
  switch (d.route) {
    case 'same-vnet':
      return 'CycleCloud is in the same VNet';
    case 'peered':
      return 'the VNets are peered (Connected)';
    case 'over-vpn':
      return `CycleCloud is reached over your ${d.facts.privateLink === 'expressroute' ? 'ExpressRoute' : 'VPN'}`;
    case 'vnet-proxy':
    case 'vnet-vpn':
      return d.facts.peering === 'overlap'
        ? "CycleCloud's VNet and the cluster's overlap, so they cannot be peered"
        : 'CycleCloud is in another VNet that cannot be peered';
    case 'vnet-overlap':
      return "CycleCloud's VNet and the cluster's overlap, so they cannot be peered";
    case 'onprem-proxy':
    case 'onprem-vpn':
      return 'CycleCloud is on-premises without a VPN or ExpressRoute';
    case 'hub-and-spoke':
      return 'CycleCloud and the cluster are spokes of one hub';
    case 'peer-new':
    case 'peer-one-way':
      return 'CycleCloud is in another VNet, not yet peered both ways';
    case 'user-access':
      return 'the broken link is people reaching the nodes';
  }
}
