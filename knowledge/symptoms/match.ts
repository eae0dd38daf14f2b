// Recognises the known CycleCloud error messages in pasted text (log noise, any casing, any length).
// Fixed-phrase search plus regexes on a bounded window: linear in the size of the paste.
import { references } from '../facts/sources.ts';
import { GENERAL_CHECKS, QUALIFIER_WINDOW, SYMPTOM_FACTS, type SymptomFact } from '../facts/symptoms.ts';
import type { SymptomMatch } from '../model.ts';
import { type Extracted, extractAddress, windowAfter } from './extract.ts';
import { implicationsOf } from './implications.ts';
import { type NormalizedText, normalizeText } from './normalize.ts';

interface Hit {
  fact: SymptomFact;
  /** Index in the original text just after the matched phrase. */
  end: number;
}

export function matchSymptom(text: string): SymptomMatch {
  const original = typeof text === 'string' ? text : '';
  const hit = findFirstKnown(normalizeText(original));
  if (!hit) return unrecognised();
  return toMatch(hit.fact, hit.fact.namesAddress ? extractAddress(windowAfter(original, hit.end)) : {});
}

/** The match for a known message by id, without a paste to lift addresses from; null for an unknown id. */
export function symptomById(id: string): SymptomMatch | null {
  const fact = SYMPTOM_FACTS.find((f) => f.id === id);
  return fact ? toMatch(fact, {}) : null;
}

function unrecognised(): SymptomMatch {
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

function toMatch(fact: SymptomFact, extracted: Extracted): SymptomMatch {
  const { implies, implications, sources } = implicationsOf(fact, extracted);
  return {
    id: fact.id,
    recognised: true,
    message: fact.message,
    cause: fact.cause,
    checks: [...fact.checks],
    extracted,
    implies,
    implications,
    references: references([...fact.sources, ...sources]),
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
