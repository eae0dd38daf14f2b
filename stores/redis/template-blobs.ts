// TemplateBlobs shared by every replica: one key per template holding its bytes, dropped by Redis after its time.
// Expiries only grow (PEXPIRE GT), so a replica with a shorter view never cuts a blob short.
import type { Redis } from 'ioredis';
import {
  assertTemplateKey,
  TEMPLATE_KEY_PATTERN,
  type TemplateBlobs,
} from '../../flows/ports/template-blobs.ts';
import { guarded } from './client.ts';
import { type RedisKeys, redisKeys } from './keys.ts';

export class RedisTemplateBlobs implements TemplateBlobs {
  readonly #redis: Redis;
  readonly #keys: RedisKeys;

  /** `redis` from createRedisClient/openRedis; `prefix` as for RedisSessionStore. */
  constructor(options: { redis: Redis; prefix?: string }) {
    this.#redis = options.redis;
    this.#keys = redisKeys(options.prefix);
  }

  async put(key: string, bytes: Uint8Array, ttlMs: number): Promise<void> {
    assertTemplateKey(key);
    const px = Math.max(1, Math.ceil(ttlMs));
    const name = this.#keys.template(key);
    const created = await guarded('template put', () =>
      this.#redis.set(name, Buffer.from(bytes), 'PX', px, 'NX'),
    );
    if (created === null) await guarded('template put', () => this.#redis.pexpire(name, px, 'GT'));
  }

  async get(key: string): Promise<Uint8Array | null> {
    if (!TEMPLATE_KEY_PATTERN.test(key)) return null;
    return guarded('template get', () => this.#redis.getBuffer(this.#keys.template(key)));
  }

  async touch(key: string, ttlMs: number): Promise<boolean> {
    if (!TEMPLATE_KEY_PATTERN.test(key)) return false;
    const px = Math.max(1, Math.ceil(ttlMs));
    const name = this.#keys.template(key);
    if ((await guarded('template touch', () => this.#redis.pexpire(name, px, 'GT'))) === 1) return true;
    // 0 also when it already lives longer than asked.
    return (await guarded('template touch', () => this.#redis.exists(name))) === 1;
  }
}
