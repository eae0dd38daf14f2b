import { describe, expect, it } from 'vitest';
import {
  MemoryThreadIndex,
  StoreThreadIndex,
  THREAD_INDEX_OWNER,
  type ThreadIndex,
} from '../../bot/runtime/threads.ts';
import { FlowRunner } from '../../flows/runner.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';

function contract(name: string, make: () => ThreadIndex) {
  describe(`${name} thread index`, () => {
    it('finds the session of a thread it was told about, and nothing else', async () => {
      const index = make();
      await index.remember('C0OPS', '1700000001.000100', 'sess-1');
      expect(await index.lookup('C0OPS', '1700000001.000100')).toBe('sess-1');
      expect(await index.lookup('C0OPS', '1700000001.000200')).toBeNull();
      expect(await index.lookup('C0DEV', '1700000001.000100')).toBeNull();
    });

    it('the latest session for a thread wins', async () => {
      const index = make();
      await index.remember('C0OPS', '1.2', 'old');
      await index.remember('C0OPS', '1.2', 'new');
      expect(await index.lookup('C0OPS', '1.2')).toBe('new');
    });
  });
}

contract('memory', () => new MemoryThreadIndex());
contract('store-backed', () => new StoreThreadIndex(new MemorySessionStore(), { ttlMs: 60_000 }));

describe('store-backed index records', () => {
  it('stay out of people’s recent checks and cannot be driven as sessions', async () => {
    const store = new MemorySessionStore();
    const index = new StoreThreadIndex(store, { ttlMs: 60_000 });
    await index.remember('C0OPS', '1.2', 'sess-1');
    const runner = new FlowRunner({ store });
    expect(await runner.recent('U0ALICE')).toEqual([]);
    expect((await store.listByOwner(THREAD_INDEX_OWNER)).map((r) => r.meta.sessionId)).toEqual(['sess-1']);
    const [reply] = await runner.send('thread_C0OPS_1_2', { type: 'BACK' });
    expect(reply).toMatchObject({ kind: 'notice', code: 'SESSION_EXPIRED' });
  });

  it('expire with the store’s TTL', async () => {
    let now = 1_000;
    const store = new MemorySessionStore({ now: () => now });
    const index = new StoreThreadIndex(store, { ttlMs: 500, now: () => now });
    await index.remember('C0OPS', '1.2', 'sess-1');
    now = 2_000;
    expect(await index.lookup('C0OPS', '1.2')).toBeNull();
  });
});
