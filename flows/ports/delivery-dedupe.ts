// Handling a Slack delivery once: a retried event or a double click is recognised by its key. One process can keep
// the keys in memory; several replicas behind one Slack app need a shared store (stores/redis/dedupe.ts).

export interface DeliveryDedupe {
  /**
   * True the first time `key` is offered within `ttlMs`, across everything sharing this dedupe; false for repeats.
   * Rejects with a STORE_UNAVAILABLE error when a shared backend cannot be reached.
   */
  firstTime(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Forgets `key`, so the same delivery is handled when offered again: for a delivery whose handling failed (a full
   * disk, a store that hung), so that pressing the same button again is a real retry, not a silent repeat.
   */
  release(key: string): Promise<void>;
}
