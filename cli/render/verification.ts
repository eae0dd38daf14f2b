// What the evidence settled and each required connection's verdict, for the terminal (Diagnosis.verification).
import type { Verification } from '../../knowledge/model.ts';
import { type Painter, painter } from './text.ts';

const WORD = { allow: 'ALLOW', deny: 'DENY', unknown: 'UNKNOWN', 'not-checked': 'NOT CHECKED' } as const;
const STYLE = { allow: 'green', deny: 'red', unknown: 'yellow', 'not-checked': 'dim' } as const;

export function renderVerification(v: Verification, paint: Painter = painter(false)): string {
  const lines = [paint('bold', 'Checked against the evidence')];
  lines.push(`  files: ${v.files.map((f) => `${f.file} (${f.kinds.join(', ')})`).join('; ')}`);
  for (const fact of v.facts) {
    lines.push(`  ${fact.field} = ${fact.value}: ${fact.detail} [from ${fact.from.join(', ')}]`);
  }
  const width = Math.max(...v.connections.map((c) => WORD[c.verdict].length));
  for (const { connection: c, verdict, reason, check } of v.connections) {
    const word = paint(STYLE[verdict], WORD[verdict].padEnd(width));
    lines.push(`  ${word}  ${c.from} -> ${c.to} ${c.protocol.toUpperCase()} ${c.port}: ${reason}`);
    if (check?.fix) lines.push(`  ${' '.repeat(width)}  fix: ${check.fix}`);
  }
  for (const note of v.notes) lines.push(paint('dim', `  note: ${note}`));
  return lines.join('\n');
}
