// Recognises what people paste, one line or a whole log, in layers: a known message (the docs or a confirmed report
// name it), else an error class from generic signatures plus the endpoint the text names -> the link -> a likely
// cause, else "not recognised" with the general checklist and what was lifted from the text. Up to three distinct
// problems per paste, each with its decisive lines. Linear in the size of the paste.
import { CLASS_LABELS } from '../facts/error-classes.ts';
import { LINK_FACTS } from '../facts/links.ts';
import { isSourceTag, references, type SourceTag } from '../facts/sources.ts';
import { GENERAL_CHECKS, SYMPTOM_FACTS, type SymptomFact } from '../facts/symptoms.ts';
import type { Situation, SymptomMatch } from '../model.ts';
import { extractEndpoint } from './endpoints.ts';
import type { Extracted } from './extract.ts';
import { implicationsOf } from './implications.ts';
import { lineCount, lineWindow, MAX_PASTE_CHARS, readPaste } from './paste.ts';
import { type FoundProblem, findProblems } from './problems.ts';
import { scanPaste } from './scan.ts';
import type { Problem } from './schema.ts';

/** Problems one reply reports. */
const MAX_PROBLEMS = 3;

export interface MatchOptions {
  /** Original line numbers of the text's lines, for a copy condensed by condensePaste. */
  lineNumbers?: readonly number[];
}

