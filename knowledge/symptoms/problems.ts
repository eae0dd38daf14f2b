// Hits -> distinct problems. Lines of one failure stay together (a traceback prints the same error three times,
// a retry loop thirty): class hits of one kind within a few lines form one cluster, and clusters naming the same
// class, link and host are one problem. A known message absorbs the class hits around it. Noise never gets here:
// only lines with a signature make hits.
import { CLASS_SIGNATURES } from '../facts/error-classes.ts';
import { SYMPTOM_FACTS, type SymptomFact } from '../facts/symptoms.ts';
import { chooseCause } from './cause.ts';
import { extractEndpoint } from './endpoints.ts';
import { type Extracted, extractAddress, windowAfter } from './extract.ts';
import { decideLink } from './link.ts';
import { lineContext, lineCount, lineNumber, lineText, lineWindow, type Paste } from './paste.ts';
import type { Hit } from './scan.ts';
import type { ErrorClass, NetworkLink, QuotedLine } from './schema.ts';

export interface FoundProblem {
  kind: 'known' | 'class';
  fact?: SymptomFact;
  errorClass?: ErrorClass;
  link?: NetworkLink;
  causeKey?: string;
  cause: string;
  checks: string[];
  sources: string[];
  extracted: Extracted;
  lines: QuotedLine[];
  repeats: number;
  firstLine: number;
}

/** Class hits this many lines apart or closer belong to one failure. */
const CLUSTER_GAP = 3;
/** Failures read in detail; past these, a paste of nothing but errors only counts the rest (bounded work). */
const DETAILED_CLUSTERS = 300;

/** Lines before and after a failure read for its endpoint and the program's words. */
const AROUND = 4;
/** Lines quoted per problem. */
const QUOTED = 3;

const CLASS_RANK = new Map<ErrorClass, number>(CLASS_SIGNATURES.map((s, i) => [s.errorClass, i]));
const FACT_RANK = new Map(SYMPTOM_FACTS.map((f, i) => [f.id, i]));

interface LineClass {
  line: number;
  errorClass: ErrorClass;
  strong: boolean;
  status?: number;
  offset: number;
}

export function findProblems(
  paste: Paste,
  hits: readonly Hit[],
): { shown: FoundProblem[]; consequences: FoundProblem[] } {
  const known = knownProblems(paste, hits);
  const knownLines = new Map<number, SymptomFact>();
  // A wrapper ("Unable to execute command") carries the real error on its lines: it absorbs only the words of its
  // own message ("Timed out waiting for return proxy" is not also a timeout).
  const spans: { start: number; end: number }[] = [];
  for (const p of known) {
    for (const h of hits) {
      if (h.kind !== 'known' || h.fact !== p.fact) continue;
      if (p.fact?.consequence) spans.push({ start: h.start, end: h.end });
      else knownLines.set(h.line, h.fact);
    }
  }
  const inSpan = (c: LineClass) => spans.some((s) => c.offset >= s.start && c.offset < s.end);
  const classes = withoutVagueNeighbours(
    bestClassPerLine(hits).filter((c) => !absorbed(c, knownLines) && !inSpan(c)),
  );
  const all = clusters(classes);
  const classProblems = mergeClusters(all.slice(0, DETAILED_CLUSTERS).map((c) => classProblem(paste, c)));
  countTheRest(classProblems, all.slice(DETAILED_CLUSTERS));
  const important = known.filter((p) => !p.fact?.consequence);
  const consequences = known.filter((p) => p.fact?.consequence);
  const ordered = [
    ...important,
    ...classProblems.filter((p) => p.causeKey !== undefined),
    ...classProblems.filter((p) => p.causeKey === undefined && p.link !== undefined),
    // A cause that needs no link (a clock, a public DNS label) is listed once, with the other specific causes.
    ...classProblems.filter((p) => p.causeKey === undefined && p.link === undefined),
  ];
  if (ordered.length === 0) return { shown: consequences, consequences: [] };
  return { shown: ordered, consequences };
}

