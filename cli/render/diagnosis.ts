// The whole Diagnosis for people: findings, option, why, required flows, steps, snippets, references, assumptions, symptom.
import { optionTitle } from '../../knowledge/index.ts';
import type { Diagnosis, Finding } from '../../knowledge/model.ts';
import { renderSymptom } from './symptom.ts';
import { indent, type Painter, painter } from './text.ts';
import { renderVerification } from './verification.ts';

export { renderSymptom };

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

/** `file:line  CCN00x  severity  message` — the linter line, greppable and clickable in editors. */
function renderFindingLine(finding: Finding, file: string, paint: Painter = painter(false)): string {
  const where = finding.line === undefined ? file : `${file}:${finding.line}`;
  const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity);
  return `${where}  ${finding.rule}  ${severity}  ${finding.message}`;
}

export function renderFindings(findings: readonly Finding[], file: string, paint: Painter): string {
  return findings
    .map((f) => `${renderFindingLine(f, file, paint)}\n${indent(paint('dim', `fix: ${f.fix}`), '    ')}`)
    .join('\n');
}

export interface RenderOptions {
  color: boolean;
  /** File name to prefix finding lines with; the findings block is omitted when there are none. */
  file?: string;
}

export function renderDiagnosis(d: Diagnosis, opts: RenderOptions): string {
  const paint = painter(opts.color);
  const { recommendation: r } = d;
  const blocks: string[] = [];
  const heading = (text: string) => paint('bold', text);

  if (d.findings.length > 0) {
    blocks.push(
      `${heading('Findings')}\n${indent(renderFindings(d.findings, opts.file ?? 'template', paint))}`,
    );
  }
  if (d.symptom) blocks.push(renderSymptom(d.symptom, paint));

  blocks.push(
    `${heading('Recommendation:')} ${paint('green', optionTitle(r.option))} (${r.option})\n${indent(r.title)}`,
  );
  if (r.why.length > 0) blocks.push(`${heading('Why')}\n${r.why.map((w) => `  - ${w}`).join('\n')}`);
  if (r.connections.length > 0) {
    const rows = r.connections.map((f) => [
      f.from,
      '->',
      f.to,
      `${f.protocol.toUpperCase()} ${f.port}`,
      f.purpose,
    ]);
    blocks.push(`${heading('Required flows')}\n${indent(table(rows))}`);
  }
  if (r.steps.length > 0) {
    blocks.push(`${heading('Steps')}\n${r.steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`);
  }
  for (const snippet of r.snippets) {
    blocks.push(
      `${heading(`${snippet.title}`)} ${paint('dim', `(${snippet.language})`)}\n${indent(snippet.code)}`,
    );
  }
  if (d.topology && d.topology.nodes.length > 0) {
    const rows = d.topology.nodes.map((n) => [
      `${n.kind} ${n.name}${n.abstract ? ' (abstract)' : ''}`,
      `line ${n.line}`,
      `proxy: ${String(n.returnProxy)}`,
      `os: ${n.os}`,
      `public IP: ${String(n.publicIp)}`,
      `subnet: ${n.subnet ?? '-'}`,
    ]);
    blocks.push(`${heading(`Cluster ${d.topology.cluster ?? '(unnamed)'}`)}\n${indent(table(rows))}`);
  }
  if (r.references.length > 0) {
    blocks.push(
      `${heading('References')}\n${r.references.map((ref) => `  - [${ref.source}] ${ref.title}: ${ref.path}`).join('\n')}`,
    );
  }
  if (d.verification) blocks.push(renderVerification(d.verification, paint));
  if (d.assumptions.length > 0) {
    blocks.push(`${heading('Assumptions')}\n${d.assumptions.map((a) => `  - ${a}`).join('\n')}`);
  }
  return `${blocks.join('\n\n')}\n`;
}

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
