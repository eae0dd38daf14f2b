import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStore } from '../../flows/ports/session-store.ts';
import { createRedisClient, openRedis, redisTarget } from '../../stores/redis/client.ts';
import { RedisDeliveryDedupe } from '../../stores/redis/dedupe.ts';
import { openRedisStores } from '../../stores/redis/index.ts';
import {
  EXPIRY_GRACE_MS,
  RedisSessionStore,
  type RedisStoreProblem,
} from '../../stores/redis/session-store.ts';
import { RedisTemplateBlobs } from '../../stores/redis/template-blobs.ts';
import { RedisThreadIndex } from '../../stores/redis/thread-index.ts';
import { type RedisServer, redisSkipReason, startRedisServer } from '../support/redis-server.ts';
import { deliveryDedupeContract } from './delivery-dedupe.contract.ts';
import { draft, sessionStoreContract } from './session-store.contract.ts';
import { templateBlobsContract } from './template-blobs.contract.ts';
import { threadIndexContract } from './thread-index.contract.ts';

const HOUR = 3_600_000;
const hasRedis = redisSkipReason === null;

let run = 0;
/** A key prefix of its own per store, so tests never see each other's owners. */
function prefix(): string {
  run += 1;
  return `ccnet-test:${process.pid}:${run}:`;
}

/** Resolves once the client is connected again (it reconnects by itself). */
async function reconnected(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') await once(redis, 'ready');
}

