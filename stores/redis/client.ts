// One ioredis client per process (REDIS_URL), shared by the session store and the delivery dedupe. Tuned to fail
// fast instead of queueing: while Redis is away every call rejects at once with a STORE_UNAVAILABLE error, a hung
// server is given up on after a command timeout, and the client keeps reconnecting in the background so the bot
// recovers by itself when Redis returns.
import { Redis, type RedisOptions } from 'ioredis';
import { storeUnavailable } from '../../flows/ports/session-store.ts';
import { CcnetError } from '../../knowledge/errors.ts';

export interface RedisClientOptions {
  /** How long one connection attempt may take. */
  connectTimeoutMs?: number;
  /** How long one command may wait for its reply before it is given up on. */
  commandTimeoutMs?: number;
  /** Told when Redis becomes unreachable and when it is back, once per change (for the log). */
  onAvailability?: (change: { available: boolean; target: string; reason?: string }) => void;
}

/** Reconnect quickly at first, then every 2 s, forever: a Redis restart must not need a bot restart. */
function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 100, 2_000);
}

function redisOptions(options: RedisClientOptions = {}): RedisOptions {
  return {
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    commandTimeout: options.commandTimeoutMs ?? 2_000,
    // No offline queue and no resending: a call made while Redis is away fails now rather than running
    // minutes later, after its caller has already told the person it failed.
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    retryStrategy: reconnectDelay,
  };
}

/** Host and port of a Redis URL, never its password: safe for logs and replies. */
export function redisTarget(url: string): string {
  const parsed = parseRedisUrl(url);
  return `${parsed.hostname || 'localhost'}:${parsed.port || '6379'}`;
}

/** A client that is connecting in the background; calls reject with a STORE_UNAVAILABLE error until it is ready. */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const target = redisTarget(url);
  const redis = new Redis(url, redisOptions(options));
  let available: boolean | undefined;
  const report = (now: boolean, reason?: string) => {
    if (available === now) return;
    available = now;
    options.onAvailability?.({ available: now, target, ...(reason === undefined ? {} : { reason }) });
  };
  // A listener is required anyway: without one ioredis prints every failed reconnect attempt.
  redis.on('error', (error: Error) => report(false, error.message));
  redis.on('close', () => report(false, 'the connection closed'));
  redis.on('ready', () => report(true));
  return redis;
}

/**
 * A client that answered: for start-up, so a wrong REDIS_URL is reported at once instead of on the first message.
 * Rejects with a STORE_UNAVAILABLE error (and closes the client) when Redis is not ready within `waitMs`.
 */
export async function openRedis(
  url: string,
  options: RedisClientOptions & { waitMs?: number } = {},
): Promise<Redis> {
  const redis = createRedisClient(url, options);
  try {
    await whenReady(redis, options.waitMs ?? 5_000);
    return redis;
  } catch (error) {
    redis.disconnect();
    // At start-up the person reading is whoever set REDIS_URL: tell them what did not answer.
    throw new CcnetError(
      'STORE_UNAVAILABLE',
      `REDIS_URL: Redis at ${redisTarget(url)} did not answer: ${describe(error)}`,
      { cause: error },
    );
  }
}

/** Resolves once the client is ready; rejects after `waitMs` or when the client is closed for good. */
function whenReady(redis: Redis, waitMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let lastError = 'no answer';
    const onError = (error: Error) => {
      lastError = error.message;
    };
    const done = (error?: Error) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
      redis.off('end', onEnd);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onReady = () => done();
    const onEnd = () => done(new Error('the connection was closed'));
    const timer = setTimeout(() => done(new Error(`${lastError} (waited ${waitMs} ms)`)), waitMs);
    redis.on('ready', onReady);
    redis.on('error', onError);
    redis.on('end', onEnd);
  });
}

// Server replies that mean "not now" rather than "wrong command": the data set is loading, the server is a
// read-only replica after a failover, or a script or the cluster is busy.
const UNAVAILABLE_REPLIES = /^(LOADING|READONLY|MASTERDOWN|BUSY|CLUSTERDOWN|TRYAGAIN)\b/;

/** Runs Redis calls; connection trouble becomes a STORE_UNAVAILABLE error, other errors (a bug, bad data) pass through. */
export async function guarded<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isReplyError(error) && !UNAVAILABLE_REPLIES.test(error.message)) throw error;
    throw storeUnavailable(`Redis is unavailable (${what}): ${reason(error)}`, { cause: error });
  }
}

function reason(error: unknown): string {
  const message = describe(error);
  // ioredis's wording for "not connected right now" names an option; say what it means instead.
  return message.includes('enableOfflineQueue') ? 'not connected, reconnecting in the background' : message;
}

function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReplyError';
}

function parseRedisUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CcnetError('CONFIG', 'REDIS_URL is not a URL: use redis://host:6379 or rediss://host:6380');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new CcnetError(
      'CONFIG',
      `REDIS_URL must start with redis:// or rediss://, not ${parsed.protocol}//`,
    );
  }
  return parsed;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
