// A SessionStore and TemplateBlobs that count the calls made to them, around real ones: how tests prove what one
// interaction costs.
import type {
  PutOptions,
  PutResult,
  SessionDraft,
  SessionRecord,
  SessionStore,
} from '../../flows/ports/session-store.ts';
import type { TemplateBlobs } from '../../flows/ports/template-blobs.ts';

export class CountingStore implements SessionStore {
  gets = 0;
  puts = 0;
  lists = 0;
  readonly #inner: SessionStore;

  constructor(inner: SessionStore) {
    this.#inner = inner;
  }

  reset(): void {
    this.gets = 0;
    this.puts = 0;
    this.lists = 0;
  }

  get(id: string): Promise<SessionRecord | null> {
    this.gets += 1;
    return this.#inner.get(id);
  }

  put(draft: SessionDraft, options: PutOptions): Promise<PutResult> {
    this.puts += 1;
    return this.#inner.put(draft, options);
  }

  delete(id: string): Promise<void> {
    return this.#inner.delete(id);
  }

  listByOwner(owner: string): Promise<SessionRecord[]> {
    this.lists += 1;
    return this.#inner.listByOwner(owner);
  }
}

export class CountingBlobs implements TemplateBlobs {
  puts = 0;
  gets = 0;
  touches = 0;
  readonly inner: TemplateBlobs;

  constructor(inner: TemplateBlobs) {
    this.inner = inner;
  }

  reset(): void {
    this.puts = 0;
    this.gets = 0;
    this.touches = 0;
  }

  put(key: string, bytes: Uint8Array, ttlMs: number): Promise<void> {
    this.puts += 1;
    return this.inner.put(key, bytes, ttlMs);
  }

  get(key: string): Promise<Uint8Array | null> {
    this.gets += 1;
    return this.inner.get(key);
  }

  touch(key: string, ttlMs: number): Promise<boolean> {
    this.touches += 1;
    return this.inner.touch(key, ttlMs);
  }
}
