// Character-level helpers for the line parser: what counts as blank, and where an inline ` #` comment starts.

export const HASH = 35;
export const EQUALS = 61;
export const COLON = 58;
export const LBRACKET = 91;
export const RBRACKET = 93;
export const SINGLE_QUOTE = 39;
export const DOUBLE_QUOTE = 34;

/** Space, tab, CR, vertical tab, form feed, no-break space (pasted from chat), BOM. */
export function isBlank(c: number): boolean {
  return c <= 32 ? c === 32 || c === 9 || c === 13 || c === 11 || c === 12 : c === 0xa0 || c === 0xfeff;
}

/** Characters after which a quote opens a quoted string (so the apostrophe in `Users' home` does not). */
function opensQuote(prev: number): boolean {
  return isBlank(prev) || prev === EQUALS || prev === 40 || prev === 44 || prev === LBRACKET || prev === 123;
}

/**
 * End of a one-line value in text[start, end): the position of an inline comment (`#` after a blank, outside quoted
 * strings and `${…}`) or `end`, with trailing blanks dropped. A `#` that starts the value is text (`#ffffff`).
 */
export function valueEnd(text: string, start: number, end: number): number {
  let hash = start + 1;
  while (hash < end && text.charCodeAt(hash) !== HASH) hash++;
  if (hash >= end) return end;
  let quote = 0;
  let depth = 0;
  let prev = 0;
  let stop = end;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === 92 /* \ */) i++;
      else if (c === quote) quote = 0;
    } else if (depth > 0) {
      if (c === 123) depth++;
      else if (c === 125) depth--;
      else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) quote = c;
    } else if (c === HASH && i > start && isBlank(prev)) {
      stop = i;
      break;
    } else if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123) {
      depth = 1;
      i++;
    } else if ((c === DOUBLE_QUOTE || c === SINGLE_QUOTE) && (i === start || opensQuote(prev))) {
      quote = c;
    }
    prev = c;
  }
  while (stop > start && isBlank(text.charCodeAt(stop - 1))) stop--;
  return stop;
}
