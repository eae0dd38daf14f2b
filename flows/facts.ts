// Known facts from every source, merged by precedence: profile < start facts < error message < template < evidence
// < answer.
// Answers to questions the current branch no longer needs (after a Change) are kept but do not count.
import type { Situation, SituationKey } from '../knowledge/model.ts';
import type { FlowContext } from './context.ts';
import { evidenceFacts } from './evidence.ts';
import { ALL_QUESTIONS, ENTRY, type QuestionDef, type QuestionId } from './questions.ts';
import type { EntryPoint, FactSource } from './types.ts';

export interface KnownFacts {
  situation: Situation;
  sources: Partial<Record<SituationKey, FactSource>>;
  /** Answers that count on the current branch. */
  activeAnswers: ReadonlySet<QuestionId>;
}

const cache = new WeakMap<FlowContext, KnownFacts>();

export function effectiveEntry(ctx: FlowContext): EntryPoint | null {
  const answered = ctx.answers.entry;
  return isEntryPoint(answered) ? answered : ctx.entry;
}

function isEntryPoint(value: string | undefined): value is EntryPoint {
  return value === 'main' || value === 'symptom' || value === 'user-access';
}

export function knownFacts(ctx: FlowContext): KnownFacts {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const situation: Situation = {};
  const sources: Partial<Record<SituationKey, FactSource>> = {};
  const layer = (facts: Partial<Situation>, source: FactSource) => {
    for (const key of Object.keys(facts) as SituationKey[]) {
      if (facts[key] === undefined) continue;
      Object.assign(situation, { [key]: facts[key] });
      sources[key] = source;
    }
  };
  layer(ctx.profile, 'profile');
  layer(ctx.given, 'situation');
  if (ctx.entry !== null) layer(entryFacts(ctx.entry), 'situation');
  if (ctx.symptom) layer(ctx.symptom.facts, 'symptom');
  if (ctx.template) layer(ctx.template.facts, 'template');
  if (ctx.evidence?.length) layer(evidenceFacts(ctx), 'evidence');
  const activeAnswers = new Set<QuestionId>();
  // In question order: whether a question applies depends only on facts settled before it.
  for (const question of ALL_QUESTIONS) {
    const choiceId = ctx.answers[question.id];
    if (choiceId === undefined || !question.applies(situation)) continue;
    const choice = question.choices.find((c) => c.id === choiceId);
    if (!choice) continue;
    activeAnswers.add(question.id);
    layer(choice.facts, 'answer');
  }
  const known = { situation, sources, activeAnswers };
  cache.set(ctx, known);
  return known;
}

function entryFacts(entry: EntryPoint): Partial<Situation> {
  return ENTRY.choices.find((c) => c.id === entry)?.facts ?? {};
}

/** Answered (even "not sure"), or its fact is known from any source. */
export function isKnown(question: QuestionDef, ctx: FlowContext): boolean {
  const known = knownFacts(ctx);
  if (known.activeAnswers.has(question.id)) return true;
  return question.fact !== undefined && known.situation[question.fact] !== undefined;
}
