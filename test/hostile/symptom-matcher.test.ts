// matchSymptom under fuzzing: any paste gives a valid SymptomMatch; a known message buried in noise, in any casing
// and spacing, is still recognised; an address's port is lifted only when it is a real port.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYMPTOM_FACTS } from '../../knowledge/facts/symptoms.ts';
import { matchSymptom } from '../../knowledge/index.ts';
import { SymptomMatchSchema } from '../../knowledge/model.ts';
import { anyText, FUZZ_RUNS, nastyNames, runsFor, whitespace } from './fuzz.ts';

function expectValid(text: string) {
  const match = matchSymptom(text);
  expect(SymptomMatchSchema.safeParse(match).error).toBeUndefined();
  return match;
}

/** Phrases that identify a message on their own (no qualifier needed), with a fact id that can match them. */
const plainPhrases = SYMPTOM_FACTS.filter((f) => f.qualifiers === undefined).flatMap((f) => f.phrases);

/** A phrase as a person pastes it: any ASCII casing, any whitespace between words. */
const pasted = fc
  .record({
    phrase: fc.constantFrom(...plainPhrases),
    upper: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
    gaps: fc.array(whitespace, { minLength: 20, maxLength: 20 }),
  })
  .map(({ phrase, upper, gaps }) =>
    phrase
      .split(' ')
      .map((w) => [...w].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join(''))
      .reduce((text, w, i) => `${text}${gaps[i % gaps.length] ?? ' '}${w}`),
  );

const noise = fc.oneof(
  anyText,
  nastyNames,
  fc.constantFrom('ERROR', '2024-01-01T00:00:00Z', 'jetpack:', '\n'),
);

describe(`matchSymptom under fuzzing (${FUZZ_RUNS} cases)`, () => {
  it('answers any paste with a valid match and never throws', () => {
    fc.assert(
      fc.property(fc.array(noise, { maxLength: 8 }), (parts) => {
        expectValid(parts.join(''));
      }),
      { numRuns: runsFor(0.5) },
    );
  });

  it('recognises a known message buried in log noise, in any casing and spacing', () => {
    fc.assert(
      fc.property(noise, pasted, noise, (before, message, after) => {
        // Noise ends and starts with a space, as words in a log line do.
        expect(expectValid(`${before} ${message} ${after}`).recognised).toBe(true);
      }),
      { numRuns: runsFor(0.3) },
    );
  });

  it('lifts a port from the address only when it is one', () => {
    const address = fc.record({
      host: fc.oneof(fc.ipV4(), fc.domain(), nastyNames),
      port: fc.oneof(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom(0, 1, 65_535, 65_536)),
      scheme: fc.constantFrom('https://', 'http://', ''),
      tail: fc.oneof(fc.constant(''), anyText),
    });
    fc.assert(
      fc.property(address, ({ host, port, scheme, tail }) => {
        const match = expectValid(`Timed out connecting to CycleCloud at ${scheme}${host}:${port}${tail}`);
        expect(match.recognised).toBe(true);
        if (match.extracted.port !== undefined) {
          expect(match.extracted.port).toBeGreaterThanOrEqual(1);
          expect(match.extracted.port).toBeLessThanOrEqual(65_535);
        }
        if (port > 65_535 || port === 0) expect(match.extracted.port).not.toBe(port);
      }),
      { numRuns: runsFor(0.2) },
    );
  });
});