describe.runIf(hasRedis)('Redis stores', () => {
  let server: RedisServer;
  const clients: Redis[] = [];
  const client = (url: string = server.url) => {
    const redis = createRedisClient(url);
    clients.push(redis);
    return redis;
  };
  let shared: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    shared = await openRedis(server.url);
    clients.push(shared);
  });
  afterAll(async () => {
    for (const redis of clients) redis.disconnect();
    await server?.stop();
  });

  sessionStoreContract('redis', ({ now }) => new RedisSessionStore({ redis: shared, prefix: prefix(), now }));

  // Redis keeps its own clock: let real time pass, a little more than asked so the key is surely gone.
  threadIndexContract(
    'redis',
    () => new RedisThreadIndex({ redis: shared, prefix: prefix() }),
    (ms) => sleep(ms + 25),
  );

  templateBlobsContract(
    'redis',
    () => new RedisTemplateBlobs({ redis: shared, prefix: prefix() }),
    (ms) => sleep(ms + 25),
  );

  deliveryDedupeContract('redis', async () => {
    const p = prefix();
    const second = client();
    await reconnected(second);
    return {
      clients: [
        new RedisDeliveryDedupe({ redis: shared, prefix: p }),
        new RedisDeliveryDedupe({ redis: second, prefix: p }),
      ],
      // Redis keeps its own clock: let real time pass, a little more than asked so the key is surely gone.
      elapse: (ms) => sleep(ms + 25),
    };
  });

  describe('RedisSessionStore across replicas', () => {
    it('shares sessions between two clients, as two bot replicas would', async () => {
      const p = prefix();
      const other = client();
      await reconnected(other);
      const a = new RedisSessionStore({ redis: shared, prefix: p });
      const b = new RedisSessionStore({ redis: other, prefix: p });
      await a.put(draft('thread-1', 'ann', 2_000), { ttlMs: HOUR, expectedVersion: 0 });
      await b.put(draft('thread-2', 'ann', 3_000), { ttlMs: HOUR, expectedVersion: 0 });
      expect((await b.get('thread-1'))?.meta.channel).toBe('C0123');
      expect((await a.listByOwner('ann')).map((r) => r.id)).toEqual(['thread-2', 'thread-1']);
      expect(await b.put(draft('thread-1', 'bob'), { ttlMs: HOUR, expectedVersion: 0 })).toMatchObject({
        ok: false,
        current: { owner: 'ann', version: 1 },
      });
    });

    it('loses no answer when two replicas race on one session', async () => {
      const p = prefix();
      const other = client();
      await reconnected(other);
      const stores = [
        new RedisSessionStore({ redis: shared, prefix: p }),
        new RedisSessionStore({ redis: other, prefix: p }),
      ];
      await stores[0]?.put(draft('race', 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
      const answer = async (store: SessionStore, name: string) => {
        for (;;) {
          const current = await store.get('race');
          if (!current) throw new Error('session vanished');
          const { version, expiresAt, ...rest } = current;
          const result = await store.put(
            { ...rest, meta: { ...current.meta, [name]: 'yes' } },
            { ttlMs: HOUR, expectedVersion: version },
          );
          if (result.ok) return;
        }
      };
      const names = Array.from({ length: 30 }, (_, i) => `answer${i}`);
      await Promise.all(names.map((name, i) => answer(stores[i % 2] as SessionStore, name)));
      const final = await stores[1]?.get('race');
      expect(final?.version).toBe(31);
      for (const name of names) expect(final?.meta[name]).toBe('yes');
    });

    it('lets Redis reclaim abandoned sessions a grace period after they expire', async () => {
      const p = prefix();
      const store = new RedisSessionStore({ redis: shared, prefix: p });
      await store.put(draft('ttl', 'ann'), { ttlMs: 10_000, expectedVersion: 0 });
      const left = await shared.pttl(`${p}session:ttl`);
      expect(left).toBeGreaterThan(10_000);
      expect(left).toBeLessThanOrEqual(10_000 + EXPIRY_GRACE_MS);
      expect(await shared.pttl(`${p}owner:ann`)).toBeGreaterThan(10_000);
    });

    it('keeps prefixes apart', async () => {
      const a = new RedisSessionStore({ redis: shared, prefix: prefix() });
      const b = new RedisSessionStore({ redis: shared, prefix: prefix() });
      await a.put(draft('same-id', 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
      expect(await b.get('same-id')).toBeNull();
      expect(await b.listByOwner('ann')).toEqual([]);
      expect((await b.put(draft('same-id', 'ann'), { ttlMs: HOUR, expectedVersion: 0 })).ok).toBe(true);
    });

    it('drops deleted sessions and sessions taken over by another owner from the owner list', async () => {
      const p = prefix();
      const store = new RedisSessionStore({ redis: shared, prefix: p });
      await store.put(draft('kept', 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
      await store.put(draft('gone', 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
      await store.put(draft('moved', 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
      await store.delete('gone');
      await store.put(draft('moved', 'bob'), { ttlMs: HOUR, expectedVersion: 1 });
      expect((await store.listByOwner('ann')).map((r) => r.id)).toEqual(['kept']);
      expect((await store.listByOwner('bob')).map((r) => r.id)).toEqual(['moved']);
      expect(await shared.zrange(`${p}owner:ann`, 0, -1)).toEqual(['kept']);
    });

    it('reports a stored value that is not a session, treats it as absent and lets it be replaced', async () => {
      const p = prefix();
      const problems: RedisStoreProblem[] = [];
      const store = new RedisSessionStore({ redis: shared, prefix: p, onProblem: (x) => problems.push(x) });
      await shared.hset(`${p}session:junk`, 'record', '{"id": "junk", "owner"');
      await shared.hset(`${p}session:foreign`, 'record', JSON.stringify({ hello: 'world' }));
      expect(await store.get('junk')).toBeNull();
      expect(await store.get('foreign')).toBeNull();
      expect(problems).toEqual([
        { id: 'junk', problem: 'not valid JSON' },
        { id: 'foreign', problem: 'not a ccnet session record' },
      ]);
      expect((await store.put(draft('junk', 'ann'), { ttlMs: HOUR, expectedVersion: 0 })).ok).toBe(true);
      expect((await store.get('junk'))?.version).toBe(1);
    });

    it('keeps owner names with key separators in their own list', async () => {
      const p = prefix();
      const store = new RedisSessionStore({ redis: shared, prefix: p });
      await store.put(draft('s1', 'ann:bob'), { ttlMs: HOUR, expectedVersion: 0 });
      await store.put(draft('s2', 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
      expect((await store.listByOwner('ann:bob')).map((r) => r.id)).toEqual(['s1']);
      expect((await store.listByOwner('ann')).map((r) => r.id)).toEqual(['s2']);
    });
  });

  it('opens both stores from REDIS_URL, and they stop cleanly on close', async () => {
    const stores = await openRedisStores(server.url, { prefix: prefix() });
    expect((await stores.sessions.put(draft('s1', 'ann'), { ttlMs: HOUR, expectedVersion: 0 })).ok).toBe(
      true,
    );
    expect(await stores.deliveries.firstTime('event:1', HOUR)).toBe(true);
    expect(await stores.deliveries.firstTime('event:1', HOUR)).toBe(false);
    await stores.close();
    await expect(stores.sessions.get('s1')).rejects.toMatchObject({
      name: 'CcnetError',
      code: 'STORE_UNAVAILABLE',
    });
  });

  describe('Redis down or restarting', () => {
    let flaky: RedisServer;
    beforeAll(async () => {
      flaky = await startRedisServer();
    });
    afterAll(async () => {
      await flaky?.stop();
    });

    it('rejects with STORE_UNAVAILABLE while Redis is stopped and recovers on the same client', async () => {
      const changes: boolean[] = [];
      const redis = createRedisClient(flaky.url, {
        onAvailability: (change) => changes.push(change.available),
      });
      clients.push(redis);
      await reconnected(redis);
      const store = new RedisSessionStore({ redis, prefix: prefix() });
      const dedupe = new RedisDeliveryDedupe({ redis, prefix: prefix() });
      await store.put(draft('before', 'ann'), { ttlMs: HOUR, expectedVersion: 0 });

      await flaky.stop();
      const unavailable = { name: 'CcnetError', code: 'STORE_UNAVAILABLE' };
      await expect(store.get('before')).rejects.toMatchObject({
        name: 'CcnetError',
        code: 'STORE_UNAVAILABLE',
      });
      await expect(
        store.put(draft('during', 'ann'), { ttlMs: HOUR, expectedVersion: 0 }),
      ).rejects.toMatchObject(unavailable);
      await expect(store.listByOwner('ann')).rejects.toMatchObject(unavailable);
      await expect(store.delete('before')).rejects.toMatchObject(unavailable);
      await expect(dedupe.firstTime('event:1', HOUR)).rejects.toMatchObject(unavailable);

      await flaky.start();
      await reconnected(redis);
      // A fresh server: the data is gone (no persistence) and the script must be loaded again.
      expect(await store.get('before')).toBeNull();
      expect((await store.put(draft('after', 'ann'), { ttlMs: HOUR, expectedVersion: 0 })).ok).toBe(true);
      expect((await store.listByOwner('ann')).map((r) => r.id)).toEqual(['after']);
      expect(await dedupe.firstTime('event:1', HOUR)).toBe(true);
      // The log hears of the outage once and of the recovery once.
      expect(changes).toEqual([true, false, true]);
    });

    it('gives up on a hung server with STORE_UNAVAILABLE instead of waiting for ever', async () => {
      const redis = createRedisClient(flaky.url, { commandTimeoutMs: 300 });
      clients.push(redis);
      await reconnected(redis);
      const store = new RedisSessionStore({ redis, prefix: prefix() });
      flaky.pause();
      try {
        await expect(store.get('anything')).rejects.toMatchObject({
          code: 'STORE_UNAVAILABLE',
          message: expect.stringMatching(/timed out/),
        });
      } finally {
        flaky.resume();
      }
      expect(await store.get('anything')).toBeNull();
    });

    it('says at start-up that Redis does not answer, without hanging or leaking a reconnect loop', async () => {
      const down = await startRedisServer();
      await down.stop();
      await expect(openRedis(down.url, { waitMs: 500 })).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        message: expect.stringContaining(`Redis at 127.0.0.1:${down.port} did not answer`),
      });
    });
  });
});

describe('Redis client settings', () => {
  it('refuses a REDIS_URL that is not a redis URL, and never shows a password', () => {
    expect(() => createRedisClient('localhost:6379')).toThrow(/REDIS_URL/);
    expect(() => createRedisClient('http://localhost:6379')).toThrow(/redis:\/\//);
    expect(redisTarget('redis://user:s3cret@cache.internal:6380/2')).toBe('cache.internal:6380');
    expect(redisTarget('rediss://:s3cret@cache.internal')).toBe('cache.internal:6379');
  });
});
