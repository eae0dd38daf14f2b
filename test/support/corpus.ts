// The public template corpus lives in ../shared/corpus (never copied here). Tests that read it skip, with a printed
// reason, where that folder is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/templates', import.meta.url));
export const corpusAvailable = existsSync(CORPUS_DIR);
if (!corpusAvailable) {
  console.warn(`[ccnet tests] corpus tests skipped: ${CORPUS_DIR} is absent`);
}

export function corpusFiles(): string[] {
  return corpusAvailable
    ? readdirSync(CORPUS_DIR)
        .filter((f) => f.endsWith('.txt'))
        .sort()
    : [];
}

export function readCorpus(name: string): string {
  return readFileSync(path.join(CORPUS_DIR, name), 'utf8');
}
