// The evaluator's entry point: situation (+ template, + pasted error text) -> Diagnosis. Pure; never throws.

import { formatRange } from '../evidence/ip.ts';
import {
  type EvidenceInput,
  type EvidenceReading,
  readEvidence,
  verifyConnections,
} from '../evidence/situation.ts';
import { ROUTE_FACTS } from '../facts/options.ts';
import { isSourceTag, references } from '../facts/sources.ts';
import { GENERAL_CHECKS } from '../facts/symptoms.ts';
import type { Diagnosis, RequiredConnection, Situation, SymptomMatch } from '../model.ts';
import { matchSymptom } from '../symptoms/match.ts';
import type { ParsedTemplate } from '../template/types.ts';
import { runChecks } from './checks/index.ts';
import { flowFacts, requiredConnections } from './connections.ts';
import type { Decision } from './decide.ts';
import { decide } from './decide.ts';
import { evidenceAction } from './evidence-action.ts';
import type { Names } from './names.ts';
import { namesFor } from './names.ts';
import { planProxy } from './proxy-plan.ts';
import { recommend } from './recommend.ts';
import { situationFromView } from './situation.ts';
import { sanitizeSituation } from './situation-input.ts';
import type { KnownAddresses } from './snippets/vars.ts';
import { viewTemplate } from './view.ts';

export interface DiagnoseInput {
  situation: Situation;
  template?: ParsedTemplate;
  symptom?: string;
  /** Original line numbers of `symptom`'s lines, when it is a condensed copy of a long paste. */
  symptomLines?: readonly number[];
  /** az exports and probe output: they settle facts and every required connection is checked against them. */
  evidence?: EvidenceInput;
}

export function diagnose(input: DiagnoseInput): Diagnosis {
  try {
    return evaluate(input);
  } catch (error) {
    return unevaluated(error);
  }
}

function evaluate(input: DiagnoseInput): Diagnosis {
  const { situation: given, ignored } = sanitizeSituation(input?.situation);
  const match =
    typeof input?.symptom === 'string'
      ? matchSymptom(input.symptom, input.symptomLines ? { lineNumbers: input.symptomLines } : {})
      : undefined;
  const template = input?.template;
  const view = template ? viewTemplate(template) : null;
  const implied = match?.recognised ? match.implies : {};
  const addresses = addressesOf(match);
  const reading = input?.evidence
    ? readEvidenceFor(input.evidence, template, addresses, given, implied)
    : null;
  const situation: Situation = {
    ...implied,
    ...(view ? situationFromView(view) : {}),
    ...(reading?.situation ?? {}),
    ...given,
  };
  const decision = decide(situation);
  const plan = view ? planProxy(view, situation.proxyCandidateOs) : null;
  const names = namesFor(view, plan);
  const findings = [
    ...runChecks({ view, decision, path: ROUTE_FACTS[decision.route].path, plan }),
    ...(template?.findings ?? []),
  ];
  const checked = reading
    ? verifyConnections(reading, toCheck(decision, names, requiredConnections(decision, names)), situation)
    : null;
  const recommendation = recommend({
    decision,
    given: situation,
    view,
    plan,
    names,
    addresses: { ...addresses, ...evidenceAddresses(reading) },
    fromExports: new Set(
      (Object.keys(reading?.situation ?? {}) as Array<keyof Situation>).filter((k) => given[k] === undefined),
    ),
    evidence: checked ? evidenceAction(checked.checked) : undefined,
    peeringShown: reading?.situation.peering === 'connected',
  });
  // Findings cite their rule's sources: those references join the recommendation's, each once.
  const cited = new Set(recommendation.references.map((r) => r.source));
  const more = findings.flatMap((f) => f.sources ?? []).filter((t) => isSourceTag(t) && !cited.has(t));
  recommendation.references.push(...references(more.filter(isSourceTag)));
  const diagnosis: Diagnosis = {
    recommendation,
    findings,
    assumptions: [
      ...ignored,
      ...inferred(given, match),
      ...(reading?.assumptions ?? []),
      ...decision.assumptions,
    ],
  };
  if (match) diagnosis.symptom = match;
  if (checked) diagnosis.verification = checked.verification;
  // The view is shared between diagnoses of one template: hand out a copy the caller may change.
  if (view) {
    diagnosis.topology = {
      cluster: view.topology.cluster,
      nodes: view.topology.nodes.map((n) => ({ ...n, returnProxyParams: [...n.returnProxyParams] })),
    };
  }
  return diagnosis;
}

