// The knowledge layer's public API: evaluator, template topology, symptom matcher, explanations, rule table.
export { type Explanation, type ExplanationSection, explain, listTopics, type Topic } from './explain.ts';
export { SOURCES, type SourceTag } from './facts/sources.ts';
export * from './model.ts';
export { matchSymptom } from './symptoms/match.ts';
export { buildTopology } from './topology/build.ts';
export { type DiagnoseInput, diagnose } from './topology/diagnose.ts';
export { EVALUATOR_RULES, type EvaluatorRule, TEMPLATE_RULES } from './topology/rules.ts';
export { situationFromTemplate } from './topology/situation.ts';
