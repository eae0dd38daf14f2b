// Every key ccnet writes in Redis, under one prefix, so several bots (or a test run) can share a server.
const DEFAULT_PREFIX = 'ccnet:';

export interface RedisKeys {
  /** Hash: version, expiresAt, owner and the record as JSON. */
  session(id: string): string;
  /** Sorted set of an owner's session ids, scored by expiresAt. */
  owner(owner: string): string;
  /** A delivery already handled (SET NX PX). */
  delivery(key: string): string;
  /** The session id a thread belongs to (SET PX). */
  thread(channel: string, threadTs: string): string;
  /** An uploaded template's bytes, by the sha256 of its text (SET PX). */
  template(key: string): string;
}

export function redisKeys(prefix = DEFAULT_PREFIX): RedisKeys {
  return {
    session: (id) => `${prefix}session:${id}`,
    // Owners are Slack ids or OS user names; encoding keeps a `:` in a name from reaching another key space.
    owner: (owner) => `${prefix}owner:${encodeURIComponent(owner)}`,
    delivery: (key) => `${prefix}delivery:${key}`,
    template: (key) => `${prefix}template:${key}`,
    thread: (channel, threadTs) =>
      `${prefix}thread:${encodeURIComponent(channel)}:${encodeURIComponent(threadTs)}`,
  };
}
