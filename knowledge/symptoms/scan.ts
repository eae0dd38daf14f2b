// One pass over a paste for every signature ccnet knows: the known messages (with their qualifiers), the error-class
// phrases, and the words next to which HTTP statuses are printed, all in one phrase automaton. A status is then read
// from the few characters around its trigger. Linear in the size of the paste whatever it holds.
import { CLASS_SIGNATURES, HTTP_STATUSES, OTHER_STATUS_REASONS } from '../facts/error-classes.ts';
import { QUALIFIER_WINDOW, SYMPTOM_FACTS, type SymptomFact } from '../facts/symptoms.ts';
import { PhraseAutomaton } from './automaton.ts';
import { lineIndexAt, type Paste } from './paste.ts';
import type { ErrorClass } from './schema.ts';

export type Hit =
  | { kind: 'known'; fact: SymptomFact; line: number; start: number; end: number }
  | { kind: 'class'; errorClass: ErrorClass; strong: boolean; status?: number; line: number; start: number };

/** Enough to tell what a paste says; a paste of nothing but errors is not read hit by hit beyond this. */
const MAX_CLASS_HITS = 4000;
const MAX_KNOWN_HITS_PER_FACT = 200;

type Entry =
  | { kind: 'known'; fact: SymptomFact }
  | { kind: 'class'; errorClass: ErrorClass; strong: boolean }
  /** Words an HTTP status follows ("HTTP Error 403", "status code: 404"). */
  | { kind: 'status-before' }
  /** Words an HTTP status precedes ("404 Not Found"). */
  | { kind: 'status-after' };

const PHRASES: string[] = [];
const ENTRIES: Entry[][] = [];
function add(phrase: string, entry: Entry): void {
  let at = PHRASES.indexOf(phrase);
  if (at < 0) {
    at = PHRASES.push(phrase) - 1;
    ENTRIES.push([]);
  }
  ENTRIES[at]?.push(entry);
}
for (const fact of SYMPTOM_FACTS) for (const phrase of fact.phrases) add(phrase, { kind: 'known', fact });
for (const s of CLASS_SIGNATURES) {
  for (const phrase of s.strong) add(phrase, { kind: 'class', errorClass: s.errorClass, strong: true });
  for (const phrase of s.weak) add(phrase, { kind: 'class', errorClass: s.errorClass, strong: false });
}
for (const word of ['http', 'status', 'code', 'returned error']) add(word, { kind: 'status-before' });
for (const reason of [...Object.values(HTTP_STATUSES).map((s) => s.reason), ...OTHER_STATUS_REASONS]) {
  add(` ${reason}`, { kind: 'status-after' });
}
const AUTOMATON = new PhraseAutomaton(PHRASES);

/** Statuses by the names .NET and Go clients print ("status code=NotFound"). */
const STATUS_NAMES: Readonly<Record<string, number>> = {
  unauthorized: 401,
  forbidden: 403,
  notfound: 404,
  proxyauthenticationrequired: 407,
  serviceunavailable: 503,
};
// Read from the trigger word on: "HTTP Error 403", "status code: 404", "StatusCode=403", "Status :: 403",
// "returned error: 503", "HTTP/1.1 407", "status code=NotFound".
const STATUS_AFTER_WORD =
  /^(?:http ?error|http\/\d(?:\.\d)?|status ?code|status|response code|returned error|error code|code)[ :=("']{0,4}(?:([45]\d\d)(?![\d.])|(notfound|forbidden|unauthorized|serviceunavailable|proxyauthenticationrequired)\b)/;
const STATUS_BEFORE_REASON = /(?<![\d.])([45]\d\d)\s{1,3}$/;

export interface ScanResult {
  hits: Hit[];
  /** The class hits stopped at MAX_CLASS_HITS. */
  capped: boolean;
}

export function scanPaste(paste: Paste): ScanResult {
  const text = paste.text;
  const hits: Hit[] = [];
  const knownCount = new Map<string, number>();
  let classHits = 0;
  let capped = false;
  const addClass = (errorClass: ErrorClass, strong: boolean, start: number, status?: number) => {
    if (++classHits > MAX_CLASS_HITS) {
      capped = true;
      return;
    }
    hits.push({
      kind: 'class',
      errorClass,
      strong,
      ...(status !== undefined ? { status } : {}),
      line: lineIndexAt(paste, start),
      start,
    });
  };
  AUTOMATON.scan(text, ({ phrase, start, end }) => {
    for (const entry of ENTRIES[phrase] ?? []) {
      switch (entry.kind) {
        case 'known': {
          const seen = knownCount.get(entry.fact.id) ?? 0;
          if (seen >= MAX_KNOWN_HITS_PER_FACT || !qualified(text, end, entry.fact.qualifiers)) break;
          knownCount.set(entry.fact.id, seen + 1);
          hits.push({ kind: 'known', fact: entry.fact, line: lineIndexAt(paste, start), start, end });
          break;
        }
        case 'class':
          if (!capped) addClass(entry.errorClass, entry.strong, start);
          break;
        case 'status-before': {
          // Most triggers are the "http" of a URL: "http://" and "https://" never precede a status.
          const next = text.charAt(end);
          const url = PHRASES[phrase] === 'http' && (next === ':' || next === 's' || next === 'S');
          if (capped || url || /[a-z]/i.test(text.charAt(start - 1))) break;
          const m = STATUS_AFTER_WORD.exec(text.slice(start, start + 48).toLowerCase());
          const status = m ? (m[2] !== undefined ? STATUS_NAMES[m[2]] : Number(m[1])) : undefined;
          if (status !== undefined) addStatus(addClass, status, start);
          break;
        }
        case 'status-after': {
          const m = capped ? null : STATUS_BEFORE_REASON.exec(text.slice(Math.max(0, start - 6), start + 1));
          if (m) addStatus(addClass, Number(m[1]), start - m[0].length + 1);
          break;
        }
      }
    }
    return undefined;
  });
  // Statuses found twice (the code after "HTTP", and the reason after the code) are one hit.
  return { hits: dedupeStatuses(hits), capped };
}

function addStatus(
  addClass: (c: ErrorClass, strong: boolean, start: number, status?: number) => void,
  status: number,
  start: number,
): void {
  const known = HTTP_STATUSES[status];
  // A status without a class of its own is still a failure, but any named failure on its line says more.
  if (known) addClass(known.errorClass, true, start, status);
  else addClass('other', false, start, status);
}

function dedupeStatuses(hits: Hit[]): Hit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    if (h.kind !== 'class' || h.status === undefined) return true;
    const key = `${h.line}:${h.status}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function qualified(text: string, from: number, qualifiers: readonly string[] | undefined): boolean {
  if (!qualifiers) return true;
  const after = text
    .slice(from, from + QUALIFIER_WINDOW)
    .toLowerCase()
    .replace(/\s+/g, ' ');
  return qualifiers.some((q) => after.includes(q));
}
