import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPACT_AT, FileSessionStore, type FileStoreProblem } from '../../stores/file/session-store.ts';
import { FileTemplateBlobs } from '../../stores/file/template-blobs.ts';
import { FileThreadIndex } from '../../stores/file/thread-index.ts';
import { draft, sessionStoreContract } from './session-store.contract.ts';
import { templateBlobsContract } from './template-blobs.contract.ts';
import { threadIndexContract } from './thread-index.contract.ts';

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

threadIndexContract('file', async ({ now }) => new FileThreadIndex({ dir: await tempDir(), now }));

templateBlobsContract('file', async ({ now }) => new FileTemplateBlobs({ dir: await tempDir(), now }));

const HOUR = 3_600_000;

/** The lines of a session's file, each a JSON record; the file ends with a newline. */
async function linesOf(dir: string, id: string): Promise<string[]> {
  const text = await readFile(path.join(dir, 'sessions', `${id}.jsonl`), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

describe('FileSessionStore on disk', () => {
  it('writes one file of JSON lines per session, newest last, and leaves no temp files behind', async () => {
    const dir = await tempDir();
    const store = new FileSessionStore({ dir });
    for (let v = 0; v < 3; v++) await store.put(draft('s1', 'ann'), { ttlMs: HOUR, expectedVersion: v });
    await store.put(draft('s2', 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
    expect((await readdir(path.join(dir, 'sessions'))).sort()).toEqual(['s1.jsonl', 's2.jsonl']);
    const lines = await linesOf(dir, 's1');
    expect(lines.map((line) => JSON.parse(line).version)).toEqual([1, 2, 3]);
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({ id: 's1', version: 3, owner: 'ann' });
  });

  it(`starts a file afresh instead of growing it past ${COMPACT_AT} bytes`, async () => {
    const dir = await tempDir();
    const store = new FileSessionStore({ dir });
    const sizes: number[] = [];
    for (let v = 0; v < 40; v++) {
      await store.put(draft('long', 'ann'), { ttlMs: HOUR, expectedVersion: v });
      sizes.push((await stat(path.join(dir, 'sessions', 'long.jsonl'))).size);
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(COMPACT_AT);
    // It grew by appending, and was started afresh more than once.
    expect(sizes.filter((size, i) => i > 0 && size < (sizes[i - 1] ?? 0)).length).toBeGreaterThan(1);
    expect((await new FileSessionStore({ dir }).get('long'))?.version).toBe(40);
  });

  it('after a crash that cut the last line short, reads the version before it and writes on cleanly', async () => {
    const dir = await tempDir();
    const problems: FileStoreProblem[] = [];
    const store = new FileSessionStore({ dir, onProblem: (p) => problems.push(p) });
    await store.put(draft('torn', 'ann'), { ttlMs: HOUR, expectedVersion: 0 });
    await store.put(draft('torn', 'ann'), { ttlMs: HOUR, expectedVersion: 1 });
    const file = path.join(dir, 'sessions', 'torn.jsonl');
    const whole = await readFile(file, 'utf8');
    await writeFile(file, whole.slice(0, whole.length - 40)); // the second record, cut short

    const restarted = new FileSessionStore({ dir, onProblem: (p) => problems.push(p) });
    expect((await restarted.get('torn'))?.version).toBe(1);
    expect((await restarted.listByOwner('ann')).map((r) => r.version)).toEqual([1]);
    expect(problems).toEqual([]);
    expect((await restarted.put(draft('torn', 'ann'), { ttlMs: HOUR, expectedVersion: 1 })).ok).toBe(true);
    const lines = await linesOf(dir, 'torn');
    expect(lines.map((line) => JSON.parse(line).version)).toEqual([2]);
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
    await writeFile(path.join(sessions, 'broken.jsonl'), '{"id": "broken", "owner": "ann"');
    await writeFile(path.join(sessions, 'foreign.jsonl'), JSON.stringify({ hello: 'world' }));
    await writeFile(
      path.join(sessions, 'moved.jsonl'),
      JSON.stringify({ ...draft('other', 'ann'), version: 1, expiresAt: 9e15 }),
    );
    await writeFile(path.join(sessions, 'notes.txt'), 'not a session');
    await mkdir(path.join(sessions, 'folder.jsonl'));

    expect((await store.listByOwner('ann')).map((r) => r.id)).toEqual(['good']);
    expect(await store.get('broken')).toBeNull();
    const byFile = (name: string) =>
      problems.filter((p) => path.basename(p.file) === name).map((p) => p.problem);
    expect(byFile('broken.jsonl')[0]).toBe('not valid JSON');
    expect(byFile('foreign.jsonl')[0]).toBe('not a ccnet session record');
    expect(byFile('moved.jsonl')[0]).toMatch(/holds session "other"/);
    expect(byFile('folder.jsonl')[0]).toMatch(/cannot read/);
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
