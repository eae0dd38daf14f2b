// The knowledge layer's public API: evaluator, template topology, symptom matcher, explanations, rule table.

export { buildTopology } from './evaluator/build.ts';
export { diagnose } from './evaluator/diagnose.ts';
export { EVALUATOR_RULES, TEMPLATE_RULES } from './evaluator/rules.ts';
export { situationFromTemplate } from './evaluator/situation.ts';
export { type Explanation, explain, listTopics, type Topic } from './explain.ts';
export { offPathLabel } from './facts/links.ts';
export { optionTitle } from './facts/options.ts';
export { isSourceTag, reference } from './facts/sources.ts';
export * from './model.ts';
export { exampleCommand, ruleExample, ruleIds, rulePage } from './rule-page.ts';
export { condensePaste, matchSymptom } from './symptoms/match.ts';
