// `--format compact`: `file:line:col: severity: message [CCN004]`, one finding a line, for editors and CI problem
// matchers. A finding about the whole file points at 1:1.
import { type LintReport, plural } from './types.ts';

export function formatCompact(report: LintReport): string {
  const lines = report.files.flatMap((file) =>
    file.findings.map(
      (f) => `${file.file}:${f.line ?? 1}:${f.column ?? 1}: ${f.severity}: ${oneLine(f.message)} [${f.rule}]`,
    ),
  );
  const s = report.summary;
  lines.push(
    `${plural(s.problems, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.info} info)`,
  );
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
