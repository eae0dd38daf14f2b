// Which session a Slack thread belongs to. Threads not in the index are not ours and are ignored.
// The store-backed index keeps one small record per thread in the SessionStore (file now, Redis later), so a
// restarted bot still knows its threads; the session's own meta holds the same channel and thread ts.
import type { SessionStore } from '../../flows/session-store.ts';

export interface ThreadIndex {
  lookup(channel: string, threadTs: string): Promise<string | null>;
  remember(channel: string, threadTs: string, sessionId: string): Promise<void>;
}

export class MemoryThreadIndex implements ThreadIndex {
  readonly #threads = new Map<string, string>();

  async lookup(channel: string, threadTs: string): Promise<string | null> {
    return this.#threads.get(`${channel}/${threadTs}`) ?? null;
  }

  async remember(channel: string, threadTs: string, sessionId: string): Promise<void> {
    this.#threads.set(`${channel}/${threadTs}`, sessionId);
  }
}

/** Owner and flow of index records: never a person, never a flow the runner can restore. */
export const THREAD_INDEX_OWNER = 'ccnet:thread-index';
const THREAD_INDEX_FLOW = 'ccnet-thread-index@1';

export function threadRecordId(channel: string, threadTs: string): string {
  return `thread_${channel}_${threadTs}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

export class StoreThreadIndex implements ThreadIndex {
  readonly #store: SessionStore;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(store: SessionStore, options: { ttlMs: number; now?: () => number }) {
    this.#store = store;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  async lookup(channel: string, threadTs: string): Promise<string | null> {
    const record = await this.#store.get(threadRecordId(channel, threadTs));
    if (record === null || record.flow !== THREAD_INDEX_FLOW) return null;
    return record.meta.sessionId ?? null;
  }

  async remember(channel: string, threadTs: string, sessionId: string): Promise<void> {
    const id = threadRecordId(channel, threadTs);
    const current = await this.#store.get(id);
    const now = this.#now();
    await this.#store.put(
      {
        id,
        owner: THREAD_INDEX_OWNER,
        createdAt: current?.createdAt ?? now,
        updatedAt: now,
        flow: THREAD_INDEX_FLOW,
        snapshot: null,
        facts: {},
        sources: {},
        meta: { sessionId, channel, threadTs },
      },
      { ttlMs: this.#ttlMs, expectedVersion: current?.version ?? 0 },
    );
  }
}
