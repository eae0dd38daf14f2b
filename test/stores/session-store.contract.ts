// The one behaviour every SessionStore must have (memory, file, later Redis): run it with
// `sessionStoreContract(name, makeStore)`. Ids and owners are unique per test, so a shared backend works too.
import { describe, expect, it } from 'vitest';
import type { SessionDraft, SessionStore } from '../../flows/ports/session-store.ts';

export type MakeStore = (options: { now: () => number }) => SessionStore | Promise<SessionStore>;

const HOUR = 60 * 60 * 1000;

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export function draft(id: string, owner: string, updatedAt = 1_000): SessionDraft {
  return {
    id,
    owner,
    createdAt: 1_000,
    updatedAt,
    flow: 'contract-test',
    snapshot: { status: 'active', value: 'peering', context: { answers: { serverLocation: 'other-vnet' } } },
    facts: { cyclecloudVersion: 8, serverLocation: 'other-vnet', blockedPorts: [9443] },
    sources: { cyclecloudVersion: 'profile', serverLocation: 'answer', blockedPorts: 'symptom' },
    meta: { channel: 'C0123', threadTs: '1700000000.000100' },
  };
}

export function sessionStoreContract(name: string, makeStore: MakeStore): void {
  describe(`SessionStore contract: ${name}`, () => {
    let clock = 1_000_000;
    const now = () => clock;
    const store = () => makeStore({ now });

    it('returns what was put, with version 1 and an expiry', async () => {
      const s = await store();
      const id = unique('round');
      const written = await s.put(
        { ...draft(id, 'ann'), outcome: { option: 'direct', errors: 1, warnings: 2, at: 5 } },
        { ttlMs: HOUR, expectedVersion: 0 },
      );
      expect(written.ok).toBe(true);
      const read = await s.get(id);
      expect(read).toEqual({
        ...draft(id, 'ann'),
        outcome: { option: 'direct', errors: 1, warnings: 2, at: 5 },
        version: 1,
        expiresAt: clock + HOUR,
      });
      if (written.ok) expect(written.record).toEqual(read);
    });

    it('knows nothing of unknown ids and refuses ids that could escape a folder or key space', async () => {
      const s = await store();
      expect(await s.get(unique('missing'))).toBeNull();
      for (const bad of ['../escape', 'a/b', '', 'a b', 'x'.repeat(200)]) {
        expect(await s.get(bad)).toBeNull();
        await expect(s.put(draft(bad, 'ann'), { ttlMs: HOUR, expectedVersion: 0 })).rejects.toThrow(
          /session id/i,
        );
      }
    });

    it('treats a session past its expiry as absent', async () => {
      const s = await store();
      const id = unique('expiry');
      const owner = unique('owner');
      await s.put(draft(id, owner), { ttlMs: 1_000, expectedVersion: 0 });
      clock += 999;
      expect((await s.get(id))?.id).toBe(id);
      clock += 1;
      expect(await s.get(id)).toBeNull();
      expect(await s.listByOwner(owner)).toEqual([]);
      // An expired session can be started again from version 0.
      expect((await s.put(draft(id, owner), { ttlMs: 1_000, expectedVersion: 0 })).ok).toBe(true);
    });

    it('extends the expiry on every write', async () => {
      const s = await store();
      const id = unique('extend');
      await s.put(draft(id, 'ann'), { ttlMs: 1_000, expectedVersion: 0 });
      clock += 900;
      await s.put(draft(id, 'ann'), { ttlMs: 1_000, expectedVersion: 1 });
      clock += 900;
      expect((await s.get(id))?.version).toBe(2);
    });

    it('reports a conflict instead of overwriting when the version moved', async () => {
      const s = await store();
      const id = unique('cas');
      expect((await s.put(draft(id, 'ann'), { ttlMs: HOUR, expectedVersion: 0 })).ok).toBe(true);
      const again = await s.put(draft(id, 'bob'), { ttlMs: HOUR, expectedVersion: 0 });
      expect(again).toMatchObject({ ok: false, conflict: true, current: { version: 1, owner: 'ann' } });
      const second = await s.put(
        { ...draft(id, 'ann'), meta: { step: 'two' } },
        { ttlMs: HOUR, expectedVersion: 1 },
      );
      expect(second.ok && second.record.version).toBe(2);
      const stale = await s.put(
        { ...draft(id, 'ann'), meta: { step: 'stale' } },
        { ttlMs: HOUR, expectedVersion: 1 },
      );
      expect(stale).toMatchObject({ ok: false, current: { version: 2 } });
      expect((await s.get(id))?.meta).toEqual({ step: 'two' });
      const missing = await s.put(draft(unique('absent'), 'ann'), { ttlMs: HOUR, expectedVersion: 3 });
      expect(missing).toMatchObject({ ok: false, current: null });
    });

    it('loses no answer when many writers race on one session', async () => {
      const s = await store();
      const id = unique('race');
      await s.put(draft(id, 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
      const writers = 20;
      await Promise.all(
        Array.from({ length: writers }, async (_, i) => {
          for (;;) {
            const current = await s.get(id);
            if (!current) throw new Error('session vanished');
            const { version, expiresAt, ...rest } = current;
            const result = await s.put(
              { ...rest, meta: { ...current.meta, [`answer${i}`]: String(i) } },
              { ttlMs: HOUR, expectedVersion: version },
            );
            if (result.ok) return;
          }
        }),
      );
      const final = await s.get(id);
      expect(final?.version).toBe(writers + 1);
      for (let i = 0; i < writers; i++) expect(final?.meta[`answer${i}`]).toBe(String(i));
    });

    it("lists one owner's live sessions, most recently updated first", async () => {
      const s = await store();
      const owner = unique('owner');
      const [a, b, c] = [unique('a'), unique('b'), unique('c')];
      await s.put(draft(a, owner, 3_000), { ttlMs: HOUR, expectedVersion: 0 });
      await s.put(draft(b, owner, 9_000), { ttlMs: HOUR, expectedVersion: 0 });
      await s.put(draft(c, owner, 5_000), { ttlMs: 10, expectedVersion: 0 });
      await s.put(draft(unique('other'), unique('someone-else'), 7_000), { ttlMs: HOUR, expectedVersion: 0 });
      expect((await s.listByOwner(owner)).map((r) => r.id)).toEqual([b, c, a]);
      clock += 10;
      expect((await s.listByOwner(owner)).map((r) => r.id)).toEqual([b, a]);
      expect(await s.listByOwner(unique('nobody'))).toEqual([]);
    });

    it('deletes sessions, and deleting an unknown one is harmless', async () => {
      const s = await store();
      const id = unique('delete');
      await s.put(draft(id, 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
      await s.delete(id);
      expect(await s.get(id)).toBeNull();
      await s.delete(id);
      await s.delete('../not-an-id');
    });
  });
}
