// The flow's bridge to the evaluator: the Diagnosis is recomputed from the context whenever it is shown.
import { diagnose } from '../knowledge/index.ts';
import type { Diagnosis, Finding } from '../knowledge/model.ts';
import type { FlowContext } from './context.ts';
import { evidenceInput } from './evidence.ts';
import { knownFacts } from './facts.ts';
import { parsedTemplate } from './templates.ts';

// Contexts are immutable (xstate assigns new ones), so one evaluation per context serves the outcome and the reply.
const cache = new WeakMap<FlowContext, Diagnosis>();

/**
 * The diagnosis of what the context knows. The template's parse must be in this process's cache (the runner loads
 * it from TemplateBlobs first); without it the diagnosis leaves the template's findings out.
 */
export function diagnosisFor(ctx: FlowContext): Diagnosis {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const template = ctx.template ? parsedTemplate(ctx.template.sha256) : undefined;
  const evidence = evidenceInput(ctx);
  const diagnosis = diagnose({
    situation: knownFacts(ctx).situation,
    ...(template ? { template } : {}),
    ...(ctx.symptom ? { symptom: ctx.symptom.text } : {}),
    ...(ctx.symptom?.lineNumbers ? { symptomLines: ctx.symptom.lineNumbers } : {}),
    ...(evidence ? { evidence } : {}),
  });
  cache.set(ctx, diagnosis);
  return diagnosis;
}

/** What an upload tells right away: parse problems and the rules' findings under what is known so far. */
export function templateFindings(ctx: FlowContext): Finding[] {
  const template = ctx.template ? parsedTemplate(ctx.template.sha256) : undefined;
  if (!template) return [];
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const finding of [...template.findings, ...diagnosisFor(ctx).findings]) {
    const key = `${finding.rule}|${finding.line ?? ''}|${finding.node ?? ''}|${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}
