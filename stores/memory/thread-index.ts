// ThreadIndex in process memory: tests, the benchmarks, and a bot whose sessions live in memory too.
import type { ThreadIndex } from '../../flows/ports/thread-index.ts';

export class MemoryThreadIndex implements ThreadIndex {
  readonly #threads = new Map<string, { sessionId: string; expiresAt: number }>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async lookup(channel: string, threadTs: string): Promise<string | null> {
    const key = JSON.stringify([channel, threadTs]);
    const entry = this.#threads.get(key);
    if (entry === undefined) return null;
    if (entry.expiresAt > this.#now()) return entry.sessionId;
    this.#threads.delete(key);
    return null;
  }

  async remember(channel: string, threadTs: string, sessionId: string, ttlMs: number): Promise<void> {
    this.#threads.set(JSON.stringify([channel, threadTs]), { sessionId, expiresAt: this.#now() + ttlMs });
  }
}
