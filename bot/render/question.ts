// A question with a button per choice, and the same question once answered (choice and who made it, no buttons).
import type { AnsweredQuestion } from '../../flows/turn.ts';
import type { Choice, Reply } from '../../flows/types.ts';
import { actionId } from '../slack/action-ids.ts';
import { escapeText, mention } from '../slack/escape.ts';
import { encodeButtonValue } from '../slack/payload.ts';
import {
  actions,
  type ButtonElement,
  button,
  fallback,
  type Rendered,
  type SelectElement,
  section,
  sections,
  staticSelect,
} from './blocks.ts';
import { LIMITS } from './limits.ts';

type Question = Extract<Reply, { kind: 'question' }>;

/** Start over clears everyone's answers in the thread, so Slack asks first. */
const START_OVER_CONFIRM = {
  title: 'Start over?',
  text: 'This clears every answer in this check, for everyone in the thread, and asks the first question again.',
  confirm: 'Start over',
  deny: 'Keep the answers',
};

/** Back and Start over; on the first question there is nothing to go back to or start over from. */
function navButtons(sessionId: string, version: number, canGoBack: boolean): ButtonElement[] {
  if (!canGoBack) return [];
  return [backButton(sessionId, version), restartButton(sessionId, version)];
}

export function backButton(sessionId: string, version: number): ButtonElement {
  const value = encodeButtonValue({ s: sessionId, v: version });
  return button({ text: '← Back', actionId: actionId('back'), value });
}

export function restartButton(sessionId: string, version: number): ButtonElement {
  const value = encodeButtonValue({ s: sessionId, v: version });
  return button({ text: 'Start over', actionId: actionId('restart'), value, confirm: START_OVER_CONFIRM });
}

/** One "Change an answer" drop-down instead of a button per answer; options whose value is too long are left out. */
export function changeSelect(
  sessionId: string,
  version: number,
  changeable: readonly Choice[],
): SelectElement | undefined {
  const options = changeable.flatMap((c) => {
    const value = encodeButtonValue({ s: sessionId, v: version, q: c.id });
    if (value.length > LIMITS.optionValue) return [];
    return [{ text: c.label, value, ...(c.hint !== undefined ? { description: c.hint } : {}) }];
  });
  if (options.length === 0) return undefined;
  return staticSelect({ placeholder: 'Change an answer…', actionId: actionId('change'), options });
}

export function renderQuestion(reply: Question, version: number): Rendered {
  const hints = reply.choices
    .filter((c) => c.hint !== undefined && c.hint.length > 0)
    .map((c) => `• *${escapeText(c.label)}* — ${escapeText(c.hint ?? '')}`);
  const lines = [
    `*${escapeText(reply.text)}*`,
    ...(reply.hint !== undefined ? [escapeText(reply.hint)] : []),
    ...hints,
  ];
  const choices = reply.choices.map((c, i) =>
    button({
      text: c.label,
      actionId: actionId('choice', i),
      value: encodeButtonValue({ s: reply.sessionId, v: version, q: reply.questionId, c: c.id }),
    }),
  );
  return {
    text: fallback(escapeText(reply.text)),
    blocks: [
      ...sections(lines),
      ...actions('ccnet_choices', choices),
      ...actions('ccnet_nav', navButtons(reply.sessionId, version, reply.canGoBack)),
    ],
    overflow: [],
  };
}

/** The pressed question after the press: what was chosen and by whom, buttons gone. */
export function renderAnswered(answered: AnsweredQuestion): Rendered {
  const who = answered.by !== undefined ? mention(answered.by) : 'someone';
  const label = answered.label ?? '';
  const outcome: Record<AnsweredQuestion['action'], string> = {
    choice: `:white_check_mark: ${escapeText(label)} — ${who}`,
    back: `:leftwards_arrow_with_hook: ${who} went back`,
    restart: `:arrows_counterclockwise: ${who} started over`,
    change: `:pencil2: ${who} is changing an answer`,
  };
  const question = answered.text.length > 0 ? `*${escapeText(answered.text)}*\n` : '';
  const plain: Record<AnsweredQuestion['action'], string> = {
    choice: `answered: ${label}`,
    back: 'went back',
    restart: 'started over',
    change: 'changing an answer',
  };
  return {
    text: fallback(escapeText(`${answered.text} (${plain[answered.action]})`)),
    blocks: [section(`${question}${outcome[answered.action]}`)],
    overflow: [],
  };
}
