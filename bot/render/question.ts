// A question with a button per choice, and the same question once answered (choice and who made it, no buttons).
import type { Reply } from '../../flows/types.ts';
import { actionId } from '../slack/action-ids.ts';
import { escapeText, mention } from '../slack/escape.ts';
import { encodeButtonValue } from '../slack/payload.ts';
import { actions, type ButtonElement, button, fallback, type Rendered, section, sections } from './blocks.ts';

type Question = Extract<Reply, { kind: 'question' }>;

export function navButtons(sessionId: string, version: number, canGoBack: boolean): ButtonElement[] {
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

export type AnswerKind = 'choice' | 'back' | 'restart' | 'change';

/** The clicked question after the click: what was chosen and by whom, buttons gone. */
export function renderAnswered(input: {
  questionText: string;
  label: string;
  userId: string;
  kind: AnswerKind;
}): Rendered {
  const who = mention(input.userId);
  const outcome: Record<AnswerKind, string> = {
    choice: `:white_check_mark: ${escapeText(input.label)} — ${who}`,
    back: `:leftwards_arrow_with_hook: ${who} went back`,
    restart: `:arrows_counterclockwise: ${who} started over`,
    change: `:pencil2: ${who} is changing an answer`,
  };
  const question = input.questionText.length > 0 ? `*${escapeText(input.questionText)}*\n` : '';
  const plain: Record<AnswerKind, string> = {
    choice: `answered: ${input.label}`,
    back: 'went back',
    restart: 'started over',
    change: 'changing an answer',
  };
  return {
    text: fallback(escapeText(`${input.questionText} (${plain[input.kind]})`)),
    blocks: [section(`${question}${outcome[input.kind]}`)],
    overflow: [],
  };
}
