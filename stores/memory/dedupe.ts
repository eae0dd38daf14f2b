// DeliveryDedupe for a single process: RecentKeys behind the shared interface. Keys are remembered per window
// length, since RecentKeys has one window; callers use one window per kind of key.

import type { DeliveryDedupe } from '../../flows/ports/delivery-dedupe.ts';
import { RecentKeys } from './recent-keys.ts';

export class MemoryDeliveryDedupe implements DeliveryDedupe {
  readonly #byWindow = new Map<number, RecentKeys>();
  readonly #options: { max?: number; now?: () => number };

  constructor(options: { max?: number; now?: () => number } = {}) {
    this.#options = options;
  }

  async firstTime(key: string, ttlMs: number): Promise<boolean> {
    let keys = this.#byWindow.get(ttlMs);
    if (keys === undefined) {
      keys = new RecentKeys({ ...this.#options, ttlMs });
      this.#byWindow.set(ttlMs, keys);
    }
    return keys.firstTime(key);
  }

  async release(key: string): Promise<void> {
    for (const keys of this.#byWindow.values()) keys.forget(key);
  }
}