/** Addresses a recognised message names: CycleCloud's on its node ports, the proxy's on 37140/37141. */
function addressesOf(match: SymptomMatch | undefined): KnownAddresses {
  const host = match?.recognised ? match.extracted.host : undefined;
  const port = match?.extracted.port;
  if (!host || !/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return {};
  if (port === 37140 || port === 37141) return { proxyIp: host };
  if (port === 9443 || port === 443 || port === 5672 || port === 8443) return { cyclecloudIp: host };
  return {};
}

/** Facts taken from the pasted message rather than given: say where they came from. */
function inferred(given: Situation, match: SymptomMatch | undefined): string[] {
  if (!match?.recognised) return [];
  const version = match.implies.cyclecloudVersion;
  const port = match.extracted.port;
  if (version === undefined || port === undefined || given.cyclecloudVersion !== undefined) return [];
  return [`CycleCloud ${version} inferred from port ${port} in the pasted message.`];
}

/** Last resort, so callers never see an exception: say the input could not be evaluated and what to check. */
function unevaluated(error: unknown): Diagnosis {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    recommendation: {
      option: 'direct',
      title: 'Not evaluated',
      headline: 'Not evaluated: the general checks still apply',
      doNow: {
        lines: ['ccnet could not evaluate this input: work through the general checks.'],
        sources: [...GENERAL_CHECKS.sources],
      },
      why: [`ccnet could not evaluate this input (${reason}); the general checks below still apply.`],
      whySources: [[...GENERAL_CHECKS.sources]],
      steps: [...GENERAL_CHECKS.checks],
      stepSources: GENERAL_CHECKS.checks.map(() => [...GENERAL_CHECKS.sources]),
      connections: [],
      snippets: [],
      references: references(GENERAL_CHECKS.sources),
    },
    findings: [],
    assumptions: [],
  };
}

function readEvidenceFor(
  evidence: EvidenceInput,
  template: ParsedTemplate | undefined,
  addresses: KnownAddresses,
  given: Situation,
  implied: Partial<Situation>,
): EvidenceReading {
  const version = given.cyclecloudVersion ?? implied.cyclecloudVersion;
  return readEvidence(evidence, {
    ...(template ? { template } : {}),
    ...(addresses.cyclecloudIp ? { cyclecloudHost: addresses.cyclecloudIp } : {}),
    ...(version ? { version } : {}),
  });
}

/** CycleCloud's address and place, and the nodes' subnet, when the evidence has them: the snippets then name them. */
function evidenceAddresses(reading: EvidenceReading | null): KnownAddresses {
  return { ...cyclecloudAddresses(reading), ...nodeAddresses(reading) };
}

function nodeAddresses(reading: EvidenceReading | null): KnownAddresses {
  const subnet = reading?.nodes?.subnet;
  if (!subnet) return {};
  return {
    clusterVnet: subnet.vnetName,
    clusterSubnet: subnet.name,
    clusterFrom: `from ${subnet.origin.file}`,
    ...(subnet.resourceGroup ? { clusterRg: subnet.resourceGroup } : {}),
    ...(subnet.nsgId ? { clusterNsg: subnet.nsgId.split('/').at(-1) ?? subnet.nsgId } : {}),
  };
}

function cyclecloudAddresses(reading: EvidenceReading | null): KnownAddresses {
  const cc = reading?.cyclecloud;
  if (!cc) return {};
  const a = cc.side.address;
  const ip =
    a.kind === 'range' && a.range.family === 4 && a.range.lo === a.range.hi
      ? formatRange(a.range)
      : undefined;
  const file = cc.nic?.origin.file ?? cc.subnet?.origin.file;
  const nsg = cc.nic?.nsgId ?? cc.subnet?.nsgId;
  const rg = cc.subnet?.resourceGroup ?? cc.nic?.resourceGroup;
  return {
    ...(ip ? { cyclecloudIp: ip } : {}),
    ...(file ? { cyclecloudFrom: `from ${file}` } : {}),
    ...(rg ? { cyclecloudRg: rg } : {}),
    ...(cc.subnet ? { cyclecloudVnet: cc.subnet.vnetName, cyclecloudSubnet: cc.subnet.name } : {}),
    ...(nsg ? { cyclecloudNsg: nsg.split('/').at(-1) ?? nsg } : {}),
  };
}

/** The recommendation's connections with the ends they join, in order. */
function toCheck(d: Decision, names: Names, connections: readonly RequiredConnection[]) {
  return flowFacts(d, names).flatMap((f, i) => {
    const connection = connections[i];
    return connection ? [{ connection, from: f.from, to: f.to }] : [];
  });
}
