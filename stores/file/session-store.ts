// SessionStore on disk: one file per session in <dir>/sessions, holding its records as JSON lines, newest last.
// A write appends one line and a read takes the last whole line, so a crash mid-write leaves the version before it
// readable. Once a file would pass COMPACT_AT bytes, or its last line was cut short, the next write starts it afresh
// through a temp file renamed over it. A per-id lock makes compare-and-set safe within one process (several
// processes sharing one directory are not coordinated). Unreadable files are reported and skipped.
//
// Why append: on this project's ext4 VM, appending a line to an existing file costs ~10 µs, while creating a file
// (a temp file renamed over the old one) costs 550-850 µs, most of an answer's time (bench/flows.ts: 2.3-4.0k
// answers/s appending, 0.9-1.1k renaming every time). get/put/delete use single synchronous syscalls for the same
// reason: a session file is a few KB in the page cache, and one readFileSync costs ~25 µs while the promise API's
// open/stat/read/close thread-pool round trips cost about 1 ms. Listing, which touches every file, stays asynchronous.
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
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

const SUFFIX = '.jsonl';
/** A session file is started afresh rather than grown past this; a full conversation's record is ~1 KB. */
export const COMPACT_AT = 4096;
const NEWLINE = 0x0a;
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
    return isValidSessionId(id) ? this.#load(id).record : null;
  }

  async put(draft: SessionDraft, options: PutOptions): Promise<PutResult> {
    assertValidSessionId(draft.id);
    return this.#exclusive(draft.id, async () => {
      const { record: current, appendAt } = this.#load(draft.id);
      if ((current?.version ?? 0) !== options.expectedVersion) return { ok: false, conflict: true, current };
      const record: SessionRecord = {
        ...draft,
        version: options.expectedVersion + 1,
        expiresAt: this.#now() + options.ttlMs,
      };
      this.#write(record, appendAt);
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
      const { record } = this.#load(id);
      if (record?.owner === owner) records.push(record);
    }
    return records.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  #file(id: string): string {
    return path.join(this.#dir, `${id}${SUFFIX}`);
  }

  #load(id: string): Loaded {
    const file = this.#file(id);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return ABSENT;
      this.#onProblem({ file, problem: `cannot read: ${describe(error)}` });
      return UNREADABLE;
    }
    const record = newestRecord(bytes);
    if (typeof record === 'string') {
      this.#onProblem({ file, problem: record });
      return UNREADABLE;
    }
    if (record.id !== id) {
      this.#onProblem({ file, problem: `holds session "${record.id}", not "${id}"` });
      return UNREADABLE;
    }
    if (record.expiresAt <= this.#now()) {
      rmSync(file, { force: true });
      return ABSENT;
    }
    // After a cut-short line, an appended one would be glued to it: such a file is started afresh.
    return { record, appendAt: bytes.at(-1) === NEWLINE ? bytes.length : null };
  }

  /** Appends `record` at `appendAt`, or starts the file afresh when that is null or the file would grow too big. */
  #write(record: SessionRecord, appendAt: number | null): void {
    const file = this.#file(record.id);
    const line = `${JSON.stringify(record)}\n`;
    if (appendAt !== null && appendAt + Buffer.byteLength(line) <= COMPACT_AT) {
      this.#creatingDir(() => appendFileSync(file, line));
      return;
    }
    tempCounter += 1;
    const temp = `${file}.${process.pid}.${tempCounter}.tmp`;
    try {
      this.#creatingDir(() => writeFileSync(temp, line));
      renameSync(temp, file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  /** Runs `write`, creating the sessions folder first if it does not exist yet. */
  #creatingDir(write: () => void): void {
    try {
      write();
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
      mkdirSync(this.#dir, { recursive: true });
      write();
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

interface Loaded {
  /** The newest readable record; null when the session is absent, expired or unreadable. */
  record: SessionRecord | null;
  /** Where the next line may be appended (the file's size; 0 when there is no file), or null to start it afresh. */
  appendAt: number | null;
}
const ABSENT: Loaded = { record: null, appendAt: 0 };
const UNREADABLE: Loaded = { record: null, appendAt: null };

/**
 * The last whole record in a session file, or why there is none. A last line cut short by a crash (no newline, not
 * JSON) gives way to the line before it.
 */
function newestRecord(bytes: Buffer): SessionRecord | string {
  const end = bytes.at(-1) === NEWLINE ? bytes.length - 1 : bytes.length;
  const start = lineStart(bytes, end);
  const newest = parseSessionRecord(bytes.toString('utf8', start, end));
  if (typeof newest !== 'string' || end === bytes.length - 1 || start === 0) return newest;
  return parseSessionRecord(bytes.toString('utf8', lineStart(bytes, start - 1), start - 1));
}

/** Where the line ending at `end` starts. (A negative offset would make lastIndexOf count from the end.) */
function lineStart(bytes: Buffer, end: number): number {
  return end === 0 ? 0 : bytes.lastIndexOf(NEWLINE, end - 1) + 1;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
