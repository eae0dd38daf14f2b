// TemplateBlobs in process memory: tests, and one process that keeps its sessions in memory too.
import { assertTemplateKey, type TemplateBlobs } from '../../flows/ports/template-blobs.ts';

export class MemoryTemplateBlobs implements TemplateBlobs {
  readonly #blobs = new Map<string, { bytes: Uint8Array; expiresAt: number }>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async put(key: string, bytes: Uint8Array, ttlMs: number): Promise<void> {
    assertTemplateKey(key);
    const kept = this.#live(key);
    const expiresAt = Math.max(kept?.expiresAt ?? 0, this.#now() + ttlMs);
    this.#blobs.set(key, { bytes: kept?.bytes ?? Uint8Array.from(bytes), expiresAt });
  }

  async get(key: string): Promise<Uint8Array | null> {
    const blob = this.#live(key);
    return blob ? Uint8Array.from(blob.bytes) : null;
  }

  async touch(key: string, ttlMs: number): Promise<boolean> {
    const blob = this.#live(key);
    if (!blob) return false;
    blob.expiresAt = Math.max(blob.expiresAt, this.#now() + ttlMs);
    return true;
  }

  #live(key: string) {
    const blob = this.#blobs.get(key);
    if (blob === undefined) return undefined;
    if (blob.expiresAt > this.#now()) return blob;
    this.#blobs.delete(key);
    return undefined;
  }
}
