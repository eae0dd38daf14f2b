// One typed line -> what the chat should do with it, given what is on screen.
// A number picks a choice; a path-like token is a template file; other text is an error message where one is
// expected or recognised, else a one-line reason.

import { ERROR_MESSAGE_QUESTION } from '../../flows/questions.ts';
import type { FlowEvent, Reply } from '../../flows/types.ts';
import { isEvidenceText } from '../../knowledge/evidence/index.ts';
import { matchSymptom } from '../../knowledge/index.ts';
import { PASTE_START } from './paste.ts';

export type ChatAction =
  | { kind: 'quit' }
  | { kind: 'help' }
  /** The whole answer of the diagnosis on screen. */
  | { kind: 'details' }
  /** The "change an answer" menu of the diagnosis on screen. */
  | { kind: 'changes' }
  | { kind: 'event'; event: FlowEvent }
  | { kind: 'file'; path: string }
  | { kind: 'invalid'; reason: string };

/** A line that may start or continue a pasted message: not a command, a number or a file path. */
export function isPasteText(line: string): boolean {
  if (line.includes(PASTE_START)) return true;
  const text = line.trim();
  if (text === '' || COMMANDS[text.toLowerCase()] !== undefined || /^\d+$/.test(text)) return false;
  return asPath(text) === null;
}

/** The reply the user is answering: a question, a symptom with choices, or a diagnosis with its change menu. */
export type View = Extract<Reply, { kind: 'question' | 'symptom' | 'diagnosis' }>;

const COMMANDS: Record<string, ChatAction> = {
  q: { kind: 'quit' },
  quit: { kind: 'quit' },
  exit: { kind: 'quit' },
  '?': { kind: 'help' },
  help: { kind: 'help' },
  d: { kind: 'details' },
  details: { kind: 'details' },
  c: { kind: 'changes' },
  change: { kind: 'changes' },
  b: { kind: 'event', event: { type: 'BACK' } },
  back: { kind: 'event', event: { type: 'BACK' } },
  r: { kind: 'event', event: { type: 'RESTART' } },
  restart: { kind: 'event', event: { type: 'RESTART' } },
};

export function interpretLine(line: string, view: View | null): ChatAction {
  const text = line.trim();
  const command = COMMANDS[text.toLowerCase()];
  if (command) return command;
  const count = view ? options(view).length : 0;
  if (text === '')
    return {
      kind: 'invalid',
      reason:
        count > 0
          ? `Type a number from 1 to ${count}, or ? for help.`
          : 'Type r to start over, q to quit, or ? for help.',
    };
  if (/^\d+$/.test(text)) return pickNumber(Number(text), view);
  // Probe output or a pasted export: evidence, read before the error-message matcher.
  if (isEvidenceText(text))
    return { kind: 'event', event: { type: 'EVIDENCE', fileName: 'pasted text', text } };
  const path = asPath(text);
  if (path !== null) return { kind: 'file', path };
  // Several lines are a paste, never an answer: an unrecognised log still gets the general checklist.
  if (expectsMessage(view) || text.includes('\n') || matchSymptom(text).recognised) {
    return { kind: 'event', event: { type: 'SYMPTOM', text } };
  }
  return {
    kind: 'invalid',
    reason: `Not a choice, a file or a known error message. ${count > 0 ? `Type 1 to ${count}, ` : 'Type '}b, r, q or ? for help.`,
  };
}

function options(view: View) {
  return view.kind === 'diagnosis' ? view.changeable : view.choices;
}

function pickNumber(n: number, view: View | null): ChatAction {
  const list = view ? options(view) : [];
  // A number that is no position but a choice's own id (7 or 8 at the version question) means that choice.
  const choice =
    list[n - 1] ?? (view?.kind === 'question' ? list.find((c) => c.id === String(n)) : undefined);
  if (!view || !choice) {
    return {
      kind: 'invalid',
      reason:
        list.length > 0 ? `Choose a number from 1 to ${list.length}.` : 'There is nothing to choose here.',
    };
  }
  if (view.kind === 'diagnosis') return { kind: 'event', event: { type: 'CHANGE', questionId: choice.id } };
  const questionId = view.questionId;
  if (questionId === undefined) return { kind: 'invalid', reason: 'There is nothing to choose here.' };
  return { kind: 'event', event: { type: 'ANSWER', questionId, choiceId: choice.id } };
}

/** At the "paste the error message" step, and after a shown message, any text is a message. */
function expectsMessage(view: View | null): boolean {
  if (!view) return false;
  return (view.kind === 'question' && view.questionId === ERROR_MESSAGE_QUESTION) || view.kind === 'symptom';
}

/** A single token (or a quoted string) that looks like a file path: has a slash, or a file extension. */
function asPath(text: string): string | null {
  // A quoted path holds no quote of its own: `"Detail" : "see /opt/…log"` is a JSON line of a pasted error.
  const quoted = /^(['"])([^'"]+)\1$/.exec(text);
  const candidate = quoted?.[2] ?? text;
  if (!quoted && /\s/.test(candidate)) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(candidate)) return null;
  return /[\\/]/.test(candidate) || /\.[A-Za-z0-9]{1,10}$/.test(candidate) || candidate.startsWith('~')
    ? candidate
    : null;
}
