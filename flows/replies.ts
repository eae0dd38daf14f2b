// Snapshot -> Reply objects. The current state's question or diagnosis is rendered from the persisted context,
// so an adapter can re-show it at any time; event replies come from what the machine emitted.
import { matchSymptom } from '../knowledge/index.ts';
import { canGoBack, type FlowContext } from './context.ts';
import { diagnosisFor } from './evaluate.ts';
import { describeFacts } from './fact-words.ts';
import { knownFacts } from './facts.ts';
import type { FlowEmitted } from './machine.ts';
import {
  MAIN_QUESTIONS_IN_ORDER,
  type QuestionDef,
  questionById,
  SYMPTOM_NEXT,
  SYMPTOM_NEXT_QUESTION,
  worded,
} from './questions.ts';
import { changeableQuestions } from './routing.ts';
import type { Choice, FactSource, Reply } from './types.ts';

/** The part of a machine snapshot replies depend on. */
export interface FlowState {
  value: unknown;
  context: FlowContext;
}

const SOURCE_NOTES: Record<FactSource, string | undefined> = {
  answer: undefined,
  profile: 'from your team profile',
  template: 'from the template',
  symptom: 'from the error message',
  situation: 'given at start',
  evidence: 'from your exports',
};

export function stateReplies(state: FlowState, sessionId: string): Reply[] {
  const ctx = state.context;
  if (state.value === 'diagnosis') {
    const known = knownFacts(ctx);
    return [
      {
        kind: 'diagnosis',
        sessionId,
        diagnosis: diagnosisFor(ctx),
        situation: known.situation,
        sources: known.sources,
        changeable: changeableQuestions(ctx).flatMap((id) => {
          const question = questionById(id);
          return question ? [changeChoice(question, ctx)] : [];
        }),
        canGoBack: canGoBack(ctx),
      },
    ];
  }
  if (state.value === SYMPTOM_NEXT_QUESTION && ctx.symptom) {
    const learned = describeFacts(ctx.symptom.facts).join(', ');
    return [
      {
        kind: 'symptom',
        sessionId,
        questionId: SYMPTOM_NEXT_QUESTION,
        match: matchSymptom(ctx.symptom.text, symptomLines(ctx.symptom)),
        choices: SYMPTOM_NEXT.choices.map((c) => ({
          id: c.id,
          label: c.label,
          ...(learned ? { hint: `Already known: ${learned}` } : c.hint ? { hint: c.hint } : {}),
        })),
      },
    ];
  }
  const question = askedQuestion(state, sessionId);
  return question ? [question] : [];
}

/** The question the state asks, when it shows a plain question (not a diagnosis, not an error message's match). */
export function askedQuestion(
  state: FlowState,
  sessionId: string,
): Extract<Reply, { kind: 'question' }> | undefined {
  const ctx = state.context;
  if (state.value === 'diagnosis' || (state.value === SYMPTOM_NEXT_QUESTION && ctx.symptom)) return undefined;
  const question = typeof state.value === 'string' ? questionById(state.value) : undefined;
  if (!question) return undefined;
  const words = worded(question, knownFacts(ctx).situation);
  const current = currentValueNote(question, ctx);
  const hint = [words.hint, current].filter(Boolean).join(' ');
  return {
    kind: 'question',
    sessionId,
    questionId: question.id,
    text: words.text,
    ...(hint ? { hint } : {}),
    choices: words.choices.map(({ id, label, hint: choiceHint }) => ({
      id,
      label,
      ...(choiceHint ? { hint: choiceHint } : {}),
    })),
    canGoBack: canGoBack(ctx),
  };
}

export function emittedReply(event: FlowEmitted, sessionId: string): Reply {
  switch (event.type) {
    case 'notice':
      return { kind: 'notice', sessionId, level: 'error', code: event.code, text: event.text };
    case 'template':
      return {
        kind: 'template',
        sessionId,
        fileName: event.fileName,
        findings: event.findings,
        learned: event.learned,
      };
    case 'symptom':
      return { kind: 'symptom', sessionId, match: event.match, choices: [] };
    case 'evidence':
      return {
        kind: 'evidence',
        sessionId,
        fileName: event.fileName,
        kinds: event.kinds,
        learned: event.learned,
        notes: event.notes,
        ...(event.probe ? { probe: event.probe } : {}),
      };
  }
}

function answerLabel(question: QuestionDef, ctx: FlowContext): string {
  const known = knownFacts(ctx);
  const { choices } = worded(question, known.situation);
  if (known.activeAnswers.has(question.id)) {
    const choiceId = ctx.answers[question.id];
    const choice = choices.find((c) => c.id === choiceId);
    if (choice) return choice.label;
  }
  const value = question.fact ? known.situation[question.fact] : undefined;
  const choice = choices.find((c) => question.fact && c.facts[question.fact] === value);
  return choice?.label ?? String(value);
}

function changeChoice(question: QuestionDef, ctx: FlowContext): Choice {
  const source = question.fact ? knownFacts(ctx).sources[question.fact] : undefined;
  const note = source ? SOURCE_NOTES[source] : undefined;
  return {
    id: question.id,
    label: `${worded(question, knownFacts(ctx).situation).topic}: ${answerLabel(question, ctx)}`,
    ...(note ? { hint: note.charAt(0).toUpperCase() + note.slice(1) } : {}),
  };
}

/** When Change re-opens a question whose answer is known, say what it is now. */
function currentValueNote(question: QuestionDef, ctx: FlowContext): string | undefined {
  if (ctx.reopen !== question.id || ctx.reopenedBy !== 'change') return undefined;
  if (!MAIN_QUESTIONS_IN_ORDER.includes(question)) return undefined;
  const source = question.fact ? knownFacts(ctx).sources[question.fact] : undefined;
  const note = source ? SOURCE_NOTES[source] : undefined;
  return `Now: ${answerLabel(question, ctx)}${note ? ` (${note})` : ''}.`;
}

function symptomLines(symptom: { lineNumbers?: number[] }): { lineNumbers?: number[] } {
  return symptom.lineNumbers ? { lineNumbers: symptom.lineNumbers } : {};
}
