// Lower-cases ASCII letters and collapses whitespace runs to one space, remembering where the text shifted so a
// match in the normalised text maps back to the original (hosts and URLs are lifted from the original).

export interface NormalizedText {
  text: string;
  /** Index in the original text of the character at normalised index `i`. */
  toOriginal(i: number): number;
}

const SPACE = 32;

function isWhitespace(c: number): boolean {
  return c === SPACE || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

export function normalizeText(input: string): NormalizedText {
  const lower = asciiLower(input);
  const chunks: string[] = [];
  // Shift points: from normalised index shiftAt[k] on, original = normalised + shiftBy[k].
  const shiftAt: number[] = [];
  const shiftBy: number[] = [];
  let out = 0;
  let delta = 0;
  let segment = 0;
  let i = 0;
  while (i < lower.length) {
    if (!isWhitespace(lower.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < lower.length && isWhitespace(lower.charCodeAt(end))) end++;
    chunks.push(lower.slice(segment, i), ' ');
    out += i - segment + 1;
    if (end - i > 1) {
      delta += end - i - 1;
      shiftAt.push(out);
      shiftBy.push(delta);
    }
    segment = end;
    i = end;
  }
  chunks.push(lower.slice(segment));
  return { text: chunks.join(''), toOriginal: (n) => n + shiftBefore(shiftAt, shiftBy, n) };
}

function shiftBefore(at: readonly number[], by: readonly number[], n: number): number {
  let lo = 0;
  let hi = at.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((at[mid] ?? 0) <= n) {
      found = by[mid] ?? 0;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** toLowerCase keeps length for almost all text; where it would not (e.g. "İ"), lower ASCII only. */
function asciiLower(input: string): string {
  const lower = input.toLowerCase();
  if (lower.length === input.length) return lower;
  return input.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
