// Uploaded templates are kept compressed in the session (a 45 KB template packs to about 11 KB) and parsed again
// only when a diagnosis needs them; a small cache spares re-parsing within one process.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { parseTemplate } from '../knowledge/template/index.ts';
import type { ParsedTemplate } from '../knowledge/template/types.ts';

/** Larger uploads are refused before they reach a session (adapters check file sizes first). */
export const MAX_TEMPLATE_CHARS = 512 * 1024;

export function packTemplate(text: string): string {
  return deflateRawSync(Buffer.from(text, 'utf8')).toString('base64');
}

export function unpackTemplate(packed: string): string {
  return inflateRawSync(Buffer.from(packed, 'base64')).toString('utf8');
}

const CACHE_SIZE = 16;
const parsed = new Map<string, ParsedTemplate>();

/** Packs and parses a fresh upload; the parse is remembered for the diagnosis that follows. */
export function packAndParse(text: string): { packed: string; template: ParsedTemplate } {
  const packed = packTemplate(text);
  const template = parseTemplate(text);
  remember(packed, template);
  return { packed, template };
}

/** Parses a packed template, reusing a recent parse of the same text. */
export function parsePacked(packed: string): ParsedTemplate {
  const hit = parsed.get(packed);
  if (hit) {
    parsed.delete(packed);
    parsed.set(packed, hit);
    return hit;
  }
  const template = parseTemplate(unpackTemplate(packed));
  remember(packed, template);
  return template;
}

function remember(packed: string, template: ParsedTemplate): void {
  parsed.set(packed, template);
  if (parsed.size > CACHE_SIZE) {
    const oldest = parsed.keys().next();
    if (!oldest.done) parsed.delete(oldest.value);
  }
}
