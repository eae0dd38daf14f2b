// Classifies a value once, as written: literal, `$Param`, or an expression kept unevaluated. Char-code scans only.
import type { Value } from './types.ts';

export type ExpressionValue = Extract<Value, { kind: 'expression' }>;
export type LiteralValue = Extract<Value, { kind: 'boolean' | 'number' | 'string' | 'undefined' }>;

const DOLLAR = 36;
const LBRACE = 123;

/** `raw` is trimmed and comment-free. `:=`, a leading `=`, or any `${` make an expression. */
export function classifyValue(raw: string, operator: '=' | ':='): Value {
  if (operator === ':=') return expression(raw);
  const first = raw.charCodeAt(0);
  if (first === 61 /* = */) return expression(raw.slice(1).trim());
  const braced = bracedParam(raw);
  if (braced !== null) return { kind: 'param', name: braced };
  if (raw.includes('${')) return expression(raw);
  if (first === DOLLAR) {
    if (isIdentifierTail(raw, 1)) return { kind: 'param', name: raw.slice(1) };
    // `$A, $B` is a list of parameter values: kept as an expression over those parameters.
    if (raw.includes(',') && raw.split(',').every((part) => isParamList(part.trim()))) return expression(raw);
  }
  return literal(raw);
}

/** `${Name}` (spaces allowed inside the braces) is a plain reference, the same as `$Name`; null otherwise. */
function bracedParam(raw: string): string | null {
  if (!raw.startsWith('${') || raw.charCodeAt(raw.length - 1) !== 125 /* } */) return null;
  const inner = raw.slice(2, -1).trim();
  if (inner.length === 0 || !isIdentifierStart(inner.charCodeAt(0))) return null;
  for (let i = 1; i < inner.length; i++) if (!isIdentifierChar(inner.charCodeAt(i))) return null;
  return inner;
}

function isParamList(part: string): boolean {
  return part.charCodeAt(0) === DOLLAR && isIdentifierTail(part, 1);
}

function expression(expr: string): ExpressionValue {
  return { kind: 'expression', expr, params: [] };
}

/** `$` followed by one identifier and nothing else. */
function isIdentifierTail(raw: string, from: number): boolean {
  if (raw.length <= from || raw.charCodeAt(from) === LBRACE) return false;
  for (let i = from; i < raw.length; i++) if (!isIdentifierChar(raw.charCodeAt(i))) return false;
  return true;
}

function isIdentifierChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function isIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** Booleans in any case, numbers, `undefined`, quoted or triple-quoted strings; anything else is a plain string. */
export function literal(raw: string): LiteralValue {
  const n = raw.length;
  // Only words starting with t, f or u (any case) can be keywords: spare lower-casing the rest.
  const initial = raw.charCodeAt(0) | 0x20;
  if ((n === 4 || n === 5 || n === 9) && (initial === 116 || initial === 102 || initial === 117)) {
    const lower = raw.toLowerCase();
    if (lower === 'true') return { kind: 'boolean', value: true };
    if (lower === 'false') return { kind: 'boolean', value: false };
    if (lower === 'undefined') return { kind: 'undefined' };
  }
  const q = raw.charCodeAt(0);
  if ((q >= 48 && q <= 57) || q === 45) {
    if (isNumber(raw)) return { kind: 'number', value: Number(raw) };
  }
  if ((q === 34 || q === 39) && n >= 2 && raw.charCodeAt(n - 1) === q) {
    if (n >= 6 && isTriple(raw, q)) {
      return { kind: 'string', value: raw.slice(3, n - 3) };
    }
    const inner = quotedInner(raw, q);
    if (inner !== null) return { kind: 'string', value: inner };
  }
  return { kind: 'string', value: raw };
}

function isTriple(raw: string, q: number): boolean {
  const n = raw.length;
  return (
    raw.charCodeAt(1) === q &&
    raw.charCodeAt(2) === q &&
    raw.charCodeAt(n - 2) === q &&
    raw.charCodeAt(n - 3) === q
  );
}

/** The text inside one quoted string with `\` escapes, or null when the quotes do not enclose the whole value. */
function quotedInner(raw: string, q: number): string | null {
  const end = raw.length - 1;
  let escaped = false;
  for (let i = 1; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === 92 /* \ */) {
      escaped = true;
      i++;
    } else if (c === q) return null;
  }
  const inner = raw.slice(1, end);
  return escaped ? inner.replace(/\\(.)/g, '$1') : inner;
}

function isNumber(raw: string): boolean {
  const n = raw.length;
  let i = raw.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const digitsStart = i;
  while (i < n && isDigit(raw.charCodeAt(i))) i++;
  if (i === digitsStart) return false;
  if (i < n && raw.charCodeAt(i) === 46 /* . */) {
    const fractionStart = ++i;
    while (i < n && isDigit(raw.charCodeAt(i))) i++;
    if (i === fractionStart) return false;
  }
  return i === n;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Identifiers an expression mentions, outside string literals, skipping member names (`Cloud.Cluster`) and
 * function names (`ifThenElse(`): the candidates for parameter references.
 */
export function identifiers(expr: string): string[] {
  const found: string[] = [];
  const n = expr.length;
  let i = 0;
  while (i < n) {
    const c = expr.charCodeAt(i);
    if (c === 34 || c === 39) {
      i++;
      while (i < n && expr.charCodeAt(i) !== c) i += expr.charCodeAt(i) === 92 ? 2 : 1;
      i++;
    } else if (isIdentifierStart(c)) {
      const start = i;
      while (i < n && isIdentifierChar(expr.charCodeAt(i))) i++;
      const member = start > 0 && expr.charCodeAt(start - 1) === 46; /* . */
      let next = i;
      while (next < n && (expr.charCodeAt(next) === 32 || expr.charCodeAt(next) === 9)) next++;
      const call = next < n && expr.charCodeAt(next) === 40; /* ( */
      if (!member && !call) found.push(expr.slice(start, i));
    } else if (isDigit(c)) {
      while (i < n && isIdentifierChar(expr.charCodeAt(i))) i++;
    } else i++;
  }
  return found;
}
