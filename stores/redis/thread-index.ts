// ThreadIndex shared by every replica: one key per thread holding its session id, dropped by Redis after the TTL.
import type { Redis } from 'ioredis';
import { isValidSessionId } from '../../flows/ports/session-store.ts';
import type { ThreadIndex } from '../../flows/ports/thread-index.ts';
import { guarded } from './client.ts';
import { type RedisKeys, redisKeys } from './keys.ts';

export class RedisThreadIndex implements ThreadIndex {
  readonly #redis: Redis;
  readonly #keys: RedisKeys;

  /** `redis` from createRedisClient/openRedis; `prefix` as for RedisSessionStore. */
  constructor(options: { redis: Redis; prefix?: string }) {
    this.#redis = options.redis;
    this.#keys = redisKeys(options.prefix);
  }

  async lookup(channel: string, threadTs: string): Promise<string | null> {
    const id = await guarded('thread lookup', () => this.#redis.get(this.#keys.thread(channel, threadTs)));
    return id !== null && isValidSessionId(id) ? id : null;
  }

  async remember(channel: string, threadTs: string, sessionId: string, ttlMs: number): Promise<void> {
    const px = Math.max(1, Math.ceil(ttlMs));
    await guarded('thread remember', () =>
      this.#redis.set(this.#keys.thread(channel, threadTs), sessionId, 'PX', px),
    );
  }
}
