// The evidence part of a diagnosis in Slack: which fact came from which file, and each required connection with its
// verdict, the rule that decides it and the fix. Everything from a file is escaped; fixes are fenced code.
import type { Verification } from '../../knowledge/model.ts';
import { codeBlock, escapeText, inlineCode } from '../slack/escape.ts';
import { context, sections } from './blocks.ts';
import type { Part } from './fit.ts';

const MARK = {
  allow: ':white_check_mark:',
  deny: ':no_entry:',
  unknown: ':grey_question:',
  'not-checked': ':heavy_minus_sign:',
} as const;
const WORD = {
  allow: 'allowed',
  deny: 'denied',
  unknown: 'undetermined',
  'not-checked': 'not checked',
} as const;

export function verificationParts(v: Verification | undefined): Part[] {
  if (!v) return [];
  const lines = ['*Checked against your exports*'];
  for (const c of v.connections) {
    const conn = c.connection;
    lines.push(
      `${MARK[c.verdict]} ${escapeText(conn.from)} → ${escapeText(conn.to)} ${conn.protocol.toUpperCase()} ${conn.port}: *${WORD[c.verdict]}* — ${escapeText(c.reason)}`,
    );
    if (c.check?.fix) lines.push(codeBlock(c.check.fix));
  }
  const facts = v.facts.map(
    (f) =>
      `${escapeText(f.field)} = ${inlineCode(f.value)} (${escapeText(f.detail)}; from ${f.from.map(inlineCode).join(', ')})`,
  );
  const parts: Part[] = [{ blocks: sections(lines) }];
  if (facts.length > 0)
    parts.push({ blocks: [context(`_From the evidence:_ ${facts.join(' · ')}`)], drop: { rank: 2 } });
  if (v.notes.length > 0)
    parts.push({
      blocks: [context(`_Evidence notes:_ ${v.notes.map(escapeText).join('; ')}`)],
      drop: { rank: 3 },
    });
  return parts;
}
