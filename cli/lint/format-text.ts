// `--format text`: stylish, as eslint prints it: the file once, then `line:col  severity  message  rule` sorted by
// line with the fix under each, and one summary line.
import { type Painter, painter } from '../render/text.ts';
import { type LintReport, plural, type Summary } from './types.ts';

const STYLE = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

export function formatText(report: LintReport, color: boolean): string {
  const paint = painter(color);
  const blocks: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    const width = Math.max(...file.findings.map((f) => place(f.line, f.column).length));
    const rows = file.findings.map((f) => {
      const where = place(f.line, f.column).padEnd(width);
      const severity = paint(STYLE[f.severity], f.severity.padEnd(7));
      const fixIndent = ' '.repeat(2 + width + 2 + 7 + 2);
      return `  ${paint('dim', where)}  ${severity}  ${f.message}  ${paint('dim', f.rule)}\n${fixIndent}${paint('dim', `fix: ${f.fix}`)}`;
    });
    blocks.push(`${paint('bold', file.file)}\n${rows.join('\n')}`);
  }
  blocks.push(summaryLine(report.summary, paint));
  return `${blocks.join('\n\n')}\n`;
}

function place(line: number | undefined, column: number | undefined): string {
  return line === undefined ? '-' : `${line}:${column ?? 1}`;
}

export function summaryLine(s: Summary, paint: Painter = painter(false)): string {
  const extras = [
    `${plural(s.files, 'file')} checked`,
    ...(s.suppressed > 0 ? [`${s.suppressed} suppressed by comments`] : []),
    ...(s.baselined > 0 ? [`${s.baselined} accepted by the baseline`] : []),
  ].join(', ');
  if (s.problems === 0) return `${paint('green', '✔ no problems')} (${extras})`;
  const line = `✖ ${plural(s.problems, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.info} info)`;
  return `${paint(s.errors > 0 ? 'red' : 'yellow', paint('bold', line))}\n  ${extras}`;
}