function knownProblems(paste: Paste, hits: readonly Hit[]): FoundProblem[] {
  const byFact = new Map<string, Extract<Hit, { kind: 'known' }>[]>();
  for (const h of hits) {
    if (h.kind !== 'known') continue;
    const list = byFact.get(h.fact.id) ?? [];
    list.push(h);
    byFact.set(h.fact.id, list);
  }
  return [...byFact.values()]
    .map((list) => {
      const first = list[0] as Extract<Hit, { kind: 'known' }>;
      const fact = first.fact;
      const extracted = fact.namesAddress ? extractAddress(windowAfter(paste.text, first.end)) : {};
      const near = nearText(paste, first.line);
      const variant = fact.variants?.find((v) => v.whenAny.some((w) => near.includes(w)));
      const causeKey = variant?.causeKey ?? fact.causeKey;
      return {
        kind: 'known' as const,
        fact,
        ...(fact.errorClass ? { errorClass: fact.errorClass } : {}),
        link: fact.link,
        ...(causeKey ? { causeKey } : {}),
        cause: variant?.cause ?? fact.cause,
        checks: [...fact.checks],
        sources: [...fact.sources],
        extracted,
        ...quote(
          paste,
          list.map((h) => ({ line: h.line, offset: h.start })),
        ),
      };
    })
    .sort((a, b) => (FACT_RANK.get(a.fact.id) ?? 0) - (FACT_RANK.get(b.fact.id) ?? 0));
}

/** The lines around a line, lower case, for the words that pick a variant. */
function nearText(paste: Paste, line: number): string {
  const out: string[] = [];
  for (let i = Math.max(0, line - AROUND); i <= Math.min(lineCount(paste) - 1, line + AROUND); i++) {
    out.push(lineContext(paste, i));
  }
  return out.join('\n').toLowerCase();
}

function bestClassPerLine(hits: readonly Hit[]): LineClass[] {
  const best = new Map<number, LineClass>();
  for (const h of hits) {
    if (h.kind !== 'class') continue;
    const current = best.get(h.line);
    const candidate: LineClass = {
      line: h.line,
      errorClass: h.errorClass,
      strong: h.strong,
      offset: h.start,
      ...(h.status !== undefined ? { status: h.status } : {}),
    };
    if (!current || beats(candidate, current)) best.set(h.line, candidate);
  }
  return [...best.values()].sort((a, b) => a.line - b.line);
}

function beats(a: LineClass, b: LineClass): boolean {
  if (a.strong !== b.strong) return a.strong;
  const rank = (c: LineClass) => (c.status !== undefined ? 100 : (CLASS_RANK.get(c.errorClass) ?? 50));
  return rank(a) < rank(b);
}

/** A class line next to a known message is the same failure told twice ("Staging Resources (... [Errno 104] ...)"). */
function absorbed(c: LineClass, knownLines: ReadonlyMap<number, SymptomFact>): boolean {
  for (let d = -2; d <= 2; d++) {
    const fact = knownLines.get(c.line + d);
    if (fact && (fact.errorClass === undefined || fact.errorClass === c.errorClass || d === 0)) return true;
  }
  return false;
}

/** "Err:1 http://…" followed by "Temporary failure resolving …": the vague line is the same failure. */
function withoutVagueNeighbours(lines: readonly LineClass[]): LineClass[] {
  const telling = new Set(lines.filter((c) => c.errorClass !== 'other').map((c) => c.line));
  return lines.filter(
    (c) => c.errorClass !== 'other' || ![-2, -1, 1, 2].some((d) => telling.has(c.line + d)),
  );
}

function clusters(lines: readonly LineClass[]): LineClass[][] {
  const out: LineClass[][] = [];
  for (const c of lines) {
    const last = out.at(-1);
    const tail = last?.at(-1);
    if (last && tail && tail.errorClass === c.errorClass && c.line - tail.line <= CLUSTER_GAP) last.push(c);
    else out.push([c]);
  }
  return out;
}

