// A matched paste for the terminal: which layer matched (known message, error class, not recognised), the decisive
// lines with their numbers, the cause (certain or likely), what the text named, the checks, the other problems, and
// the URLs of the pages all that comes from.
import type { SymptomMatch } from '../../knowledge/model.ts';
import type { Problem } from '../../knowledge/symptoms/schema.ts';
import { type Painter, wrap } from './text.ts';

/** Prose wraps at 80 columns, as `diagnose` does; the quoted log lines, commands and URLs stay whole. */
const WIDTH = 80;
const prose = (text: string) => wrap(text, WIDTH, '  ');

export function renderSymptom(symptom: SymptomMatch, paint: Painter): string {
  const lines: string[] = [];
  const problems = symptom.problems ?? [];
  if (!symptom.recognised) {
    lines.push(paint('bold', 'Not a known error message: ccnet does not guess a cause.'));
  } else if (problems.length > 1) {
    lines.push(paint('bold', `${problems.length} problems in this paste, most telling first.`));
  }
  const first = problems[0];
  if (symptom.recognised && first) {
    lines.push(...renderProblem(first, paint, problems.length > 1 ? 1 : 0));
  } else if (symptom.recognised) {
    lines.push(prose(`${paint('bold', 'Error message recognised:')} ${symptom.message ?? symptom.id}`));
    lines.push(prose(`Cause: ${symptom.cause}`));
    lines.push(...checks(symptom.checks, 'Check:'));
  }
  for (const implication of symptom.implications) lines.push(prose(`Means: ${implication}`));
  if (!symptom.recognised) {
    const seen = seenIn(symptom.extracted);
    if (seen.length > 0) lines.push(`From the message: ${seen.join(', ')}`);
    lines.push(...checks(symptom.checks, 'General checklist:'));
  }
  problems.slice(1).forEach((p, i) => {
    lines.push('', ...renderProblem(p, paint, i + 2));
  });
  for (const note of symptom.notes ?? []) lines.push(paint('dim', prose(`Note: ${note}`)));
  // Where the cause and the checks come from, as URLs a terminal can open.
  const urls = [...new Set(symptom.references.map((r) => r.url))];
  if (urls.length > 0) lines.push('Sources:', ...urls.map((url) => `  ${url}`));
  return lines.join('\n');
}

function renderProblem(p: Problem, paint: Painter, number: number): string[] {
  const prefix = number > 0 ? `${number}. ` : '';
  const lines: string[] = [];
  if (p.layer === 'known') {
    lines.push(prose(`${prefix}${paint('bold', 'Error message recognised:')} ${p.message ?? p.id}`));
  } else {
    lines.push(
      prose(
        `${prefix}${paint('bold', capitalise(p.headline))} ${paint('dim', '(error class: not certain)')}`,
      ),
    );
  }
  for (const quoted of p.lines) lines.push(paint('dim', `  line ${quoted.line}: ${quoted.text}`));
  if (p.repeats > 0) lines.push(paint('dim', `  … and ${p.repeats} more line(s) like these`));
  lines.push(prose(p.certain ? `Cause: ${p.cause}` : `Likely cause: ${p.cause}`));
  const seen = seenIn(p.extracted);
  if (seen.length > 0) lines.push(`From the message: ${seen.join(', ')}`);
  lines.push(...checks(p.checks, 'Check:'));
  return lines;
}

function checks(list: readonly string[], heading: string): string[] {
  // A numbered check continues under its text.
  return [heading, ...list.map((c, i) => wrap(`  ${i + 1}. ${c}`, WIDTH))];
}

function seenIn(e: SymptomMatch['extracted']): string[] {
  return [
    e.url,
    e.host && !e.url ? e.host : undefined,
    e.port && !e.url ? `port ${e.port}` : undefined,
    e.status ? `HTTP ${e.status}` : undefined,
    e.storageAccount ? `storage account ${e.storageAccount}` : undefined,
    e.action ? `action ${e.action}` : undefined,
    e.scope ? `scope ${e.scope}` : undefined,
    e.namespace ? `namespace ${e.namespace}` : undefined,
  ].filter((s): s is string => s !== undefined);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