export function matchSymptom(text: string, options: MatchOptions = {}): SymptomMatch {
  const original = typeof text === 'string' ? text : '';
  const paste = readPaste(original, options.lineNumbers);
  const { hits, capped } = scanPaste(paste);
  const { shown, consequences } = findProblems(paste, hits);
  const notes: string[] = [];
  if (paste.cutChars > 0) {
    notes.push(
      `The paste has ${formatSize(paste.totalChars)}; ccnet read its last ${formatSize(MAX_PASTE_CHARS)} (from line ${paste.firstLine}).`,
    );
  }
  if (capped) notes.push('The paste holds thousands of error lines; ccnet read the first 4000 of them.');
  if (shown.length > MAX_PROBLEMS) {
    notes.push(`${shown.length - MAX_PROBLEMS} more problem(s) in the paste are not shown; fix these first.`);
  }
  for (const c of consequences) {
    if (shown.includes(c)) continue;
    const where = c.lines[0] ? ` (line ${c.lines[0].line})` : '';
    notes.push(`Also seen: "${c.fact?.message}"${where}, which the problem above explains.`);
  }
  const problems = shown.slice(0, MAX_PROBLEMS).map(toProblem);
  const [primary] = shown;
  if (!primary) {
    const match = unrecognised(extractFromPaste(original));
    const all = [...notes, ...(match.notes ?? [])];
    return all.length > 0 ? { ...match, notes: all } : match;
  }
  const match = toMatch(primary);
  // The sources of every problem shown, the first one's first.
  const tags = shown.slice(1, MAX_PROBLEMS).flatMap((p) => p.sources.filter(isSourceTag));
  const seen = new Set(match.references.map((r) => r.source));
  return {
    ...match,
    references: [...match.references, ...references(tags.filter((t) => !seen.has(t)))],
    problems,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** The match for a known message by id, without a paste to lift addresses from; null for an unknown id. */
export function symptomById(id: string): SymptomMatch | null {
  const fact = SYMPTOM_FACTS.find((f) => f.id === id);
  if (!fact) return null;
  return toMatch({
    kind: 'known',
    fact,
    ...(fact.errorClass ? { errorClass: fact.errorClass } : {}),
    link: fact.link,
    ...(fact.causeKey ? { causeKey: fact.causeKey } : {}),
    cause: fact.cause,
    checks: [...fact.checks],
    sources: [...fact.sources],
    extracted: {},
    lines: [],
    repeats: 0,
    firstLine: 0,
  });
}

/** Not recognised: the general checklist, and whatever addresses the text named. */
function unrecognised(extracted: Extracted = {}): SymptomMatch {
  const seen = describeExtracted(extracted);
  return {
    id: 'unrecognised',
    recognised: false,
    cause: 'not recognised',
    checks: [...GENERAL_CHECKS.checks],
    extracted,
    implies: {},
    implications: [],
    references: references(GENERAL_CHECKS.sources),
    layer: 'none',
    headline: 'not recognised',
    certain: false,
    lines: [],
    ...(seen.length > 0 ? { notes: [`ccnet found ${seen} in the text, but no error it knows.`] } : {}),
  };
}

function toMatch(p: FoundProblem): SymptomMatch {
  const problem = toProblem(p);
  const { implies, implications, sources } = situationFacts(p);
  const tags = [...p.sources, ...sources].filter(isSourceTag);
  return {
    id: problem.id,
    recognised: true,
    ...(problem.message !== undefined ? { message: problem.message } : {}),
    cause: problem.cause,
    checks: problem.checks,
    extracted: problem.extracted,
    implies,
    implications,
    references: references(tags),
    layer: problem.layer,
    headline: problem.headline,
    ...(problem.errorClass ? { errorClass: problem.errorClass } : {}),
    ...(problem.link ? { link: problem.link } : {}),
    ...(problem.causeKey ? { causeKey: problem.causeKey } : {}),
    certain: problem.certain,
    lines: problem.lines,
  };
}

function toProblem(p: FoundProblem): Problem {
  const fact = p.fact;
  return {
    id: fact ? fact.id : `class/${p.errorClass}`,
    layer: p.kind,
    headline: headline(p),
    ...(p.errorClass ? { errorClass: p.errorClass } : {}),
    ...(p.link ? { link: p.link } : {}),
    ...(p.causeKey ? { causeKey: p.causeKey } : {}),
    certain: p.kind === 'known' && fact?.certain === true,
    ...(fact ? { message: fact.message } : {}),
    cause: p.cause,
    checks: [...new Set(p.checks)],
    extracted: p.extracted,
    lines: p.lines,
    repeats: p.repeats,
  };
}

function headline(p: FoundProblem): string {
  if (p.kind === 'known') return `known message: ${p.fact?.message ?? ''}`;
  const label = p.errorClass ? CLASS_LABELS[p.errorClass] : 'network failure';
  const target =
    p.errorClass === 'authorization'
      ? (p.extracted.action ?? p.extracted.namespace)
      : (p.extracted.host ?? p.extracted.action);
  const on = p.link && p.link !== 'none' ? ` (${LINK_FACTS[p.link].label})` : '';
  const article = /^[aeiou]|^HTTP/i.test(label) ? 'an' : 'a';
  return `looks like ${article} ${label}${target ? ` for \`${target}\`` : ''}${on}`;
}

/** Situation facts only where the text makes them sure: a known node-link message, or a CycleCloud port. */
function situationFacts(p: FoundProblem): {
  implies: Partial<Situation>;
  implications: string[];
  sources: SourceTag[];
} {
  if (p.kind === 'known' && p.fact) return implicationsOf(p.fact, p.extracted);
  if (p.link === 'node-to-cyclecloud') return implicationsOf(CLASS_NODE_LINK, p.extracted);
  if (p.link === 'cyclecloud-to-azure-api')
    return { implies: { link: 'cyclecloud-egress' }, implications: [], sources: [] };
  return { implies: {}, implications: [], sources: [] };
}

/** Stands in for a known node-link message when a class match is on that link (port implications only). */
const CLASS_NODE_LINK: SymptomFact = {
  id: 'class/node-to-cyclecloud',
  message: '',
  phrases: [],
  cause: '',
  checks: [],
  namesAddress: true,
  nodeLink: true,
  link: 'node-to-cyclecloud',
  certain: false,
  sources: [],
};

/** For the "not recognised" reply: the addresses in the first lines of the text. */
function extractFromPaste(text: string): Extracted {
  const paste = readPaste(text.length > 20_000 ? text.slice(0, 20_000) : text);
  const windows: string[] = [];
  for (let i = 0; i < Math.min(lineCount(paste), 40); i++) windows.push(lineWindow(paste, i));
  const extracted = extractEndpoint(windows);
  delete extracted.status;
  return extracted;
}

function describeExtracted(e: Extracted): string {
  const parts = [
    e.url ? `URL ${e.url}` : e.host ? `host ${e.host}` : '',
    e.port !== undefined && !e.url ? `port ${e.port}` : '',
    e.action ? `action ${e.action}` : '',
  ].filter((s) => s.length > 0);
  return parts.join(', ');
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}

/**
 * A paste cut to `max` characters without losing what it says: short pastes stay as they are; a long one keeps its
 * decisive lines, with their original line numbers, so a stored copy matches to the same problems on the same lines.
 */
export function condensePaste(text: string, max: number): { text: string; lineNumbers?: number[] } {
  if (text.length <= max) return { text };
  const quoted = (matchSymptom(text).problems ?? []).flatMap((p) => p.lines);
  if (quoted.length === 0) return { text: text.slice(-max) };
  const kept: string[] = [];
  const lineNumbers: number[] = [];
  let size = 0;
  for (const q of quoted) {
    const line = q.text.replace(/[\r\n]+/g, ' ');
    if (size + line.length + 1 > max) break;
    kept.push(line);
    lineNumbers.push(q.line);
    size += line.length + 1;
  }
  return { text: kept.join('\n'), lineNumbers };
}
