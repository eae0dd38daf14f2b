// Uploaded templates: each is stored once, compressed (a 45 KB template packs to about 11 KB), under the sha256 of
// its text (TemplateBlobs), and a session keeps only that key. Findings depend on the situation, so the template is
// parsed again when a diagnosis needs it; a small cache of parses by key spares that within one process.
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { parseTemplate } from '../knowledge/template/index.ts';
import type { ParsedTemplate } from '../knowledge/template/types.ts';

export {
  DEFAULT_MAX_TEMPLATE_BYTES,
  MAX_TEMPLATE_CHARS,
  tooLargeText,
  utf8Bytes,
} from '../knowledge/template/limits.ts';

function templateKey(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function packTemplate(text: string): Uint8Array {
  return deflateRawSync(Buffer.from(text, 'utf8'));
}

function unpackTemplate(bytes: Uint8Array): string {
  return inflateRawSync(bytes).toString('utf8');
}

const CACHE_SIZE = 16;
const parsed = new Map<string, ParsedTemplate>();

/** Parses a fresh upload and remembers the parse for the diagnosis that follows. */
export function readUpload(text: string): { key: string; template: ParsedTemplate } {
  const key = templateKey(text);
  const template = parsed.get(key) ?? parseTemplate(text);
  remember(key, template);
  return { key, template };
}

/** The parse of the template stored under `key`, when this process has it. */
export function parsedTemplate(key: string): ParsedTemplate | undefined {
  const hit = parsed.get(key);
  if (hit) remember(key, hit);
  return hit;
}

/** Parses stored bytes and remembers the parse; null when they are not the template `key` names. */
export function restoreTemplate(key: string, bytes: Uint8Array): ParsedTemplate | null {
  let text: string;
  try {
    text = unpackTemplate(bytes);
  } catch {
    return null;
  }
  if (templateKey(text) !== key) return null;
  const template = parseTemplate(text);
  remember(key, template);
  return template;
}

function remember(key: string, template: ParsedTemplate): void {
  parsed.delete(key);
  parsed.set(key, template);
  if (parsed.size > CACHE_SIZE) {
    const oldest = parsed.keys().next();
    if (!oldest.done) parsed.delete(oldest.value);
  }
}
