// A recognised (or not) error message: cause, checks, what it implies, and the way on.
import type { Reply } from '../../flows/types.ts';
import type { SymptomMatch } from '../../knowledge/model.ts';
import { actionId } from '../slack/action-ids.ts';
import { escapeText, inlineCode } from '../slack/escape.ts';
import { encodeButtonValue } from '../slack/payload.ts';
import { actions, type Block, button, context, fallback, type Rendered, sections } from './blocks.ts';

type SymptomReply = Extract<Reply, { kind: 'symptom' }>;

export function symptomBlocks(match: SymptomMatch): Block[] {
  const lines = match.recognised
    ? [`:mag: *Recognised:* ${escapeText(match.message ?? match.id)}`, `*Cause:* ${escapeText(match.cause)}`]
    : [`:grey_question: *Not a message I know.* ${escapeText(match.cause)}`];
  if (match.checks.length > 0) lines.push('*Check*', ...match.checks.map((c) => `• ${escapeText(c)}`));
  const blocks: Block[] = [...sections(lines)];
  const seen = [
    match.extracted.host !== undefined ? `host ${inlineCode(match.extracted.host)}` : '',
    match.extracted.port !== undefined ? `port ${match.extracted.port}` : '',
    match.extracted.url !== undefined ? `URL ${inlineCode(match.extracted.url)}` : '',
  ].filter((s) => s.length > 0);
  const notes = [
    seen.length > 0 ? `_In the message:_ ${seen.join(', ')}` : '',
    match.implications.length > 0 ? `_That tells me:_ ${match.implications.map(escapeText).join('; ')}` : '',
    match.references.length > 0
      ? `_Sources:_ ${match.references.map((r) => escapeText(r.title)).join(' · ')}`
      : '',
  ].filter((s) => s.length > 0);
  if (notes.length > 0) blocks.push(context(...notes));
  return blocks;
}

/** Choices become buttons only when the reply names the question they answer. */
export function renderSymptom(reply: SymptomReply, version: number): Rendered {
  const questionId = reply.questionId;
  const choices = questionId !== undefined ? reply.choices : [];
  const buttons = choices.map((c, i) =>
    button({
      text: c.label,
      actionId: actionId('choice', i),
      value: encodeButtonValue({ s: reply.sessionId, v: version, q: questionId, c: c.id }),
    }),
  );
  const m = reply.match;
  return {
    text: fallback(escapeText(m.recognised ? `Recognised: ${m.message ?? m.id}` : 'Not a message I know')),
    blocks: [...symptomBlocks(m), ...actions('ccnet_symptom', buttons)],
    overflow: [],
  };
}
