// One interaction = restore the machine from its persisted snapshot, send the event, persist, stop. Nothing lives
// in memory between interactions, so any process (a restarted bot, a second terminal) can continue a session.

import { createActor, type Snapshot } from 'xstate';
import { z } from 'zod';
import type { CcnetCode } from '../knowledge/errors.ts';
import type { Situation } from '../knowledge/model.ts';
import type { FlowContext } from './context.ts';
import { diagnosisFor } from './evaluate.ts';
import { knownFacts } from './facts.ts';
import { type FlowEmitted, flowMachine } from './machine.ts';
import { profileFacts, type TeamProfile } from './profile.ts';
import { emittedReply, type FlowState, stateReplies } from './replies.ts';
import {
  assertValidSessionId,
  type SessionDraft,
  type SessionOutcome,
  type SessionRecord,
  type SessionStore,
} from './session-store.ts';
import type { EntryPoint, FlowEvent, Reply } from './types.ts';

/** Bump when states or context change shape: older sessions then read as expired instead of misbehaving. */
export const FLOW_VERSION = 'ccnet-flow@1';
export const DEFAULT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Compare-and-set retries before giving up on a very busy session. */
const MAX_ATTEMPTS = 8;

const FlowEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ANSWER'), questionId: z.string(), choiceId: z.string() }),
  z.object({ type: z.literal('BACK') }),
  z.object({ type: z.literal('RESTART') }),
  z.object({ type: z.literal('CHANGE'), questionId: z.string() }),
  z.object({ type: z.literal('TEMPLATE'), fileName: z.string(), text: z.string() }),
  z.object({ type: z.literal('SYMPTOM'), text: z.string() }),
]);

const PersistedStateSchema = z.object({
  status: z.literal('active'),
  value: z.string(),
  context: z.object({ answers: z.record(z.string(), z.string()), history: z.array(z.string()) }).loose(),
});

export interface FlowRunnerDeps {
  store: SessionStore;
  ttlMs?: number;
  now?: () => number;
  newId?: () => string;
  profile?: TeamProfile;
  logger?: { warn(msg: string): void };
}

export interface StartInput {
  owner: string;
  /** Channel id: picks the team profile's [channel <id>] section. */
  scope?: string;
  entry?: EntryPoint;
  facts?: Partial<Situation>;
  meta?: Record<string, string>;
}

export const SESSION_EXPIRED_TEXT = 'This check expired — start again with /ccnet (or `ccnet chat`).';

export class FlowRunner {
  readonly #store: SessionStore;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #profile: TeamProfile | undefined;
  readonly #logger: { warn(msg: string): void };

  constructor(deps: FlowRunnerDeps) {
    this.#store = deps.store;
    this.#ttlMs = deps.ttlMs ?? DEFAULT_TTL_MS;
    this.#now = deps.now ?? Date.now;
    this.#newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
    this.#profile = deps.profile;
    this.#logger = deps.logger ?? { warn: () => {} };
  }

