import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSessionStore, type FileStoreProblem } from '../../stores/file-store.ts';
import { draft, sessionStoreContract } from './session-store.contract.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ccnet-file-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

sessionStoreContract('file', async ({ now }) => new FileSessionStore({ dir: await tempDir(), now }));

const HOUR = 3_600_000;

describe('FileSessionStore on disk', () => {
  it('writes one JSON file per session and leaves no temp files behind', async () => {
    const dir = await tempDir();
    const store = new FileSessionStore({ dir });
    for (let v = 0; v < 5; v++) await store.put(draft('s1', 'ann'), { ttlMs: HOUR, expectedVersion: v });
    await store.put(draft('s2', 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
    expect((await readdir(path.join(dir, 'sessions'))).sort()).toEqual(['s1.json', 's2.json']);
    const saved = JSON.parse(await readFile(path.join(dir, 'sessions', 's1.json'), 'utf8'));
    expect(saved).toMatchObject({ id: 's1', version: 5, owner: 'ann' });
  });

  it('is read by a second store on the same directory (a restarted process)', async () => {
    const dir = await tempDir();
    await new FileSessionStore({ dir }).put(draft('kept', 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
    expect((await new FileSessionStore({ dir }).get('kept'))?.meta.channel).toBe('C0123');
  });

  it('reports corrupt and foreign files, skips them and keeps working', async () => {
    const dir = await tempDir();
    const problems: FileStoreProblem[] = [];
    const store = new FileSessionStore({ dir, onProblem: (p) => problems.push(p) });
    await store.put(draft('good', 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
    const sessions = path.join(dir, 'sessions');
    await writeFile(path.join(sessions, 'broken.json'), '{"id": "broken", "owner": "ann"');
    await writeFile(path.join(sessions, 'foreign.json'), JSON.stringify({ hello: 'world' }));
    await writeFile(
      path.join(sessions, 'moved.json'),
      JSON.stringify({ ...draft('other', 'ann'), version: 1, expiresAt: 9e15 }),
    );
    await writeFile(path.join(sessions, 'notes.txt'), 'not a session');
    await mkdir(path.join(sessions, 'folder.json'));

    expect((await store.listByOwner('ann')).map((r) => r.id)).toEqual(['good']);
    expect(await store.get('broken')).toBeNull();
    const byFile = (name: string) =>
      problems.filter((p) => path.basename(p.file) === name).map((p) => p.problem);
    expect(byFile('broken.json')[0]).toBe('not valid JSON');
    expect(byFile('foreign.json')[0]).toBe('not a ccnet session record');
    expect(byFile('moved.json')[0]).toMatch(/holds session "other"/);
    expect(byFile('folder.json')[0]).toMatch(/cannot read/);
    expect(byFile('notes.txt')).toEqual([]);
    // A corrupt file does not block starting that session afresh.
    expect((await store.put(draft('broken', 'ann'), { ttlMs: HOUR, expectedVersion: 0 })).ok).toBe(true);
  });

  it('removes expired session files when it meets them', async () => {
    const dir = await tempDir();
    let clock = 0;
    const store = new FileSessionStore({ dir, now: () => clock });
    await store.put(draft('old', 'ann'), { ttlMs: 100, expectedVersion: 0 });
    clock = 100;
    expect(await store.listByOwner('ann')).toEqual([]);
    expect(await readdir(path.join(dir, 'sessions'))).toEqual([]);
  });

  it('never writes outside its folder, whatever the id', async () => {
    const dir = await tempDir();
    const store = new FileSessionStore({ dir: path.join(dir, 'data') });
    await expect(
      store.put(draft('../../escape', 'ann'), { ttlMs: HOUR, expectedVersion: 0 }),
    ).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('returns no sessions before anything was written', async () => {
    const store = new FileSessionStore({ dir: path.join(await tempDir(), 'fresh') });
    expect(await store.listByOwner('ann')).toEqual([]);
    expect(await store.get('anything')).toBeNull();
  });
});
