// Recognises the known CycleCloud error messages in pasted text (log noise, any casing, any length).
// Fixed-phrase search plus regexes on a bounded window: linear in the size of the paste.
import { GENERAL_CHECKS, QUALIFIER_WINDOW, SYMPTOM_FACTS, type SymptomFact } from '../facts/symptoms.ts';
import { references } from '../facts/sources.ts';
import type { SymptomMatch } from '../model.ts';
import { extractAddress, windowAfter } from './extract.ts';
import { implicationsOf } from './implications.ts';
import { type NormalizedText, normalizeText } from './normalize.ts';

interface Hit {
  fact: SymptomFact;
  /** Index in the original text just after the matched phrase. */
  end: number;
}

export function matchSymptom(text: string): SymptomMatch {
  const normalized = normalizeText(typeof text === 'string' ? text : '');
  const hit = findFirstKnown(normalized);
  if (!hit) return unrecognised();
  const extracted = hit.fact.namesAddress ? extractAddress(windowAfter(text, hit.end)) : {};
  const { implies, implications, sources } = implicationsOf(hit.fact, extracted);
  return {
    id: hit.fact.id,
    recognised: true,
    message: hit.fact.message,
    cause: hit.fact.cause,
    checks: [...hit.fact.checks],
    extracted,
    implies,
    implications,
    references: references([...hit.fact.sources, ...sources]),
  };
}

export function unrecognised(): SymptomMatch {
  return {
    id: 'unrecognised',
    recognised: false,
    cause: 'not recognised',
    checks: [...GENERAL_CHECKS.checks],
    extracted: {},
    implies: {},
    implications: [],
    references: references(GENERAL_CHECKS.sources),
  };
}

function findFirstKnown(normalized: NormalizedText): Hit | null {
  for (const fact of SYMPTOM_FACTS) {
    for (const phrase of fact.phrases) {
      const at = findQualified(normalized.text, phrase, fact.qualifiers);
      if (at >= 0) return { fact, end: normalized.toOriginal(at + phrase.length - 1) + 1 };
    }
  }
  return null;
}

/** First occurrence of `phrase` (followed by one of `qualifiers` within the window, when given), or -1. */
function findQualified(text: string, phrase: string, qualifiers: readonly string[] | undefined): number {
  let from = 0;
  while (from <= text.length) {
    const at = text.indexOf(phrase, from);
    if (at < 0 || !qualifiers) return at;
    const after = text.slice(at + phrase.length, at + phrase.length + QUALIFIER_WINDOW);
    if (qualifiers.some((q) => after.includes(q))) return at;
    from = at + 1;
  }
  return -1;
}
