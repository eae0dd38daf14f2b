// SessionStore on disk: one JSON file per session in <dir>/sessions. Writes go to a temp file renamed over the
// target, so a crash never leaves half a session; a per-id lock makes compare-and-set safe within one process
// (several processes sharing one directory are not coordinated). Unreadable files are reported and skipped.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  assertValidSessionId,
  isValidSessionId,
  type PutOptions,
  type PutResult,
  type SessionDraft,
  type SessionRecord,
  SessionRecordSchema,
  type SessionStore,
} from '../flows/session-store.ts';

export interface FileStoreProblem {
  file: string;
  problem: string;
}

export interface FileSessionStoreOptions {
  /** The data dir (CCNET_DATA_DIR); sessions go to its `sessions` folder, created on first write. */
  dir: string;
  now?: () => number;
  /** Told about files that cannot be read as sessions; they are skipped, never fatal. */
  onProblem?: (problem: FileStoreProblem) => void;
}

const SUFFIX = '.json';

export class FileSessionStore implements SessionStore {
  readonly #dir: string;
  readonly #now: () => number;
  readonly #onProblem: (problem: FileStoreProblem) => void;
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(options: FileSessionStoreOptions) {
    this.#dir = path.join(options.dir, 'sessions');
    this.#now = options.now ?? Date.now;
    this.#onProblem = options.onProblem ?? (() => {});
  }

  async get(id: string): Promise<SessionRecord | null> {
    return isValidSessionId(id) ? this.#read(id) : null;
  }

  async put(draft: SessionDraft, options: PutOptions): Promise<PutResult> {
    assertValidSessionId(draft.id);
    return this.#exclusive(draft.id, async () => {
      const current = await this.#read(draft.id);
      if ((current?.version ?? 0) !== options.expectedVersion) return { ok: false, conflict: true, current };
      const record: SessionRecord = {
        ...draft,
        version: options.expectedVersion + 1,
        expiresAt: this.#now() + options.ttlMs,
      };
      await this.#write(record);
      return { ok: true, record };
    });
  }

  async delete(id: string): Promise<void> {
    if (!isValidSessionId(id)) return;
    await this.#exclusive(id, () => rm(this.#file(id), { force: true }));
  }

  async listByOwner(owner: string): Promise<SessionRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return [];
      throw error;
    }
    const ids = names
      .filter((name) => name.endsWith(SUFFIX))
      .map((name) => name.slice(0, -SUFFIX.length))
      .filter(isValidSessionId);
    const records = await Promise.all(ids.map((id) => this.#read(id)));
    return records
      .filter((r): r is SessionRecord => r !== null && r.owner === owner)
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  #file(id: string): string {
    return path.join(this.#dir, `${id}${SUFFIX}`);
  }

  async #read(id: string): Promise<SessionRecord | null> {
    const file = this.#file(id);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return null;
      this.#onProblem({ file, problem: `cannot read: ${describe(error)}` });
      return null;
    }
    const record = parseRecord(text);
    if (typeof record === 'string') {
      this.#onProblem({ file, problem: record });
      return null;
    }
    if (record.id !== id) {
      this.#onProblem({ file, problem: `holds session "${record.id}", not "${id}"` });
      return null;
    }
    if (record.expiresAt <= this.#now()) {
      await rm(file, { force: true }).catch(() => {});
      return null;
    }
    return record;
  }

  async #write(record: SessionRecord): Promise<void> {
    const file = this.#file(record.id);
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const text = JSON.stringify(record);
    try {
      try {
        await writeFile(temp, text);
      } catch (error) {
        if (!isCode(error, 'ENOENT')) throw error;
        await mkdir(this.#dir, { recursive: true });
        await writeFile(temp, text);
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      throw error;
    }
  }

  /** Runs `task` after every earlier task for the same id has settled. */
  #exclusive<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(id) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch(() => {});
    this.#locks.set(id, settled);
    void settled.then(() => {
      if (this.#locks.get(id) === settled) this.#locks.delete(id);
    });
    return run;
  }
}

function parseRecord(text: string): SessionRecord | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  const parsed = SessionRecordSchema.safeParse(json);
  return parsed.success ? parsed.data : 'not a ccnet session record';
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
