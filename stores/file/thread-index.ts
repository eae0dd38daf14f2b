// ThreadIndex on disk: one small JSON file per thread in <dir>/threads ({ sessionId, expiresAt }), written through a
// temp file renamed over it, so a reader never sees half an entry. Thread starts are rare next to clicks, so the
// rename's cost (see session-store.ts) does not matter here. Expired entries are removed when met.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isValidSessionId } from '../../flows/ports/session-store.ts';
import type { ThreadIndex } from '../../flows/ports/thread-index.ts';

const EntrySchema = z.strictObject({ sessionId: z.string(), expiresAt: z.number() });
/** Channel ids and thread timestamps are short; anything longer is not a Slack thread. */
const MAX_NAME = 200;
let tempCounter = 0;

export class FileThreadIndex implements ThreadIndex {
  readonly #dir: string;
  readonly #now: () => number;

  /** `dir` is the data dir (CCNET_DATA_DIR); entries go to its `threads` folder, created on first write. */
  constructor(options: { dir: string; now?: () => number }) {
    this.#dir = path.join(options.dir, 'threads');
    this.#now = options.now ?? Date.now;
  }

  async lookup(channel: string, threadTs: string): Promise<string | null> {
    const file = this.#file(channel, threadTs);
    if (file === null) return null;
    let entry: z.infer<typeof EntrySchema>;
    try {
      const parsed = EntrySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) return null;
      entry = parsed.data;
    } catch {
      // Absent, or not an entry of ours: the thread is not known.
      return null;
    }
    if (entry.expiresAt > this.#now() && isValidSessionId(entry.sessionId)) return entry.sessionId;
    rmSync(file, { force: true });
    return null;
  }

  async remember(channel: string, threadTs: string, sessionId: string, ttlMs: number): Promise<void> {
    const file = this.#file(channel, threadTs);
    if (file === null) throw new TypeError(`Not a thread: ${JSON.stringify(channel.slice(0, 40))}`);
    mkdirSync(this.#dir, { recursive: true });
    tempCounter += 1;
    const temp = `${file}.${process.pid}.${tempCounter}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify({ sessionId, expiresAt: this.#now() + ttlMs }));
      renameSync(temp, file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  /** The entry's file; encoded, so no channel or ts can name a path outside the folder. */
  #file(channel: string, threadTs: string): string | null {
    const name = `${encodeURIComponent(channel)}_${encodeURIComponent(threadTs)}.json`;
    return name.length <= MAX_NAME && channel !== '' && threadTs !== '' ? path.join(this.#dir, name) : null;
  }
}
