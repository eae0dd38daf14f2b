// SessionStore in process memory: tests, and the terminal chat when nothing may be written to disk.
// Records are stored as JSON text, so callers never share objects with the store and the shape stays JSON-safe.
import {
  assertValidSessionId,
  isValidSessionId,
  type PutOptions,
  type PutResult,
  type SessionDraft,
  type SessionRecord,
  type SessionStore,
} from '../../flows/ports/session-store.ts';

export class MemorySessionStore implements SessionStore {
  readonly #records = new Map<string, string>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async get(id: string): Promise<SessionRecord | null> {
    return isValidSessionId(id) ? this.#live(id) : null;
  }

  async put(draft: SessionDraft, options: PutOptions): Promise<PutResult> {
    assertValidSessionId(draft.id);
    const current = this.#live(draft.id);
    if ((current?.version ?? 0) !== options.expectedVersion) return { ok: false, conflict: true, current };
    const record: SessionRecord = {
      ...draft,
      version: options.expectedVersion + 1,
      expiresAt: this.#now() + options.ttlMs,
    };
    // The store keeps the text; the caller may keep the object it wrote.
    this.#records.set(record.id, JSON.stringify(record));
    return { ok: true, record };
  }

  async delete(id: string): Promise<void> {
    this.#records.delete(id);
  }

  async listByOwner(owner: string): Promise<SessionRecord[]> {
    const records: SessionRecord[] = [];
    for (const id of [...this.#records.keys()]) {
      const record = this.#live(id);
      if (record?.owner === owner) records.push(record);
    }
    return records.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  #live(id: string): SessionRecord | null {
    const text = this.#records.get(id);
    if (text === undefined) return null;
    const record: SessionRecord = JSON.parse(text);
    if (record.expiresAt <= this.#now()) {
      this.#records.delete(id);
      return null;
    }
    return record;
  }
}
