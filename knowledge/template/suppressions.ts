// Inline suppressions in templates, as linters have them:
//   # ccnet-disable-next-line CCN004, CCN007 -- reason    the next line that is not blank or a comment
//   # ccnet-disable CCN005 -- reason                        the whole file
// A directive that suppresses nothing is reported (CCN120), and so is one ccnet cannot read (CCN121), so stale
// comments do not pile up. `#` lines inside ''' or """ values are text, not directives.
import type { Finding } from '../model.ts';
import { PARSER_RULE_BY_ID, type ParserRuleId } from './rules.ts';

export interface Suppression {
  /** The directive's own line. */
  line: number;
  scope: 'next-line' | 'file';
  /** The line it applies to (next-line only); undefined when nothing follows it. */
  target?: number;
  rules: string[];
  reason?: string;
}

export interface Suppressed {
  /** Findings that stand, with the problems found in the directives themselves (CCN120, CCN121). */
  findings: Finding[];
  /** Findings a directive silenced. */
  suppressed: Finding[];
}

const DIRECTIVE = /^#\s*ccnet-(disable-next-line|disable)(?=\s|$)(.*)$/;
const RULE_ID = /^CCN\d{3}$/;

export function findSuppressions(
  text: string,
  knownRules: ReadonlySet<string>,
): { suppressions: Suppression[]; problems: Finding[] } {
  const suppressions: Suppression[] = [];
  const problems: Finding[] = [];
  const waiting: Suppression[] = [];
  let quote: string | null = null;
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const trimmed = (lines[i] ?? '').trim();
    if (quote !== null) {
      if (trimmed.includes(quote)) quote = null;
      continue;
    }
    if (trimmed.startsWith('#')) {
      const directive = DIRECTIVE.exec(trimmed);
      if (directive) {
        const parsed = parseDirective(directive, line, knownRules, problems);
        if (parsed?.scope === 'next-line') waiting.push(parsed);
        if (parsed) suppressions.push(parsed);
      }
      continue;
    }
    if (trimmed === '') continue;
    for (const s of waiting.splice(0)) s.target = line;
    quote = opensMultiLine(trimmed);
  }
  return { suppressions, problems };
}

function parseDirective(
  match: RegExpExecArray,
  line: number,
  knownRules: ReadonlySet<string>,
  problems: Finding[],
): Suppression | null {
  const scope = match[1] === 'disable' ? 'file' : 'next-line';
  const [list = '', ...reasonParts] = (match[2] ?? '').split(/\s--\s?/);
  const reason = reasonParts.join(' -- ').trim();
  const words = list.split(/[\s,]+/).filter((w) => w.length > 0);
  const name = `ccnet-${match[1]}`;
  if (words.length === 0) {
    problems.push(
      problem('CCN121', line, `# ${name} on line ${line} names no rule, so it suppresses nothing.`),
    );
    return null;
  }
  const rules: string[] = [];
  for (const word of words) {
    const id = word.toUpperCase();
    if (RULE_ID.test(id) && knownRules.has(id)) rules.push(id);
    else {
      problems.push(
        problem('CCN121', line, `# ${name} on line ${line} names "${word}", which is not a ccnet rule id.`),
      );
    }
  }
  if (rules.length === 0) return null;
  return { line, scope, rules, ...(reason ? { reason } : {}) };
}

/** The closing delimiter when a `Key = '''…` value stays open past this line. */
function opensMultiLine(trimmed: string): string | null {
  for (const delimiter of ["'''", '"""']) {
    const at = trimmed.indexOf(delimiter);
    if (at === -1) continue;
    return trimmed.indexOf(delimiter, at + 3) === -1 ? delimiter : null;
  }
  return null;
}

/** Applies the directives to the findings of one file; reports every rule id a directive named in vain. */
export function applySuppressions(
  findings: readonly Finding[],
  found: ReturnType<typeof findSuppressions>,
): Suppressed {
  const used = new Set<string>();
  const key = (s: Suppression, rule: string) => `${s.line}:${rule}`;
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const by = found.suppressions.find(
      (s) =>
        s.rules.includes(f.rule) && (s.scope === 'file' || (s.target !== undefined && s.target === f.line)),
    );
    if (by) {
      used.add(key(by, f.rule));
      suppressed.push(f);
    } else kept.push(f);
  }
  const unused: Finding[] = [];
  for (const s of found.suppressions) {
    for (const rule of s.rules) {
      if (used.has(key(s, rule))) continue;
      const where =
        s.scope === 'file'
          ? 'anywhere in this file'
          : s.target === undefined
            ? 'after it (no line follows)'
            : `on line ${s.target}`;
      unused.push(
        problem(
          'CCN120',
          s.line,
          `# ccnet-${s.scope === 'file' ? 'disable' : 'disable-next-line'} ${rule} on line ${s.line} suppresses nothing: ${rule} reports nothing ${where}.`,
        ),
      );
    }
  }
  return { findings: [...kept, ...found.problems, ...unused], suppressed };
}

function problem(rule: ParserRuleId, line: number, message: string): Finding {
  const def = PARSER_RULE_BY_ID[rule];
  return { rule, severity: def.severity, message, line, fix: def.fix };
}
