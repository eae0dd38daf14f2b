// The matcher's text normalisation: lower case, one space per whitespace run, and a map back to the original
// so addresses are lifted from what the user pasted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../knowledge/symptoms/normalize.ts';

describe('normalizeText', () => {
  it('collapses whitespace runs and lower-cases ASCII', () => {
    expect(normalizeText('Timed \t\n  OUT  at').text).toBe('timed out at');
  });

  it('maps every normalised character back to the same character of the original', () => {
    const text = fc.array(
      fc.oneof(fc.constantFrom(' ', '\t', '\n', '\r\n', '   '), fc.string({ maxLength: 5 })),
      {
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(text, (parts) => {
        const original = parts.join('');
        const n = normalizeText(original);
        for (let i = 0; i < n.text.length; i++) {
          const ch = n.text[i] ?? '';
          const back = original[n.toOriginal(i)] ?? '';
          if (ch === ' ') {
            if (!/\s|\u00a0|\ufeff/.test(back)) return false;
          } else if (back.toLowerCase() !== ch && back !== ch) return false;
        }
        return true;
      }),
    );
  });
});
