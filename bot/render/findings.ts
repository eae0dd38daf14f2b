// Template findings as lines: severity, rule id, line number, node, message and fix.
import { countSeverities, type Finding, type Severity } from '../../knowledge/model.ts';
import { escapeText, inlineCode } from '../slack/escape.ts';
import { context, type Overflow, sections } from './blocks.ts';
import type { Part } from './fit.ts';

/** Findings shown in a message; all of them go to a file past this. */
const MAX_INLINE_FINDINGS = 15;

const ICON: Record<Severity, string> = {
  error: ':red_circle:',
  warning: ':large_yellow_circle:',
  info: ':large_blue_circle:',
};

/** The severity in words beside its emoji: colour alone says nothing to a screen reader or a colour-blind eye. */
const SEVERITY_WORD: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/** `cite`: links to the rule's sources, shown after the fix. */
export function findingLine(f: Finding, cite: (f: Finding) => string = () => ''): string {
  const where = [f.line !== undefined ? `line ${f.line}` : '', f.node !== undefined ? inlineCode(f.node) : '']
    .filter((s) => s.length > 0)
    .join(' · ');
  const head = `${ICON[f.severity]} ${SEVERITY_WORD[f.severity]} · *${f.rule}*${where.length > 0 ? ` · ${where}` : ''} — ${escapeText(f.message)}`;
  return f.fix.length > 0 ? `${head}\n      _Fix:_ ${escapeText(f.fix)}${cite(f)}` : `${head}${cite(f)}`;
}

/** Plain text for a findings file: no mrkdwn, one finding per paragraph. */
function findingsText(findings: readonly Finding[], fileName?: string): string {
  const lines = findings.map((f) => {
    const where = [f.line !== undefined ? `line ${f.line}` : '', f.node ?? '']
      .filter((s) => s.length > 0)
      .join(', ');
    return `${f.severity.toUpperCase()} ${f.rule}${where.length > 0 ? ` (${where})` : ''}: ${f.message}\n  Fix: ${f.fix}`;
  });
  return `${fileName !== undefined ? `Findings for ${fileName}\n\n` : ''}${lines.join('\n\n')}\n`;
}

export function countBySeverity(findings: readonly Finding[]): string {
  const n = countSeverities(findings);
  const parts = [
    [n.error, 'error'],
    [n.warning, 'warning'],
    [n.info, 'note'],
  ] as const;
  const said = parts.filter(([k]) => k > 0).map(([k, w]) => `${k} ${w}${k === 1 ? '' : 's'}`);
  return said.length > 0 ? said.join(', ') : 'no findings';
}

/**
 * Findings as message parts: the first few inline (droppable as a whole when the message is full), and every finding
 * in a file when there are more than fit inline.
 */
export function findingsParts(
  findings: readonly Finding[],
  filename: string,
  heading: string,
  options: { fileName?: string; cite?: (f: Finding) => string } = {},
): { parts: Part[]; files: Overflow[] } {
  const { fileName, cite } = options;
  if (findings.length === 0) return { parts: [], files: [] };
  const file: Overflow = {
    filename,
    title: fileName !== undefined ? `Findings for ${fileName}` : 'Template findings',
    content: findingsText(findings, fileName),
    snippetType: 'text',
  };
  const shown = findings.slice(0, MAX_INLINE_FINDINGS);
  const more = findings.length - shown.length;
  const lines = [`${heading} (${countBySeverity(findings)})`, ...shown.map((f) => findingLine(f, cite))];
  const blocks = [
    ...sections(lines),
    ...(more > 0 ? [context(`_…and ${more} more in ${inlineCode(filename)}._`)] : []),
  ];
  return { parts: [{ blocks, drop: { rank: 2, overflow: file } }], files: more > 0 ? [file] : [] };
}
