// What kind of input arrived, before any parsing: nothing, something binary, or text worth reading.
import { isBlank } from './scan.ts';

/** Characters sampled to judge whether a file is text. */
const SAMPLE = 1024;
/** Above this share of control characters and U+FFFD (undecodable bytes), the input is not text. */
const NON_TEXT_SHARE = 0.3;

export type InputKind = 'empty' | 'binary' | 'text';

export function inputKind(text: string): InputKind {
  if (text.indexOf('\u0000') !== -1) return 'binary';
  let first = 0;
  while (first < text.length && (text.charCodeAt(first) === 10 || isBlank(text.charCodeAt(first)))) first++;
  if (first === text.length) return 'empty';
  const n = Math.min(text.length, SAMPLE);
  let nonText = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11)) nonText++;
  }
  return nonText / n > NON_TEXT_SHARE ? 'binary' : 'text';
}
