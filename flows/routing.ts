// Which question comes next: the first one the decision procedure needs and nothing answers yet.
// The machine's routing guards all ask this one function, so skipping rules live in one place.
import type { FlowContext } from './context.ts';
import { effectiveEntry, isKnown, knownFacts } from './facts.ts';
import {
  ENTRY_QUESTION,
  ERROR_MESSAGE_QUESTION,
  MAIN_QUESTIONS_IN_ORDER,
  type QuestionId,
  SYMPTOM_NEXT_QUESTION,
} from './questions.ts';

const cache = new WeakMap<FlowContext, QuestionId | null>();

/** The next question to ask, or null when the diagnosis can be given. */
export function nextQuestion(ctx: FlowContext): QuestionId | null {
  const cached = cache.get(ctx);
  if (cached !== undefined) return cached;
  const next = computeNext(ctx);
  cache.set(ctx, next);
  return next;
}

function computeNext(ctx: FlowContext): QuestionId | null {
  if (ctx.reopen !== null && canReopen(ctx, ctx.reopen)) return ctx.reopen;
  const entry = effectiveEntry(ctx);
  if (entry === null) return ENTRY_QUESTION;
  if (entry === 'symptom' && !symptomPartDone(ctx)) {
    return ctx.symptom === null ? ERROR_MESSAGE_QUESTION : SYMPTOM_NEXT_QUESTION;
  }
  const situation = knownFacts(ctx).situation;
  for (const question of MAIN_QUESTIONS_IN_ORDER) {
    if (question.applies(situation) && !isKnown(question, ctx)) return question.id;
  }
  return null;
}

function symptomPartDone(ctx: FlowContext): boolean {
  return ctx.answers.errorMessage !== undefined || ctx.answers.symptomNext !== undefined;
}

/** A reopened question is shown only where it still makes sense (the symptom step needs a message). */
function canReopen(ctx: FlowContext, question: QuestionId): boolean {
  if (question === ENTRY_QUESTION) return ctx.entry === null;
  if (question === SYMPTOM_NEXT_QUESTION) return ctx.symptom !== null;
  if (question === ERROR_MESSAGE_QUESTION) return true;
  const def = MAIN_QUESTIONS_IN_ORDER.find((q) => q.id === question);
  return def?.applies(knownFacts(ctx).situation) === true;
}

/** Main questions on the current branch whose answer is known: the ones a diagnosis lets people change. */
export function changeableQuestions(ctx: FlowContext): QuestionId[] {
  const situation = knownFacts(ctx).situation;
  return MAIN_QUESTIONS_IN_ORDER.filter((q) => q.applies(situation) && isKnown(q, ctx)).map((q) => q.id);
}
