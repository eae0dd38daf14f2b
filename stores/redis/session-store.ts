// SessionStore in Redis, shared by every replica of the bot. One hash per session (version, expiresAt, owner, the
// record as JSON); writes are compare-and-set in a Lua script (redis-scripts.ts). Each owner has a sorted set of
// session ids scored by expiresAt, pruned whenever it is listed.
//
// Expiry: the store's clock decides, from the record's expiresAt, so every replica agrees with what the record
// says. Redis drops the keys a while later (EXPIRY_GRACE_MS) to reclaim memory; the grace also covers replicas
// whose clocks disagree by a few seconds.
import type { Redis } from 'ioredis';
import {
  assertValidSessionId,
  isValidSessionId,
  type PutOptions,
  type PutResult,
  parseSessionRecord,
  type SessionDraft,
  type SessionRecord,
  type SessionStore,
} from '../../flows/ports/session-store.ts';
import { guarded } from './client.ts';
import { type RedisKeys, redisKeys } from './keys.ts';
import { definePutScript, type PutScript } from './scripts.ts';

export const EXPIRY_GRACE_MS = 60_000;

export interface RedisStoreProblem {
  id: string;
  problem: string;
}

export interface RedisSessionStoreOptions {
  /** A client from createRedisClient/openRedis (fail-fast options); the store never closes it. */
  redis: Redis;
  /** Key prefix, so several bots or test runs can share one server. Default `ccnet:`. */
  prefix?: string;
  now?: () => number;
  /** Told about stored values that cannot be read as sessions; they are treated as absent. */
  onProblem?: (problem: RedisStoreProblem) => void;
}

export class RedisSessionStore implements SessionStore {
  readonly #redis: Redis;
  readonly #keys: RedisKeys;
  readonly #now: () => number;
  readonly #onProblem: (problem: RedisStoreProblem) => void;
  readonly #put: PutScript;

  constructor(options: RedisSessionStoreOptions) {
    this.#redis = options.redis;
    this.#keys = redisKeys(options.prefix);
    this.#now = options.now ?? Date.now;
    this.#onProblem = options.onProblem ?? (() => {});
    this.#put = definePutScript(options.redis);
  }

  async get(id: string): Promise<SessionRecord | null> {
    if (!isValidSessionId(id)) return null;
    const text = await guarded('get', () => this.#redis.hget(this.#keys.session(id), 'record'));
    return this.#live(id, text, this.#now());
  }

  async put(draft: SessionDraft, options: PutOptions): Promise<PutResult> {
    assertValidSessionId(draft.id);
    const now = this.#now();
    const record: SessionRecord = {
      ...draft,
      version: options.expectedVersion + 1,
      expiresAt: now + options.ttlMs,
    };
    const text = JSON.stringify(record);
    const reply = await guarded('put', () =>
      this.#put(
        [this.#keys.session(draft.id), this.#keys.owner(draft.owner)],
        [
          String(options.expectedVersion),
          String(now),
          String(record.version),
          String(record.expiresAt),
          String(Math.max(1, Math.ceil(options.ttlMs + EXPIRY_GRACE_MS))),
          text,
          draft.owner,
          draft.id,
        ],
      ),
    );
    if (!Array.isArray(reply) || reply[0] !== 1) {
      const current = Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : null;
      return { ok: false, conflict: true, current: this.#live(draft.id, current, now) };
    }
    return { ok: true, record: JSON.parse(text) };
  }

  async delete(id: string): Promise<void> {
    if (!isValidSessionId(id)) return;
    const key = this.#keys.session(id);
    const owner = await guarded('delete', () => this.#redis.hget(key, 'owner'));
    const batch = this.#redis.multi().del(key);
    if (owner !== null) batch.zrem(this.#keys.owner(owner), id);
    await guarded('delete', () => batch.exec());
  }

  async listByOwner(owner: string): Promise<SessionRecord[]> {
    const now = this.#now();
    const index = this.#keys.owner(owner);
    const ids = await guarded('list', async () => {
      await this.#redis.zremrangebyscore(index, '-inf', now);
      return this.#redis.zrange(index, 0, -1);
    });
    if (ids.length === 0) return [];
    const texts = await guarded('list', () =>
      Promise.all(ids.map((id) => this.#redis.hget(this.#keys.session(id), 'record'))),
    );
    const live: SessionRecord[] = [];
    const stale: string[] = [];
    ids.forEach((id, i) => {
      const record = isValidSessionId(id) ? this.#live(id, texts[i] ?? null, now) : null;
      if (record !== null && record.owner === owner) live.push(record);
      else stale.push(id);
    });
    // Deleted, expired by Redis or taken over by another owner: drop them from this owner's index.
    if (stale.length > 0) await guarded('list', () => this.#redis.zrem(index, ...stale));
    return live.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  #live(id: string, text: string | null, now: number): SessionRecord | null {
    if (text === null) return null;
    const record = parseSessionRecord(text);
    if (typeof record === 'string') {
      this.#onProblem({ id, problem: record });
      return null;
    }
    if (record.id !== id) {
      this.#onProblem({ id, problem: `holds session "${record.id}"` });
      return null;
    }
    return record.expiresAt > now ? record : null;
  }
}
