// The composition roots' one call for REDIS_URL: a connected client, the session store, the delivery dedupe, the
// thread index and the template blobs sharing it, and a close for shutdown.
import type { Redis } from 'ioredis';
import { openRedis, type RedisClientOptions } from './client.ts';
import { RedisDeliveryDedupe } from './dedupe.ts';
import { RedisSessionStore, type RedisSessionStoreOptions } from './session-store.ts';
import { RedisTemplateBlobs } from './template-blobs.ts';
import { RedisThreadIndex } from './thread-index.ts';

export interface RedisStores {
  sessions: RedisSessionStore;
  deliveries: RedisDeliveryDedupe;
  threads: RedisThreadIndex;
  templates: RedisTemplateBlobs;
  redis: Redis;
  /** Sends QUIT after pending replies; the stores reject with a STORE_UNAVAILABLE error afterwards. */
  close(): Promise<void>;
}

export type OpenRedisStoresOptions = RedisClientOptions &
  Omit<RedisSessionStoreOptions, 'redis'> & {
    /** How long to wait for Redis at start-up before giving up with a STORE_UNAVAILABLE error. */
    waitMs?: number;
  };

export async function openRedisStores(
  url: string,
  options: OpenRedisStoresOptions = {},
): Promise<RedisStores> {
  const redis = await openRedis(url, options);
  const { prefix, now, onProblem } = options;
  return {
    sessions: new RedisSessionStore({ redis, prefix, now, onProblem }),
    deliveries: new RedisDeliveryDedupe({ redis, prefix }),
    threads: new RedisThreadIndex({ redis, prefix }),
    templates: new RedisTemplateBlobs({ redis, prefix }),
    redis,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
