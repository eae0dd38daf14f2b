// SessionStore on disk: one JSON file per session in <dir>/sessions. Writes go to a temp file renamed over the
// target, so a crash never leaves half a session; a per-id lock makes compare-and-set safe within one process
// (several processes sharing one directory are not coordinated). Unreadable files are reported and skipped.
//
// get/put/delete use single synchronous syscalls on purpose: a session file is ~1 KB in the page cache, and on the
// 2-core target one readFileSync costs ~25 µs while the promise API's open/stat/read/close thread-pool round trips
// cost about 1 ms per session read (bench/flows.ts: ~190 answers/s with fs/promises, 3-5x more with these).
// Listing, which touches every file, stays asynchronous.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
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
/** Temp names are unique per process; the pid keeps two processes on one folder apart. */
let tempCounter = 0;

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
      const current = this.#read(draft.id);
      if ((current?.version ?? 0) !== options.expectedVersion) return { ok: false, conflict: true, current };
      const record: SessionRecord = {
        ...draft,
        version: options.expectedVersion + 1,
        expiresAt: this.#now() + options.ttlMs,
      };
      this.#write(record);
      return { ok: true, record };
    });
  }

  async delete(id: string): Promise<void> {
    if (!isValidSessionId(id)) return;
    await this.#exclusive(id, async () => rmSync(this.#file(id), { force: true }));
  }

  async listByOwner(owner: string): Promise<SessionRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return [];
      throw error;
    }
    const records: SessionRecord[] = [];
    for (const [index, name] of names.entries()) {
      // Let other work run now and then when the folder is large.
      if (index % 64 === 63) await new Promise(setImmediate);
      const id = name.endsWith(SUFFIX) ? name.slice(0, -SUFFIX.length) : '';
      if (!isValidSessionId(id)) continue;
      const record = this.#read(id);
      if (record?.owner === owner) records.push(record);
    }
    return records.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  #file(id: string): string {
    return path.join(this.#dir, `${id}${SUFFIX}`);
  }

  #read(id: string): SessionRecord | null {
    const file = this.#file(id);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
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
      rmSync(file, { force: true });
      return null;
    }
    return record;
  }

  #write(record: SessionRecord): void {
    const file = this.#file(record.id);
    tempCounter += 1;
    const temp = `${file}.${process.pid}.${tempCounter}.tmp`;
    const text = JSON.stringify(record);
    try {
      try {
        writeFileSync(temp, text);
      } catch (error) {
        if (!isCode(error, 'ENOENT')) throw error;
        mkdirSync(this.#dir, { recursive: true });
        writeFileSync(temp, text);
      }
      renameSync(temp, file);
    } catch (error) {
      rmSync(temp, { force: true });
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
