// TemplateBlobs on disk: one file per template in <dir>/templates, named by its key, written through a temp file
// renamed over it. A blob's expiry is its file's modification time (set into the future), so extending it is one
// utimes call and no index file is needed. Expired blobs are removed when met.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  assertTemplateKey,
  TEMPLATE_KEY_PATTERN,
  type TemplateBlobs,
} from '../../flows/ports/template-blobs.ts';

let tempCounter = 0;

export class FileTemplateBlobs implements TemplateBlobs {
  readonly #dir: string;
  readonly #now: () => number;

  /** `dir` is the data dir (CCNET_DATA_DIR); blobs go to its `templates` folder, created on first write. */
  constructor(options: { dir: string; now?: () => number }) {
    this.#dir = path.join(options.dir, 'templates');
    this.#now = options.now ?? Date.now;
  }

  async put(key: string, bytes: Uint8Array, ttlMs: number): Promise<void> {
    assertTemplateKey(key);
    if (this.#extend(key, ttlMs)) return;
    mkdirSync(this.#dir, { recursive: true });
    tempCounter += 1;
    const file = this.#file(key);
    const temp = `${file}.${process.pid}.${tempCounter}.tmp`;
    try {
      writeFileSync(temp, bytes);
      const expiresAt = new Date(this.#now() + ttlMs);
      utimesSync(temp, expiresAt, expiresAt);
      renameSync(temp, file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    if (!TEMPLATE_KEY_PATTERN.test(key) || this.#expiresAt(key) === null) return null;
    try {
      return readFileSync(this.#file(key));
    } catch {
      return null;
    }
  }

  async touch(key: string, ttlMs: number): Promise<boolean> {
    return TEMPLATE_KEY_PATTERN.test(key) && this.#extend(key, ttlMs);
  }

  #file(key: string): string {
    return path.join(this.#dir, `${key}.bin`);
  }

  /** When the blob expires, or null when it is absent (an expired one is removed). */
  #expiresAt(key: string): number | null {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(this.#file(key)).mtimeMs;
    } catch {
      return null;
    }
    if (mtimeMs > this.#now()) return mtimeMs;
    rmSync(this.#file(key), { force: true });
    return null;
  }

  /** Makes a live blob last at least `ttlMs` more; false when there is none. */
  #extend(key: string, ttlMs: number): boolean {
    const expiresAt = this.#expiresAt(key);
    if (expiresAt === null) return false;
    const wanted = this.#now() + ttlMs;
    if (wanted > expiresAt) {
      try {
        utimesSync(this.#file(key), new Date(wanted), new Date(wanted));
      } catch {
        return false;
      }
    }
    return true;
  }
}
