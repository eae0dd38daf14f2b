// A SessionStore that counts the calls made to it, around a real one: how tests prove what one interaction costs.
import type {
  PutOptions,
  PutResult,
  SessionDraft,
  SessionRecord,
  SessionStore,
} from '../../flows/ports/session-store.ts';

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
