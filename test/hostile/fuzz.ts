// How many cases each fuzzed target gets: FUZZ_RUNS when set, else 10,000 in CI and 1,000 on a laptop.
// A target's properties split its runs between them (`runsFor(share)`), so the total per target stays FUZZ_RUNS.
import fc from 'fast-check';

function fuzzRuns(): number {
  const set = Number(process.env.FUZZ_RUNS);
  if (Number.isInteger(set) && set > 0) return set;
  return process.env.CI ? 10_000 : 1_000;
}

export const FUZZ_RUNS = fuzzRuns();

/** This property's part of the target's FUZZ_RUNS. */
export function runsFor(share: number): number {
  return Math.max(1, Math.ceil(FUZZ_RUNS * share));
}

/** Whitespace as it arrives in pastes and files: tabs, CR, no-break and line separators, BOM. */
export const whitespace = fc.constantFrom(
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u00a0',
  '\u2028',
  '\ufeff',
  ' \t ',
);

/** Text with no structure: any UTF-16 units (lone surrogates too), or plain ASCII. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
  fc.string({ maxLength: 200 }),
);

/** Names a hostile template or payload would try: prototype keys, Slack control sequences, odd characters. */
export const nastyNames = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  '<!channel>',
  '<!here>',
  '<@U0123ABCD>',
  '<#C0123|general>',
  '```',
  '$',
  '${',
  "'''",
  '"""',
  '#',
  '=',
  ':=',
  '[',
  ']',
  '\ud800',
  'İ',
  'ß',
  '😀',
);