  async start(input: StartInput): Promise<{ sessionId: string; replies: Reply[] }> {
    const sessionId = this.#newId();
    assertValidSessionId(sessionId);
    const actor = createActor(flowMachine, {
      input: {
        ...(input.entry ? { entry: input.entry } : {}),
        profile: profileFacts(this.#profile, input.scope),
        given: input.facts ?? {},
      },
    });
    actor.start();
    const state = actor.getSnapshot();
    const snapshot = actor.getPersistedSnapshot();
    actor.stop();
    const now = this.#now();
    const draft: SessionDraft = {
      id: sessionId,
      owner: input.owner,
      createdAt: now,
      updatedAt: now,
      flow: FLOW_VERSION,
      snapshot,
      ...factsOf(state.context),
      meta: { ...input.meta },
      updatedBy: input.owner,
    };
    const outcome = this.#outcome(state, undefined);
    const result = await this.#store.put(outcome ? { ...draft, outcome } : draft, {
      ttlMs: this.#ttlMs,
      expectedVersion: 0,
    });
    if (!result.ok)
      throw new Error(`Session id ${sessionId} is already taken: newId must return unique ids.`);
    return { sessionId, replies: stateReplies(state, sessionId) };
  }

  async send(
    sessionId: string,
    event: FlowEvent,
    opts: { actor?: string; expectedVersion?: number } = {},
  ): Promise<Reply[]> {
    const checked = FlowEventSchema.safeParse(event);
    if (!checked.success) {
      return [
        notice(sessionId, 'INVALID_EVENT', 'That action is not understood here.'),
        ...(await this.current(sessionId)),
      ];
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const record = await this.#store.get(sessionId);
      const stored = record && this.#readable(record);
      if (!record || !stored) return [expired(sessionId)];
      if (opts.expectedVersion !== undefined && record.version !== opts.expectedVersion) {
        return [
          notice(sessionId, 'STALE_ANSWER', 'Someone answered first; this is where the check is now.'),
          ...stateReplies(stored, sessionId),
        ];
      }
      const step = this.#step(record, checked.data);
      if (!step) return [expired(sessionId)];
      const replies = step.emitted.map((e) => emittedReply(e, sessionId));
      if (JSON.stringify(step.snapshot) === JSON.stringify(record.snapshot)) {
        return [...replies, ...stateReplies(step.state, sessionId)];
      }
      const { outcome: previous, ...rest } = record;
      const outcome = checked.data.type === 'RESTART' ? undefined : this.#outcome(step.state, previous);
      const draft: SessionDraft = {
        ...rest,
        updatedAt: this.#now(),
        snapshot: step.snapshot,
        ...factsOf(step.state.context),
        ...(outcome ? { outcome } : {}),
        ...(opts.actor !== undefined ? { updatedBy: opts.actor } : {}),
      };
      const result = await this.#store.put(draft, { ttlMs: this.#ttlMs, expectedVersion: record.version });
      if (result.ok) return [...replies, ...stateReplies(step.state, sessionId)];
    }
    this.#logger.warn(`session ${sessionId}: gave up after ${MAX_ATTEMPTS} conflicting writes`);
    return [notice(sessionId, 'BUSY', 'Several answers arrived at once; send yours again.')];
  }

  async current(sessionId: string): Promise<Reply[]> {
    const record = await this.#store.get(sessionId);
    const state = record && this.#readable(record);
    return state ? stateReplies(state, sessionId) : [expired(sessionId)];
  }

  async get(sessionId: string): Promise<SessionRecord | null> {
    return this.#store.get(sessionId);
  }

  async setMeta(sessionId: string, patch: Record<string, string>): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const record = await this.#store.get(sessionId);
      if (!record) {
        this.#logger.warn(`session ${sessionId}: setMeta on a missing or expired session`);
        return;
      }
      const { version, expiresAt, ...draft } = record;
      const result = await this.#store.put(
        { ...draft, meta: { ...record.meta, ...patch } },
        { ttlMs: this.#ttlMs, expectedVersion: version },
      );
      if (result.ok) return;
    }
    this.#logger.warn(`session ${sessionId}: setMeta gave up after ${MAX_ATTEMPTS} conflicting writes`);
  }

  async recent(owner: string, limit = 10): Promise<SessionRecord[]> {
    return (await this.#store.listByOwner(owner)).slice(0, limit);
  }

  /** The stored snapshot as a state replies can be rendered from, or null when it is not ours. */
  #readable(record: SessionRecord): FlowState | null {
    const parsed = PersistedStateSchema.safeParse(record.snapshot);
    if (record.flow !== FLOW_VERSION || !parsed.success) {
      this.#logger.warn(
        `session ${record.id}: unreadable snapshot (flow ${record.flow}); treated as expired`,
      );
      return null;
    }
    return { value: parsed.data.value, context: parsed.data.context as unknown as FlowContext };
  }

  #step(record: SessionRecord, event: FlowEvent) {
    try {
      const actor = createActor(flowMachine, { snapshot: record.snapshot as Snapshot<unknown>, input: {} });
      const emitted: FlowEmitted[] = [];
      actor.on('*', (e) => emitted.push(e));
      actor.start();
      actor.send(event);
      const state = actor.getSnapshot();
      const snapshot = actor.getPersistedSnapshot();
      actor.stop();
      return { state, snapshot, emitted };
    } catch (error) {
      this.#logger.warn(
        `session ${record.id}: could not restore (${error instanceof Error ? error.message : error})`,
      );
      return null;
    }
  }

  #outcome(state: FlowState, previous: SessionOutcome | undefined): SessionOutcome | undefined {
    if (state.value !== 'diagnosis') return previous;
    const diagnosis = diagnosisFor(state.context);
    const count = (severity: string) => diagnosis.findings.filter((f) => f.severity === severity).length;
    const next = {
      option: diagnosis.recommendation.option,
      errors: count('error'),
      warnings: count('warning'),
    };
    const same =
      previous?.option === next.option &&
      previous.errors === next.errors &&
      previous.warnings === next.warnings;
    return { ...next, at: same && previous ? previous.at : this.#now() };
  }
}

function factsOf(ctx: FlowContext): Pick<SessionRecord, 'facts' | 'sources'> {
  const known = knownFacts(ctx);
  return { facts: known.situation, sources: known.sources };
}

function notice(sessionId: string | null, code: CcnetCode, text: string): Reply {
  return { kind: 'notice', sessionId, level: 'error', code, text };
}

function expired(sessionId: string): Reply {
  return { kind: 'notice', sessionId, level: 'info', code: 'SESSION_EXPIRED', text: SESSION_EXPIRED_TEXT };
}
