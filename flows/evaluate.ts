// The flow's bridge to the evaluator: the Diagnosis is recomputed from the context whenever it is shown.
import { diagnose } from '../knowledge/index.ts';
import type { Diagnosis, Finding } from '../knowledge/model.ts';
import type { FlowContext } from './context.ts';
import { knownFacts } from './facts.ts';
import { parsePacked } from './template-pack.ts';

// Contexts are immutable (xstate assigns new ones), so one evaluation per context serves the outcome and the reply.
const cache = new WeakMap<FlowContext, Diagnosis>();

export function diagnosisFor(ctx: FlowContext): Diagnosis {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const template = ctx.template ? parsePacked(ctx.template.packed) : undefined;
  const diagnosis = diagnose({
    situation: knownFacts(ctx).situation,
    ...(template ? { template } : {}),
    ...(ctx.symptom ? { symptom: ctx.symptom.text } : {}),
  });
  cache.set(ctx, diagnosis);
  return diagnosis;
}

/** What an upload tells right away: parse problems and the rules' findings under what is known so far. */
export function templateFindings(ctx: FlowContext): Finding[] {
  if (!ctx.template) return [];
  const template = parsePacked(ctx.template.packed);
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
