// A recognised (or not) error message: cause, checks, what it implies, and the way on.
import type { Reply } from '../../flows/types.ts';
import type { SymptomMatch } from '../../knowledge/model.ts';
import type { Problem } from '../../knowledge/symptoms/schema.ts';
import { actionId } from '../slack/action-ids.ts';
import { codeBlock, escapeText, inlineCode, truncate } from '../slack/escape.ts';
import { encodeButtonValue } from '../slack/payload.ts';
import { actions, type Block, button, context, fallback, type Rendered, sections } from './blocks.ts';

type SymptomReply = Extract<Reply, { kind: 'symptom' }>;

/** Quoted lines of a paste are cut to this many characters each in Slack. */
const QUOTE_CHARS = 200;

export function symptomBlocks(match: SymptomMatch): Block[] {
  const problems = match.problems ?? [];
  const lines: string[] = [];
  if (!match.recognised) {
    lines.push(`:grey_question: *Not recognised.* I do not guess a cause: here is the general checklist.`);
    lines.push('*Check*', ...match.checks.map((c) => `• ${escapeText(c)}`));
  } else if (problems.length === 0) {
    lines.push(
      `:mag: *Known message:* ${escapeText(match.message ?? match.id)}`,
      `*Cause:* ${escapeText(match.cause)}`,
    );
    lines.push('*Check*', ...match.checks.map((c) => `• ${escapeText(c)}`));
  } else {
    if (problems.length > 1) lines.push(`*${problems.length} problems in this paste*, most telling first.`);
    problems.forEach((p, i) => {
      lines.push(...problemLines(p, problems.length > 1 ? i + 1 : 0));
    });
  }
  const blocks: Block[] = [...sections(lines)];
  const seen = seenIn(match.extracted);
  const notes = [
    !match.recognised && seen.length > 0 ? `_In the message:_ ${seen.join(', ')}` : '',
    match.implications.length > 0 ? `_That tells me:_ ${match.implications.map(escapeText).join('; ')}` : '',
    ...(match.notes ?? []).map((n) => `_${escapeText(n)}_`),
    match.references.length > 0
      ? `_Sources:_ ${match.references.map((r) => link(r.url, r.title)).join(' · ')}`
      : '',
  ].filter((s) => s.length > 0);
  if (notes.length > 0) blocks.push(context(...notes.slice(0, 10)));
  return blocks;
}

function problemLines(p: Problem, number: number): string[] {
  const n = number > 0 ? `${number}. ` : '';
  const lines = [
    p.layer === 'known'
      ? `:mag: ${n}*Recognised:* ${escapeText(p.message ?? p.id)} _(known message)_`
      : `:large_orange_diamond: ${n}*${escapeText(capitalise(p.headline))}* _(error class, not certain)_`,
  ];
  if (p.lines.length > 0) {
    const quoted = p.lines.map((l) => `${l.line}: ${truncate(l.text, QUOTE_CHARS)}`).join('\n');
    lines.push(codeBlock(p.repeats > 0 ? `${quoted}\n… and ${p.repeats} more line(s) like these` : quoted));
  }
  lines.push(`*${p.certain ? 'Cause' : 'Likely cause'}:* ${escapeText(p.cause)}`);
  const seen = seenIn(p.extracted);
  if (seen.length > 0) lines.push(`_In the message:_ ${seen.join(', ')}`);
  // The first problem gets every check; the others their first two, to keep the reply short.
  const checks = number > 1 ? p.checks.slice(0, 2) : p.checks;
  lines.push('*Check*', ...checks.map((c) => `• ${escapeText(c)}`));
  return lines;
}

function seenIn(e: SymptomMatch['extracted']): string[] {
  return [
    e.url !== undefined
      ? `URL ${inlineCode(e.url)}`
      : e.host !== undefined
        ? `host ${inlineCode(e.host)}`
        : '',
    e.port !== undefined && e.url === undefined ? `port ${e.port}` : '',
    e.status !== undefined ? `HTTP ${e.status}` : '',
    e.action !== undefined ? `action ${inlineCode(e.action)}` : '',
    e.namespace !== undefined ? `namespace ${inlineCode(e.namespace)}` : '',
  ].filter((s) => s.length > 0);
}

function link(url: string, title: string): string {
  return /^https:\/\/[^\s|<>]+$/.test(url)
    ? `<${url}|${escapeText(title).replace(/[|]/g, '/')}>`
    : escapeText(title);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
    text: fallback(
      escapeText(
        m.recognised
          ? `${m.layer === 'known' ? 'Recognised' : 'Error class'}: ${m.message ?? m.headline ?? m.id}`
          : 'Not recognised',
      ),
    ),
    blocks: [...symptomBlocks(m), ...actions('ccnet_symptom', buttons)],
    overflow: [],
  };
}
