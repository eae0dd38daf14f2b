// Keys seen recently, so a retried delivery or a double click is handled once. Bounded in size and age; in process
// memory, which is enough because Slack retries within minutes and each click carries the session version too.
export class RecentKeys {
  readonly #seen = new Map<string, number>();
  readonly #max: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: { max?: number; ttlMs?: number; now?: () => number } = {}) {
    this.#max = options.max ?? 10_000;
    this.#ttlMs = options.ttlMs ?? 15 * 60 * 1000;
    this.#now = options.now ?? Date.now;
  }

  forget(key: string): void {
    this.#seen.delete(key);
  }

  /** True the first time `key` is offered within the window; false for repeats. */
  firstTime(key: string): boolean {
    const now = this.#now();
    const at = this.#seen.get(key);
    if (at !== undefined && now - at < this.#ttlMs) return false;
    this.#seen.delete(key);
    this.#seen.set(key, now);
    while (this.#seen.size > this.#max) {
      const oldest = this.#seen.keys().next();
      if (oldest.done === true) break;
      this.#seen.delete(oldest.value);
    }
    return true;
  }
}
