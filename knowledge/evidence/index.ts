// Evidence: what Azure and the nodes already say (az exports, probe output), read offline and turned into verdicts.

export { type CollectTarget, collectScript, parseCollectTarget } from './collect-script.ts';
export { isEvidenceText } from './detect.ts';
export { ENDPOINT_FORMS } from './endpoints.ts';
export { EvidenceIndex } from './evidence-index.ts';
export { parseFlowSpec } from './flow-spec.ts';
export { EVIDENCE_LIMITS } from './json.ts';
export { interpretProbe } from './probe.ts';
export { probeOptionProblem, probeScript } from './probe-script.ts';
export { mergeEvidence, readEvidenceText } from './read.ts';
export { flowRecord, resolvedAs } from './record.ts';
export { SEMANTICS, type SemanticsRow } from './semantics.ts';
export { verifyFlowNamingMembers } from './subnet-members.ts';
export { templateSubnets } from './template-subnets.ts';
export * from './types.ts';
export { type FlowSpec, type FlowVerdict, fitTogether, type HopResult, verifyFlow } from './verify.ts';
