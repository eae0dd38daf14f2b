// The button payload decoder under fuzzing: whatever comes back in a click (stale, hand-made, cut short, hostile),
// decoding never throws and answers either a valid ButtonValue or a problem in words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACTION } from '../../bot/slack/action-ids.ts';
import {
  ButtonValueSchema,
  decodeButtonValue,
  decodeClick,
  encodeButtonValue,
} from '../../bot/slack/payload.ts';
import { anyText, FUZZ_RUNS, nastyNames, runsFor } from './fuzz.ts';

const problem = z.strictObject({ ok: z.literal(false), problem: z.string().min(1) });
const DecodedValueSchema = z.union([
  z.strictObject({ ok: z.literal(true), value: ButtonValueSchema }),
  problem,
]);
const DecodedClickSchema = z.union([
  z.strictObject({
    ok: z.literal(true),
    value: z.looseObject({
      kind: z.enum(Object.keys(ACTION) as [keyof typeof ACTION]),
      userId: z.string().min(1),
    }),
  }),
  problem,
]);

function expectDecodedValue(raw: unknown) {
  const decoded = decodeButtonValue(raw);
  expect(DecodedValueSchema.safeParse(decoded).error).toBeUndefined();
  return decoded;
}

const id = fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), nastyNames);
const buttonValue = fc.record({ s: id, v: fc.nat(), q: id, c: id }, { requiredKeys: ['s', 'v'] });
const anyValue = fc.oneof(fc.anything({ withNullPrototype: true }), anyText, nastyNames);
/** Objects that nearly are button values: right keys, wrong types, extra keys, prototype keys. */
const nearValue = fc.record(
  {
    s: fc.oneof(id, anyValue),
    v: fc.oneof(fc.integer(), fc.double(), anyValue),
    q: fc.oneof(id, anyValue),
    c: fc.oneof(id, anyValue),
    __proto__: fc.oneof(fc.constant({ polluted: true }), anyValue),
    extra: anyValue,
  },
  { requiredKeys: [] },
);

describe(`decodeButtonValue under fuzzing (${FUZZ_RUNS} cases, and decodeClick)`, () => {
  it('answers anything at all with a value or a problem, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyValue,
          fc.json(),
          nearValue.map((v) => JSON.stringify(v)),
        ),
        (raw) => {
          expectDecodedValue(raw);
        },
      ),
      { numRuns: runsFor(0.5) },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives back exactly what a button was given', () => {
    fc.assert(
      fc.property(buttonValue, (value) => {
        expect(expectDecodedValue(encodeButtonValue(value))).toEqual({ ok: true, value });
      }),
      { numRuns: runsFor(0.25) },
    );
  });

  it('survives a hand-edited value: any character changed, cut short or padded', () => {
    const edit = fc.record({
      value: buttonValue,
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      cut: fc.nat({ max: 5 }),
      insert: fc.oneof(
        anyText,
        nastyNames,
        fc.constantFrom('"', '}', ',', ':', '\\', '-1', '1e999', '"__proto__":{}'),
      ),
    });
    fc.assert(
      fc.property(edit, ({ value, at, cut, insert }) => {
        const text = encodeButtonValue(value);
        const i = Math.floor(at * text.length);
        expectDecodedValue(text.slice(0, i) + insert + text.slice(i + cut));
      }),
      { numRuns: runsFor(0.25) },
    );
  });

  it('decodes whole click payloads without throwing, whatever they hold', () => {
    const body = fc.record(
      {
        type: fc.oneof(fc.constant('block_actions'), anyValue),
        user: fc.oneof(fc.record({ id: id }), anyValue),
        channel: fc.oneof(fc.record({ id: id }), anyValue),
        container: fc.oneof(fc.record({ channel_id: id, message_ts: id }), anyValue),
        message: fc.oneof(fc.record({ ts: id, text: anyText }), anyValue),
        actions: fc.oneof(
          fc.array(
            fc.record({
              action_id: fc.oneof(fc.constantFrom(...Object.values(ACTION), 'ccnet_choice:3', 'ccnet_x'), id),
              value: fc.oneof(buttonValue.map(encodeButtonValue), anyText),
              text: fc.record({ text: anyText }),
            }),
            { maxLength: 3 },
          ),
          anyValue,
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(body, anyValue), (raw) => {
        expect(DecodedClickSchema.safeParse(decodeClick(raw)).error).toBeUndefined();
      }),
      { numRuns: runsFor(0.2) },
    );
  });
});
