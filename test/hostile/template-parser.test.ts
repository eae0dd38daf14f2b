// parseTemplate under fuzzing: whatever the text, it returns, every finding is a valid Finding pointing at a real
// line, and the parser's catch-all (CCN119, "could not be read") never fires, so no unforeseen exception hides.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { corpusAvailable, corpusFiles, readCorpus } from '../support/corpus.ts';
import { anyText, FUZZ_RUNS, nastyNames, runsFor } from './fuzz.ts';
import { expectSoundParse, parseProblems } from './sound-parse.ts';
import { paramOverrides, templateText } from './template-arbitrary.ts';

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

afterAll(() => {
  // Nothing a template said reached Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe(`parseTemplate under fuzzing (${FUZZ_RUNS} cases)`, () => {
  it('reads template-shaped hostile text without throwing and reports only valid findings', () => {
    fc.assert(
      fc.property(templateText, paramOverrides, (text, params) => {
        expectSoundParse(text, parseTemplate(text, { params }));
      }),
      { numRuns: runsFor(corpusAvailable ? 0.6 : 0.7) },
    );
  });

  it('reads arbitrary UTF-16 text, lone surrogates and control characters included', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectSoundParse(text, parseTemplate(text));
      }),
      { numRuns: runsFor(0.3) },
    );
  });

  const files = corpusFiles();
  it.runIf(corpusAvailable)('reads real templates with hostile text spliced in anywhere', () => {
    const seeds = files.map(readCorpus);
    const splice = fc.record({
      file: fc.nat({ max: seeds.length - 1 }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      cut: fc.nat({ max: 400 }),
      insert: fc.oneof(nastyNames, anyText, templateText),
    });
    fc.assert(
      fc.property(splice, ({ file, at, cut, insert }) => {
        const seed = seeds[file] ?? '';
        const i = Math.floor(at * seed.length);
        const text = seed.slice(0, i) + insert + seed.slice(i + cut);
        expectSoundParse(text, parseTemplate(text));
      }),
      { numRuns: runsFor(0.1) },
    );
  });

  it('has a soundness check that notices a broken result', () => {
    const parsed = parseTemplate('[cluster c]\n[[node a]]\nKey = 1');
    expect(parseProblems('[cluster c]\n[[node a]]\nKey = 1', parsed)).toEqual([]);
    const broken = {
      ...parsed,
      findings: [
        { rule: 'CCN119', severity: 'error' as const, message: 'boom', fix: '', line: 2 },
        { rule: 'CCN101', severity: 'error' as const, message: 'x', fix: '', line: 1 },
        { rule: 'CCN101', severity: 'error' as const, message: 'x', fix: '', line: 9 },
        { rule: 'X1', severity: 'error' as const, message: 'x', fix: '' },
      ],
    };
    expect(parseProblems('[cluster c]\n[[node a]]\nKey = 1', broken)).toEqual([
      'the parser swallowed an exception: boom',
      'CCN101 on line 1 is out of order',
      'CCN101 points at line 9 of 3',
      expect.stringMatching(/^invalid finding/),
    ]);
  });
});
