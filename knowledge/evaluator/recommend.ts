// Assembles the recommendation: option and title from the route, the next action first (headline, do now), reasons,
// steps, connections, snippets, references. One decision drives all of them.
import { OPTION_FACTS, ROUTE_FACTS } from '../facts/options.ts';
import { isSourceTag, references, type SourceTag } from '../facts/sources.ts';
import type { Recommendation, Situation } from '../model.ts';
import { flowFacts, requiredConnections } from './connections.ts';
import type { Decision } from './decide.ts';
import { nextAction } from './do-now.ts';
import type { EvidenceAction } from './evidence-action.ts';
import type { Names } from './names.ts';
import { networkPath } from './path.ts';
import type { ProxyPlan } from './proxy-plan.ts';
import { planSnippets } from './snippet-plan.ts';
import type { KnownAddresses } from './snippets/vars.ts';
import { shellVars } from './snippets/vars.ts';
import { type ActiveProxy, stepsFor } from './steps.ts';
import type { TemplateView } from './view.ts';
import { activeProxies } from './view.ts';
import { reasonsFor } from './why.ts';

export interface RecommendInput {
  decision: Decision;
  given: Situation;
  view: TemplateView | null;
  plan: ProxyPlan | null;
  names: Names;
  addresses?: KnownAddresses;
  /** Situation facts the evidence settled (not the user's answers). */
  fromExports?: ReadonlySet<keyof Situation>;
  /** What the exports showed about the required connections: it leads "do now" and picks its snippet. */
  evidence?: EvidenceAction | undefined;
  /** The exports show the peering Connected in both directions: "do now" and the steps do not ask to check it. */
  peeringShown?: boolean;
}

export function recommend(input: RecommendInput): Recommendation {
  const { decision: d, names } = input;
  const route = ROUTE_FACTS[d.route];
  const active: ActiveProxy[] = input.view ? activeProxies(input.view) : [];
  const reasons = reasonsFor(d, input.given, input.fromExports);
  const evidence = input.evidence;
  const steps = stepsFor({
    decision: d,
    names,
    plan: input.plan,
    activeProxies: active,
    evidence: evidence && {
      open: evidence.open,
      settled: evidence.settled,
      denied: evidence.denied,
    },
    peeringShown: input.peeringShown ?? false,
  });
  const vars = shellVars(names, input.addresses);
  const planned = planSnippets({
    decision: d,
    names,
    view: input.view,
    plan: input.plan,
    vars,
    settled: evidence?.settled ?? false,
  });
  const snippets = evidence?.fix ? { all: [evidence.fix, ...planned.all], fix: evidence.fix } : planned;
  const next = nextAction({
    decision: d,
    names,
    plan: input.plan,
    activeProxies: active,
    fix: snippets.fix,
    evidence,
    peeringShown: input.peeringShown ?? false,
  });
  const tags: SourceTag[] = [
    ...route.sources,
    ...OPTION_FACTS[route.option].sources,
    ...reasons.flatMap((s) => s.sources),
    ...steps.flatMap((s) => s.sources),
    ...flowFacts(d, names).flatMap((f) => f.sources),
    ...[...next.doNow.sources, ...snippets.all.flatMap((s) => s.sources ?? [])].filter(isSourceTag),
  ];
  return {
    option: route.option,
    title: d.egress ? `${route.title}, with locked-down CycleCloud egress` : route.title,
    headline: next.headline,
    doNow: next.doNow,
    why: reasons.map((s) => s.text),
    whySources: reasons.map((s) => [...s.sources]),
    steps: steps.map((s) => s.text),
    stepSources: steps.map((s) => [...s.sources]),
    connections: requiredConnections(d, names),
    snippets: snippets.all,
    references: references(tags),
    path: networkPath(d),
  };
}
