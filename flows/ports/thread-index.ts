// Which session a conversation thread belongs to (a Slack thread: channel + thread ts). Threads not in the index are
// not ccnet's and are left alone. Implementations: stores/memory, stores/file, stores/redis.

export interface ThreadIndex {
  /** The session started in this thread, or null when the thread is unknown or its entry expired. */
  lookup(channel: string, threadTs: string): Promise<string | null>;
  /** Points the thread at `sessionId` for `ttlMs`; a later call for the same thread wins. */
  remember(channel: string, threadTs: string, sessionId: string, ttlMs: number): Promise<void>;
}

/** Thread entries outlive the sessions they point to by a margin; an expired session then reads as expired. */
export const THREAD_INDEX_TTL_MS = 30 * 24 * 60 * 60 * 1000;
