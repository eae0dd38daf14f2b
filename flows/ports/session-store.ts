// Where sessions live between interactions. flows/ owns the interface; implementations needing I/O live in stores/.
// Writes are compare-and-set on `version`, so two people answering the same thread at once never lose an answer.
import { z } from 'zod';
import { CcnetError } from '../../knowledge/errors.ts';
import { OPTIONS, SituationSchema } from '../../knowledge/model.ts';

const FACT_SOURCES = ['answer', 'template', 'profile', 'symptom', 'situation', 'evidence'] as const;

const SessionOutcomeSchema = z.strictObject({
  option: z.enum(OPTIONS),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  /** Epoch ms when the diagnosis was reached. */
  at: z.number(),
});
export type SessionOutcome = z.infer<typeof SessionOutcomeSchema>;

const SessionRecordSchema = z.strictObject({
  id: z.string(),
  owner: z.string(),
  /** Epoch ms. */
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Epoch ms; set by the store from `ttlMs` on every put. */
  expiresAt: z.number(),
  /** Starts at 1; every successful put increments it. */
  version: z.number().int().positive(),
  /** Which flow definition wrote the snapshot; a session from another definition is treated as expired. */
  flow: z.string(),
  /** The machine's persisted snapshot (actor.getPersistedSnapshot()), JSON. */
  snapshot: z.unknown(),
  /** Known facts and where each came from, for listings without restoring the machine. */
  facts: SituationSchema.partial(),
  sources: z.partialRecord(SituationSchema.keyof(), z.enum(FACT_SOURCES)),
  /** Adapter data, e.g. the Slack channel and thread ts. */
  meta: z.record(z.string(), z.string()),
  /** Set once a diagnosis was reached: the "recent checks" line. */
  outcome: SessionOutcomeSchema.optional(),
  /** Who sent the last event (a Slack user id, an OS user). */
  updatedBy: z.string().optional(),
});
export type SessionRecord = z.infer<typeof SessionRecordSchema>;

/** A stored session's text as a record, or why it is not one; for stores that keep records as JSON. */
export function parseSessionRecord(text: string): SessionRecord | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  const parsed = SessionRecordSchema.safeParse(json);
  return parsed.success ? parsed.data : 'not a ccnet session record';
}

/** What a caller writes; the store sets `version` and `expiresAt`. */
export type SessionDraft = Omit<SessionRecord, 'version' | 'expiresAt'>;

export interface PutOptions {
  ttlMs: number;
  /** The version the caller read; 0 for a session that must not exist yet. */
  expectedVersion: number;
}

export type PutResult =
  | { ok: true; record: SessionRecord }
  /** The stored version moved since the caller read it (or the session was created meanwhile). */
  | { ok: false; conflict: true; current: SessionRecord | null };

export interface SessionStore {
  /** The session, or null when unknown, expired or unreadable. */
  get(id: string): Promise<SessionRecord | null>;
  put(record: SessionDraft, options: PutOptions): Promise<PutResult>;
  delete(id: string): Promise<void>;
  /** Live sessions of one owner, most recently updated first. */
  listByOwner(owner: string): Promise<SessionRecord[]>;
}

/** Ids end up in file names and Redis keys: letters, digits, `-` and `_` only. */
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export function isValidSessionId(id: string): boolean {
  return SESSION_ID_PATTERN.test(id);
}

export function assertValidSessionId(id: string): void {
  if (!isValidSessionId(id)) {
    throw new TypeError(
      `Invalid session id ${JSON.stringify(id.slice(0, 40))}: use letters, digits, - and _.`,
    );
  }
}

/** What a person is told while the store's backend (e.g. Redis) is away; it recovers by itself. */
export const STORE_UNAVAILABLE_HINT = 'The state store is unavailable — try again in a moment.';

/** The store's backend cannot be reached right now: say so and let the person try again shortly. */
export function storeUnavailable(detail: string, options?: { cause?: unknown }): CcnetError {
  return new CcnetError('STORE_UNAVAILABLE', STORE_UNAVAILABLE_HINT, { detail, ...options });
}
