// What a flow remembers between interactions. It is persisted with the xstate snapshot, so it holds only what
// cannot be recomputed: answers and the facts other sources gave. The Diagnosis is always recomputed.
import type { Situation } from '../knowledge/model.ts';
import type { StoredEvidence } from './evidence.ts';
import type { QuestionId } from './questions.ts';
import type { EntryPoint } from './types.ts';

export interface FlowContext {
  /** Entry chosen by the adapter at start; null asks the entry question. */
  entry: EntryPoint | null;
  /** Facts from the team profile, fixed at start. */
  profile: Partial<Situation>;
  /** Facts the adapter passed at start (e.g. a CLI --situation file). */
  given: Partial<Situation>;
  /** Choice id per answered question. */
  answers: Partial<Record<QuestionId, string>>;
  /** Answered questions, oldest first: Back undoes the last one. */
  history: QuestionId[];
  /** A question asked again by Back or Change, even when its fact is known. */
  reopen: QuestionId | null;
  /** Back re-asks an undone answer; Change re-asks a kept one, and Back then cancels the change. */
  reopenedBy: 'back' | 'change' | null;
  /** The last pasted error message and the facts all pasted messages revealed. */
  /** lineNumbers: the original line numbers of `text` when it is the condensed copy of a long paste. */
  symptom: { text: string; facts: Partial<Situation>; lineNumbers?: number[] } | null;
  /**
   * The last uploaded template: the key its text is stored under (flows/templates.ts) and the facts it gave.
   * Findings depend on the situation, so they are recomputed from the stored text.
   */
  template: { fileName: string; sha256: string; facts: Partial<Situation> } | null;
  /** Evidence files (az exports, probe output), compressed; absent in sessions from before evidence existed. */
  evidence?: StoredEvidence[] | null;
}

export interface FlowInput {
  entry?: EntryPoint;
  profile?: Partial<Situation>;
  given?: Partial<Situation>;
}

export function initialContext(input: FlowInput): FlowContext {
  return {
    entry: input.entry ?? null,
    profile: input.profile ?? {},
    given: input.given ?? {},
    answers: {},
    history: [],
    reopen: null,
    reopenedBy: null,
    symptom: null,
    template: null,
    evidence: null,
  };
}

/** A Change is open: Back cancels it. */
export function changePending(ctx: FlowContext): boolean {
  return ctx.reopen !== null && ctx.reopenedBy === 'change';
}

/** Whether Back would do something (undo the last answer, or cancel a Change): adapters offer it only then. */
export function canGoBack(ctx: FlowContext): boolean {
  return ctx.history.length > 0 || changePending(ctx);
}
