// A question with a button per choice, and the same question once answered (choice and who made it, no buttons).
import type { AnsweredQuestion } from '../../flows/turn.ts';
import type { Reply } from '../../flows/types.ts';
import { actionId } from '../slack/action-ids.ts';
import { escapeText, mention } from '../slack/escape.ts';
import { encodeButtonValue } from '../slack/payload.ts';
import { actions, type ButtonElement, button, fallback, type Rendered, section, sections } from './blocks.ts';

type Question = Extract<Reply, { kind: 'question' }>;

function navButtons(sessionId: string, version: number, canGoBack: boolean): ButtonElement[] {
  const value = encodeButtonValue({ s: sessionId, v: version });
  const back = button({ text: '← Back', actionId: actionId('back'), value });
  const restart = button({ text: 'Start over', actionId: actionId('restart'), value });
  return canGoBack ? [back, restart] : [restart];
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
