// DeliveryDedupe shared by every replica: the first replica to SET the key (NX) handles the delivery; Redis forgets
// the key after the window (PX), so a key offered again later is handled again.
import type { Redis } from 'ioredis';
import type { DeliveryDedupe } from '../../flows/ports/delivery-dedupe.ts';
import { guarded } from './client.ts';
import { type RedisKeys, redisKeys } from './keys.ts';

export class RedisDeliveryDedupe implements DeliveryDedupe {
  readonly #redis: Redis;
  readonly #keys: RedisKeys;

  /** `redis` from createRedisClient/openRedis; `prefix` as for RedisSessionStore. */
  constructor(options: { redis: Redis; prefix?: string }) {
    this.#redis = options.redis;
    this.#keys = redisKeys(options.prefix);
  }

  async firstTime(key: string, ttlMs: number): Promise<boolean> {
    const px = Math.max(1, Math.ceil(ttlMs));
    const reply = await guarded('dedupe', () =>
      this.#redis.set(this.#keys.delivery(key), '1', 'PX', px, 'NX'),
    );
    return reply === 'OK';
  }

  async release(key: string): Promise<void> {
    await guarded('dedupe', () => this.#redis.del(this.#keys.delivery(key)));
  }
}
