// The session store's compare-and-set, as one Lua script: Redis runs it atomically, so two replicas answering the
// same thread at once cannot both win. Loaded with defineCommand, which sends EVALSHA and falls back to EVAL when
// the server forgot the script (after a restart).
import type { Redis } from 'ioredis';

/**
 * KEYS: session hash, owner index. ARGV: expected version, now, new version, expiresAt, Redis TTL ms, record JSON,
 * owner, id. A stored record past its expiresAt counts as absent (version 0), whatever Redis's own TTL says.
 * Returns {1} on success, {0} on a conflict with no live record, {0, json} on a conflict with the live record.
 */
const PUT = `
local stored = redis.call('HMGET', KEYS[1], 'version', 'expiresAt', 'record')
local version = 0
if stored[1] and stored[2] and tonumber(stored[2]) > tonumber(ARGV[2]) then
  version = tonumber(stored[1])
end
if version ~= tonumber(ARGV[1]) then
  if version == 0 then return {0} end
  return {0, stored[3]}
end
redis.call('HSET', KEYS[1], 'version', ARGV[3], 'expiresAt', ARGV[4], 'owner', ARGV[7], 'record', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[8])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[5]) then
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
end
return {1}
`;

export type PutScript = (keys: [string, string], args: string[]) => Promise<unknown>;

export function definePutScript(redis: Redis): PutScript {
  return defineScript(redis, 'ccnetSessionPut', 2, PUT);
}

function defineScript(redis: Redis, name: string, keyCount: number, lua: string): PutScript {
  redis.defineCommand(name, { numberOfKeys: keyCount, lua });
  const command: unknown = Reflect.get(redis, name);
  if (typeof command !== 'function') throw new Error(`ioredis did not define the ${name} script`);
  return (keys, args) => Promise.resolve(command.call(redis, ...keys, ...args));
}
