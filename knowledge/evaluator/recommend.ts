// Assembles the recommendation: option and title from the route, reasons, steps, flows, snippets, references.
import { OPTION_FACTS, ROUTE_FACTS, type Route } from '../facts/options.ts';
import { references, type SourceTag } from '../facts/sources.ts';
import type { Recommendation, Situation, Snippet } from '../model.ts';
import { flowFacts, requiredConnections } from './connections.ts';
import type { Decision } from './decide.ts';
import type { Names } from './names.ts';
import type { ProxyPlan } from './proxy-plan.ts';
import { bastionSnippets } from './snippets/bastion.ts';
import { egressNsgRules, httpProxySettings, prestageProjects, storagePrivateDns } from './snippets/egress.ts';
import { directNsgRules, firewallRule, proxyNsgRules } from './snippets/nsg.ts';
import { hubRouting, peeringCheck, peeringCommands, privateDnsLinks } from './snippets/peering.ts';
import { proxyOffSnippets, proxyOnSnippets } from './snippets/proxy.ts';
import { verifySnippet } from './snippets/verify.ts';
import { gatewayTransit, siteToSiteVpn, vnetToVnetVpn } from './snippets/vpn.ts';
import { stepsFor } from './steps.ts';
import type { TemplateView } from './view.ts';
import { effectiveProxies } from './view.ts';
import { reasonsFor } from './why.ts';

export interface RecommendInput {
  decision: Decision;
  given: Situation;
  view: TemplateView | null;
  plan: ProxyPlan | null;
  names: Names;
}

export function recommend(input: RecommendInput): Recommendation {
  const { decision: d, names } = input;
  const route = ROUTE_FACTS[d.route];
  const activeProxies = input.view ? effectiveProxies(input.view).map((n) => n.topo.name) : [];
  const reasons = reasonsFor(d, input.given);
  const steps = stepsFor({ decision: d, names, plan: input.plan, activeProxies });
  const tags: SourceTag[] = [
    ...route.sources,
    ...OPTION_FACTS[route.option].sources,
    ...reasons.flatMap((s) => s.sources),
    ...steps.flatMap((s) => s.sources),
    ...flowFacts(d, names).flatMap((f) => f.sources),
  ];
  return {
    option: route.option,
    title: d.egress ? `${route.title}, with locked-down CycleCloud egress` : route.title,
    why: reasons.map((s) => s.text),
    steps: steps.map((s) => s.text),
    connections: requiredConnections(d, names),
    snippets: snippetsFor(input),
    references: references(tags),
  };
}

function snippetsFor(input: RecommendInput): Snippet[] {
  const { decision: d, names, view } = input;
  const v = d.version;
  const onPremises = d.facts.serverLocation === 'on-premises';
  const off = () => proxyOffSnippets(view, names);
  const byRoute: Record<Route, () => Snippet[]> = {
    'same-vnet': () => [...off(), directNsgRules(v, names, false), verifySnippet(v, 'direct')],
    peered: () => [
      peeringCheck(names),
      ...off(),
      directNsgRules(v, names, false),
      privateDnsLinks(names),
      verifySnippet(v, 'direct'),
    ],
    'peer-one-way': () => [
      peeringCommands(names, 'one'),
      ...off(),
      directNsgRules(v, names, false),
      privateDnsLinks(names),
      verifySnippet(v, 'direct'),
    ],
    'peer-new': () => [
      peeringCommands(names, 'both'),
      ...off(),
      directNsgRules(v, names, false),
      privateDnsLinks(names),
      verifySnippet(v, 'direct'),
    ],
    'hub-and-spoke': () => [
      peeringCommands(names, 'both'),
      hubRouting(names),
      firewallRule(v, names),
      ...off(),
      directNsgRules(v, names, false),
      verifySnippet(v, 'direct'),
    ],
    'vnet-proxy': () => [
      ...proxyOnSnippets(input.plan, names, d.facts.proxyCandidateOs),
      proxyNsgRules(v, names, false),
      verifySnippet(v, 'proxy'),
    ],
    'onprem-proxy': () => [
      ...proxyOnSnippets(input.plan, names, d.facts.proxyCandidateOs),
      proxyNsgRules(v, names, true),
      verifySnippet(v, 'proxy'),
    ],
    'vnet-vpn': () => [
      vnetToVnetVpn(names),
      gatewayTransit(names),
      ...off(),
      directNsgRules(v, names, false),
      verifySnippet(v, 'direct'),
    ],
    'onprem-vpn': () => [
      siteToSiteVpn(names),
      gatewayTransit(names),
      ...off(),
      directNsgRules(v, names, true),
      verifySnippet(v, 'direct'),
    ],
    'over-vpn': () => [...off(), directNsgRules(v, names, onPremises), verifySnippet(v, 'direct')],
    'user-access': () => bastionSnippets(names),
  };
  const snippets = byRoute[d.route]();
  const firewallInPath =
    d.facts.firewall === 'azure-firewall' && d.route !== 'user-access' && d.route !== 'hub-and-spoke';
  if (firewallInPath && ROUTE_FACTS[d.route].path === 'direct') snippets.push(firewallRule(v, names));
  if (d.egress)
    snippets.push(
      egressNsgRules(),
      storagePrivateDns(names),
      ...httpProxySettings(names),
      prestageProjects(),
    );
  return snippets;
}
