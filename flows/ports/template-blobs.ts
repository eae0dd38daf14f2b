// Uploaded templates, stored once each under the sha256 of their text, so a session holds only that key (a 45 KB
// template made a session 12 KB). Implementations: stores/memory, stores/file, stores/redis; each forgets a blob after
// its time, like the sessions that point to it.

export interface TemplateBlobs {
  /** Stores `bytes` under `key` for `ttlMs` (a blob already there is kept, and lives at least that long). */
  put(key: string, bytes: Uint8Array, ttlMs: number): Promise<void>;
  /** The bytes stored under `key`, or null when unknown or expired. */
  get(key: string): Promise<Uint8Array | null>;
  /** Lets a stored blob live at least `ttlMs` more; false when it is gone. */
  touch(key: string, ttlMs: number): Promise<boolean>;
}

/** Keys are sha256 digests in lowercase hex: they end up in file names and Redis keys. */
export const TEMPLATE_KEY_PATTERN = /^[0-9a-f]{64}$/;

export function assertTemplateKey(key: string): void {
  if (!TEMPLATE_KEY_PATTERN.test(key)) throw new TypeError('A template key is a sha256 in lowercase hex.');
}
