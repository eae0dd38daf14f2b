// Template findings as lines: severity, rule id, line number, node, message and fix.
import type { Finding, Severity } from '../../knowledge/model.ts';
import { escapeText, inlineCode } from '../escape.ts';

const ICON: Record<Severity, string> = {
  error: ':red_circle:',
  warning: ':large_yellow_circle:',
  info: ':large_blue_circle:',
};

export function findingLine(f: Finding): string {
  const where = [f.line !== undefined ? `line ${f.line}` : '', f.node !== undefined ? inlineCode(f.node) : '']
    .filter((s) => s.length > 0)
    .join(' · ');
  const head = `${ICON[f.severity]} *${f.rule}*${where.length > 0 ? ` · ${where}` : ''} — ${escapeText(f.message)}`;
  return f.fix.length > 0 ? `${head}\n      _Fix:_ ${escapeText(f.fix)}` : head;
}

/** Plain text for a findings file: no mrkdwn, one finding per paragraph. */
export function findingsText(findings: readonly Finding[], fileName?: string): string {
  const lines = findings.map((f) => {
    const where = [f.line !== undefined ? `line ${f.line}` : '', f.node ?? ''].filter((s) => s.length > 0).join(', ');
    return `${f.severity.toUpperCase()} ${f.rule}${where.length > 0 ? ` (${where})` : ''}: ${f.message}\n  Fix: ${f.fix}`;
  });
  return `${fileName !== undefined ? `Findings for ${fileName}\n\n` : ''}${lines.join('\n\n')}\n`;
}

export function countBySeverity(findings: readonly Finding[]): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const parts = [
    [n('error'), 'error'],
    [n('warning'), 'warning'],
    [n('info'), 'note'],
  ] as const;
  const said = parts.filter(([k]) => k > 0).map(([k, w]) => `${k} ${w}${k === 1 ? '' : 's'}`);
  return said.length > 0 ? said.join(', ') : 'no findings';
}
