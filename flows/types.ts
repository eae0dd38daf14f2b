// What flows hand to adapters (bot/render, cli/render) and take back from them. Plain data: no Slack, no terminal.
import type { CcnetCode } from '../knowledge/errors.ts';
import type { ProbeResult } from '../knowledge/evidence/index.ts';
import type { Diagnosis, Finding, Situation, SituationKey, SymptomMatch } from '../knowledge/model.ts';

export interface Choice {
  /** Stable id: adapters put it on buttons / numbered lines and send it back unchanged. */
  id: string;
  label: string;
  /** One line where the difference between choices is not obvious. */
  hint?: string;
}

/** Where a known fact came from; the diagnosis says which came from the team profile. */
export type FactSource = 'answer' | 'template' | 'profile' | 'symptom' | 'situation' | 'evidence';

export type Reply =
  | {
      kind: 'question';
      sessionId: string;
      /** Stable id of the question (also the Situation key it fills, where it fills one). */
      questionId: string;
      text: string;
      hint?: string;
      choices: Choice[];
      /** Back would undo an answer or cancel a Change; adapters offer it only then. */
      canGoBack: boolean;
    }
  | {
      kind: 'diagnosis';
      sessionId: string;
      diagnosis: Diagnosis;
      situation: Situation;
      /** Each known fact and where it came from, for "from your team profile" notes. */
      sources: Partial<Record<SituationKey, FactSource>>;
      /** Answers the user may change from the diagnosis (question ids). */
      changeable: Choice[];
      /** False when no question was answered (facts from a template, evidence, the profile or flags): no Back then. */
      canGoBack: boolean;
    }
  | {
      kind: 'symptom';
      sessionId: string;
      match: SymptomMatch;
      /** e.g. "Continue with the guided check" once the message revealed facts. */
      choices: Choice[];
      /** Set when `choices` is not empty: the ANSWER for a choice carries this question id. */
      questionId?: string;
    }
  | {
      kind: 'template';
      sessionId: string;
      fileName: string;
      findings: Finding[];
      /** Situation facts the template answered. */
      learned: Partial<Situation>;
    }
  | {
      kind: 'evidence';
      sessionId: string;
      fileName: string;
      /** The kinds of export read from it (vnet, nsg, …, probe). */
      kinds: string[];
      /** Situation facts the evidence answered, so far. */
      learned: Partial<Situation>;
      /** A probe block, read link by link. */
      probe?: ProbeResult;
      notes: string[];
    }
  | {
      kind: 'notice';
      sessionId: string | null;
      level: 'info' | 'error';
      /** Stable code for logs and tests, e.g. SESSION_EXPIRED. */
      code: CcnetCode;
      text: string;
    };

export type FlowEvent =
  | { type: 'ANSWER'; questionId: string; choiceId: string }
  | { type: 'BACK' }
  | { type: 'RESTART' }
  /** Re-open one answered question from the diagnosis. */
  | { type: 'CHANGE'; questionId: string }
  | { type: 'TEMPLATE'; fileName: string; text: string }
  /** az exports or ccnet probe output, from a file or pasted. */
  | { type: 'EVIDENCE'; fileName: string; text: string }
  | { type: 'SYMPTOM'; text: string };

export type EntryPoint = 'main' | 'symptom' | 'user-access';
