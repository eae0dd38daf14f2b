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

/**
 * Bytes as text, honouring a byte-order mark: UTF-8 (BOM dropped), and UTF-16 LE/BE as Windows PowerShell 5's `>`
 * writes them. Without a BOM the bytes are read as UTF-8; undecodable bytes become U+FFFD for `inputKind` to judge.
 */
export function decodeBytes(bytes: Uint8Array): string {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (le || be) {
    const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes);
    // Templates and logs are mostly ASCII; a binary file that merely starts with FF FE decodes to CJK-like noise.
    if (mostlyAscii(text)) return text;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

function mostlyAscii(text: string): boolean {
  const n = Math.min(text.length, SAMPLE);
  let ascii = 0;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) < 0x80) ascii++;
  return ascii * 2 >= n;
}

/** Line numbers (1-based) holding U+FFFD, the character `decodeBytes` puts where bytes were not valid UTF-8. */
export function undecodableLines(text: string): number[] {
  const found: number[] = [];
  let at = text.indexOf('\ufffd');
  let line = 1;
  let counted = 0;
  while (at !== -1) {
    for (let i = counted; i < at; i++) if (text.charCodeAt(i) === 10) line++;
    counted = at;
    if (found.at(-1) !== line) found.push(line);
    at = text.indexOf('\ufffd', at + 1);
  }
  return found;
}