function classProblem(paste: Paste, cluster: readonly LineClass[]): FoundProblem {
  const first = cluster[0] as LineClass;
  const last = cluster.at(-1) as LineClass;
  const hitWindows = cluster.slice(0, 20).map((c) => lineContext(paste, c.line, c.offset));
  const around: string[] = [];
  const lines = new Set(cluster.map((c) => c.line));
  for (
    let i = Math.max(0, first.line - AROUND);
    i <= Math.min(lineCount(paste) - 1, last.line + AROUND);
    i++
  ) {
    if (!lines.has(i)) around.push(lineContext(paste, i));
    if (around.length >= 2 * AROUND) break;
  }
  const status = cluster.find((c) => c.status !== undefined)?.status;
  const extracted = extractEndpoint(hitWindows, status, around);
  const context = [...hitWindows, ...around].join('\n').toLowerCase();
  const decision = decideLink(first.errorClass, extracted, context);
  const chosen = chooseCause(first.errorClass, decision?.link, extracted, context);
  return {
    kind: 'class',
    errorClass: first.errorClass,
    ...(decision ? { link: decision.link } : {}),
    ...(chosen.causeKey ? { causeKey: chosen.causeKey } : {}),
    cause: chosen.cause,
    checks: chosen.checks,
    sources: chosen.sources,
    extracted,
    ...quote(
      paste,
      cluster.map((c) => ({ line: c.line, offset: c.offset })),
    ),
  };
}

/** Clusters past the detailed ones add to the first problem of their class, or are dropped when it has none. */
function countTheRest(problems: FoundProblem[], rest: readonly LineClass[][]): void {
  for (const cluster of rest) {
    const same = problems.find((p) => p.errorClass === cluster[0]?.errorClass);
    if (same) same.repeats += cluster.length;
  }
}

/** Clusters that name the same class, link and host are one problem; one without a host joins its look-alike. */
function mergeClusters(problems: readonly FoundProblem[]): FoundProblem[] {
  const merged: FoundProblem[] = [];
  const exact = new Map<string, FoundProblem>();
  const byClassLink = new Map<string, FoundProblem>();
  for (const p of problems) {
    const classLink = `${p.errorClass}|${p.link ?? ''}`;
    const same =
      p.extracted.host === undefined
        ? byClassLink.get(classLink)
        : (exact.get(`${classLink}|${p.extracted.host}`) ?? hostless(byClassLink.get(classLink)));
    if (!same) {
      merged.push(p);
      exact.set(`${classLink}|${p.extracted.host ?? ''}`, p);
      if (!byClassLink.has(classLink)) byClassLink.set(classLink, p);
      continue;
    }
    if (same.extracted.host === undefined && p.extracted.host !== undefined) {
      Object.assign(same, { extracted: p.extracted, cause: p.cause, checks: p.checks, sources: p.sources });
      if (p.causeKey !== undefined) same.causeKey = p.causeKey;
    }
    const room = Math.max(0, QUOTED - same.lines.length);
    same.lines.push(...p.lines.slice(0, room));
    same.repeats += p.repeats + Math.max(0, p.lines.length - room);
  }
  return merged;
}

/** A host-less problem takes the host of the next look-alike that names one (the traceback's last line). */
function hostless(p: FoundProblem | undefined): FoundProblem | undefined {
  return p && p.extracted.host === undefined ? p : undefined;
}

function quote(
  paste: Paste,
  at: readonly { line: number; offset: number }[],
): { lines: QuotedLine[]; repeats: number; firstLine: number } {
  const seen = new Set<number>();
  const unique = at.filter((a) => !seen.has(a.line) && seen.add(a.line) !== undefined);
  const lines = unique.slice(0, QUOTED).map((a) => ({
    line: lineNumber(paste, a.line),
    text: lineWindow(paste, a.line, a.offset).trim() || lineText(paste, a.line),
  }));
  return { lines, repeats: Math.max(0, unique.length - QUOTED), firstLine: unique[0]?.line ?? 0 };
}
