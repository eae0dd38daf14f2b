// One interaction = restore the machine from its persisted snapshot, send the event, persist, stop, all in one call
// that returns the whole Turn. Nothing lives in memory between interactions, so any process (a restarted bot, a
// second terminal) can continue a session.
import { createActor, type Snapshot } from 'xstate';
import { z } from 'zod';
import type { CcnetCode } from '../knowledge/errors.ts';
import { countSeverities, type Situation } from '../knowledge/model.ts';
import type { FlowContext } from './context.ts';
import { diagnosisFor } from './evaluate.ts';
import { knownFacts } from './facts.ts';
import { type FlowEmitted, flowMachine } from './machine.ts';
import {
  assertValidSessionId,
  type SessionDraft,
  type SessionOutcome,
  type SessionRecord,
  type SessionStore,
} from './ports/session-store.ts';
import type { TemplateBlobs } from './ports/template-blobs.ts';
import { profileFacts, type TeamProfile } from './profile.ts';
import { askedQuestion, emittedReply, type FlowState, stateReplies } from './replies.ts';
import {
  DEFAULT_MAX_TEMPLATE_BYTES,
  MAX_TEMPLATE_CHARS,
  packTemplate,
  parsedTemplate,
  restoreTemplate,
  tooLargeText,
  utf8Bytes,
} from './templates.ts';
import { type AnsweredQuestion, TEMPLATE_SHA_META, type Turn, type TurnReply } from './turn.ts';
import type { EntryPoint, FlowEvent, Reply } from './types.ts';

/** Bump when states or context change shape: older sessions then read as expired instead of misbehaving. */
export const FLOW_VERSION = 'ccnet-flow@2';
export const DEFAULT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Compare-and-set retries before giving up on a very busy session. */
const MAX_ATTEMPTS = 8;

const FlowEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ANSWER'), questionId: z.string(), choiceId: z.string() }),
  z.object({ type: z.literal('BACK') }),
  z.object({ type: z.literal('RESTART') }),
  z.object({ type: z.literal('CHANGE'), questionId: z.string() }),
  z.object({ type: z.literal('TEMPLATE'), fileName: z.string(), text: z.string() }),
  z.object({ type: z.literal('EVIDENCE'), fileName: z.string(), text: z.string() }),
  z.object({ type: z.literal('SYMPTOM'), text: z.string() }),
]);

const situationPart = z.record(z.string(), z.unknown());
/**
 * What a snapshot must hold before xstate is given it: a state this machine has and the context it reads. xstate
 * restores whatever it is handed and throws later, from a timer outside any try/catch, when a state is unknown.
 */
const PersistedStateSchema = z.object({
  status: z.literal('active'),
  value: z
    .string()
    .refine((value) => Object.hasOwn(flowMachine.root.states, value), 'not a state of this flow'),
  context: z
    .object({
      entry: z.string().nullable(),
      profile: situationPart,
      given: situationPart,
      answers: z.record(z.string(), z.string()),
      history: z.array(z.string()),
    })
    .loose(),
});

export interface FlowRunnerDeps {
  store: SessionStore;
  /** Where uploaded templates are kept, once each; sessions hold only their keys. */
  templates: TemplateBlobs;
  ttlMs?: number;
  now?: () => number;
  newId?: () => string;
  profile?: TeamProfile;
  logger?: { warn(msg: string): void };
  /** The template size limit (CCNET_MAX_UPLOAD_BYTES), the same the adapters announce and check. */
  maxTemplateBytes?: number;
}

export interface StartInput {
  owner: string;
  /** Channel id: picks the team profile's [channel <id>] section. */
  scope?: string;
  entry?: EntryPoint;
  facts?: Partial<Situation>;
  meta?: Record<string, string>;
}

export interface SendOptions {
  /** Who sent the event (a Slack user id, an OS user): the session's updatedBy. */
  actor?: string;
  /** The version the pressed button was rendered at. */
  expectedVersion?: number;
  /** Adapter meta merged in the same write as the event's change (e.g. the uploaded template's hash). */
  meta?: Record<string, string>;
  /** Meta the session must already hold (the channel a click came from); any other session refuses the event. */
  expectedMeta?: Record<string, string>;
}

export const SESSION_EXPIRED_TEXT = 'This check expired — start again with /ccnet (or `ccnet chat`).';

export class FlowRunner {
  readonly #store: SessionStore;
  readonly #templates: TemplateBlobs;
  /** Templates this process lately made sure outlive the sessions pointing to them: key -> when. */
  readonly #refreshed = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #profile: TeamProfile | undefined;
  readonly #logger: { warn(msg: string): void };
  readonly #maxTemplateBytes: number;

  constructor(deps: FlowRunnerDeps) {
    this.#store = deps.store;
    this.#templates = deps.templates;
    this.#ttlMs = deps.ttlMs ?? DEFAULT_TTL_MS;
    this.#now = deps.now ?? Date.now;
    this.#newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
    this.#profile = deps.profile;
    this.#logger = deps.logger ?? { warn: () => {} };
    this.#maxTemplateBytes = Math.min(
      deps.maxTemplateBytes ?? DEFAULT_MAX_TEMPLATE_BYTES,
      MAX_TEMPLATE_CHARS,
    );
  }

  async start(input: StartInput): Promise<Turn> {
    const sessionId = this.#newId();
    assertValidSessionId(sessionId);
    const actor = createActor(flowMachine, {
      input: {
        ...(input.entry ? { entry: input.entry } : {}),
        profile: profileFacts(this.#profile, input.scope),
        given: input.facts ?? {},
      },
    });
    let state: FlowState;
    let snapshot: unknown;
    try {
      actor.start();
      state = actor.getSnapshot();
      snapshot = actor.getPersistedSnapshot();
    } finally {
      actor.stop();
    }
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
    return turnOf(result.record, inThread(stateReplies(state, sessionId)));
  }

  /**
   * Applies one event and persists the result with `meta` merged in, in one compare-and-set; an event that changes
   * nothing writes nothing. With `expectedVersion` (what a button was rendered at) a press on an outdated message
   * is answered with where the check is now instead of being applied.
   */
  async send(sessionId: string, event: FlowEvent, opts: SendOptions = {}): Promise<Turn> {
    const checked = FlowEventSchema.safeParse(event);
    const pressed = isPress(event);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const record = await this.#store.get(sessionId);
      const stored = record && this.#readable(record);
      if (!record || !stored) return goneTurn(sessionId, pressed);
      if (!checked.success) {
        const rejected = notice(sessionId, 'INVALID_EVENT', 'That action is not understood here.');
        return turnOf(record, rejection([rejected], await this.#stateReplies(stored, sessionId), pressed));
      }
      if (
        (checked.data.type === 'TEMPLATE' || checked.data.type === 'EVIDENCE') &&
        utf8Bytes(checked.data.text) > this.#maxTemplateBytes
      ) {
        const large = notice(sessionId, 'TEMPLATE_TOO_LARGE', tooLargeText(this.#maxTemplateBytes));
        return turnOf(record, rejection([large], await this.#stateReplies(stored, sessionId), pressed));
      }
      if (opts.expectedMeta !== undefined && !holdsMeta(record.meta, opts.expectedMeta)) {
        this.#logger.warn(
          `[WRONG_PLACE] session ${sessionId}: an event from ${JSON.stringify(opts.expectedMeta)} refused`,
        );
        const elsewhere = notice(
          sessionId,
          'WRONG_PLACE',
          'That button belongs to a check in another conversation.',
        );
        return {
          sessionId,
          version: 0,
          meta: {},
          actor: '',
          replies: [{ ...elsewhere, audience: 'private' }],
        };
      }
      if (opts.expectedVersion !== undefined && record.version !== opts.expectedVersion) {
        const stale = notice(
          sessionId,
          'STALE_ANSWER',
          'Someone answered first; this is where the check is now.',
        );
        return turnOf(record, rejection([stale], await this.#stateReplies(stored, sessionId), pressed));
      }
      const step = this.#step(record, checked.data);
      if (!step) return goneTurn(sessionId, pressed);
      const emitted = step.emitted.map((e) => emittedReply(e, sessionId));
      // A step that moved to another state changed the snapshot: only a step that stayed is compared in full.
      const unchanged =
        step.state.value === stored.value &&
        JSON.stringify(step.snapshot) === JSON.stringify(record.snapshot);
      // The machine refuses an event by emitting a notice and staying where it is.
      if (unchanged && emitted.some((r) => r.kind === 'notice')) {
        return turnOf(record, rejection(emitted, await this.#stateReplies(step.state, sessionId), pressed));
      }
      const replies = inThread([...emitted, ...(await this.#stateReplies(step.state, sessionId))]);
      const answered = pressed ? answeredBy(stored, sessionId, checked.data, opts.actor) : undefined;
      if (unchanged) return turnOf(record, replies, answered);
      const { outcome: previous, version, expiresAt, ...rest } = record;
      const outcome = checked.data.type === 'RESTART' ? undefined : this.#outcome(step.state, previous);
      const draft: SessionDraft = {
        ...rest,
        updatedAt: this.#now(),
        snapshot: step.snapshot,
        ...factsOf(step.state.context),
        meta: nextMeta(record.meta, checked.data, step.state.context, opts.meta),
        ...(outcome ? { outcome } : {}),
        ...(opts.actor !== undefined ? { updatedBy: opts.actor } : {}),
      };
      // The template first: a session never points to one that is not stored.
      await this.#keepTemplate(step.state.context, checked.data);
      const result = await this.#store.put(draft, { ttlMs: this.#ttlMs, expectedVersion: version });
      if (result.ok) return turnOf(result.record, replies, answered);
    }
    this.#logger.warn(`session ${sessionId}: gave up after ${MAX_ATTEMPTS} conflicting writes`);
    const busy = notice(sessionId, 'BUSY', 'Several answers arrived at once; send yours again.');
    return { sessionId, version: 0, meta: {}, actor: '', replies: rejection([busy], [], pressed) };
  }

  /** Where the check is now, as a repeat (nothing new was decided). */
  async current(sessionId: string): Promise<Turn> {
    const record = await this.#store.get(sessionId);
    const state = record && this.#readable(record);
    if (!record || !state) return goneTurn(sessionId, false);
    return turnOf(record, repeated(await this.#stateReplies(state, sessionId), 'thread'));
  }

  /** The stored session as it is, for listings (`ccnet chat --resume`); a turn is never rendered from it. */
  async get(sessionId: string): Promise<SessionRecord | null> {
    return this.#store.get(sessionId);
  }

  async recent(owner: string, limit = 10): Promise<SessionRecord[]> {
    return (await this.#store.listByOwner(owner)).slice(0, limit);
  }

  /** The state's replies; a diagnosis first gets its template from the blobs when this process lacks its parse. */
  async #stateReplies(state: FlowState, sessionId: string): Promise<Reply[]> {
    const template = state.value === 'diagnosis' ? state.context.template : null;
    if (template && !parsedTemplate(template.sha256)) {
      const bytes = await this.#templates.get(template.sha256);
      if (!bytes || !restoreTemplate(template.sha256, bytes)) {
        this.#logger.warn(`session ${sessionId}: template ${template.sha256} is no longer stored`);
        return [templateGone(sessionId, template.fileName), ...stateReplies(state, sessionId)];
      }
    }
    return stateReplies(state, sessionId);
  }

  /**
   * Stores an uploaded template, or makes sure the session's template outlives the write about to happen: blobs
   * live a refresh period longer than sessions, so each process extends one at most once per period.
   */
  async #keepTemplate(ctx: FlowContext, event: FlowEvent): Promise<void> {
    const key = ctx.template?.sha256;
    if (key === undefined) return;
    const refreshEvery = Math.ceil(this.#ttlMs / 8);
    const now = this.#now();
    if (event.type === 'TEMPLATE') {
      await this.#templates.put(key, packTemplate(event.text), this.#ttlMs + refreshEvery);
    } else {
      const last = this.#refreshed.get(key);
      if (last !== undefined && now - last < refreshEvery) return;
      await this.#templates.touch(key, this.#ttlMs + refreshEvery);
    }
    this.#refreshed.delete(key);
    this.#refreshed.set(key, now);
    if (this.#refreshed.size > 1000) this.#refreshed.delete(this.#refreshed.keys().next().value ?? '');
  }

  /** The stored snapshot as a state replies can be rendered from, or null when it is not ours. */
  #readable(record: SessionRecord): FlowState | null {
    const parsed = PersistedStateSchema.safeParse(record.snapshot);
    if (record.flow !== FLOW_VERSION || !parsed.success) {
      const why = parsed.success
        ? `flow ${record.flow}, this is ${FLOW_VERSION}`
        : parsed.error.issues[0]?.message;
      this.#logger.warn(
        `[SESSION_UNRESTORABLE] session ${record.id}: unreadable snapshot (${why}); treated as expired`,
      );
      return null;
    }
    return { value: parsed.data.value, context: parsed.data.context as unknown as FlowContext };
  }

  #step(record: SessionRecord, event: FlowEvent) {
    let actor: ReturnType<typeof createActor<typeof flowMachine>> | undefined;
    try {
      actor = createActor(flowMachine, { snapshot: record.snapshot as Snapshot<unknown>, input: {} });
      const emitted: FlowEmitted[] = [];
      actor.on('*', (e) => emitted.push(e));
      actor.start();
      actor.send(event);
      return { state: actor.getSnapshot(), snapshot: actor.getPersistedSnapshot(), emitted };
    } catch (error) {
      this.#logger.warn(
        `session ${record.id}: could not restore (${error instanceof Error ? error.message : error})`,
      );
      return null;
    } finally {
      actor?.stop();
    }
  }

  #outcome(state: FlowState, previous: SessionOutcome | undefined): SessionOutcome | undefined {
    if (state.value !== 'diagnosis') return previous;
    const diagnosis = diagnosisFor(state.context);
    const counts = countSeverities(diagnosis.findings);
    const next = {
      option: diagnosis.recommendation.option,
      errors: counts.error,
      warnings: counts.warning,
    };
    const same =
      previous?.option === next.option &&
      previous.errors === next.errors &&
      previous.warnings === next.warnings;
    return { ...next, at: same && previous ? previous.at : this.#now() };
  }
}

function holdsMeta(meta: Readonly<Record<string, string>>, expected: Record<string, string>): boolean {
  return Object.entries(expected).every(([key, value]) => meta[key] === value);
}

function factsOf(ctx: FlowContext): Pick<SessionRecord, 'facts' | 'sources'> {
  const known = knownFacts(ctx);
  return { facts: known.situation, sources: known.sources };
}

function notice(sessionId: string | null, code: CcnetCode, text: string): Reply {
  return { kind: 'notice', sessionId, level: 'error', code, text };
}

function templateGone(sessionId: string, fileName: string): Reply {
  const text = `${fileName} is no longer stored, so this diagnosis leaves its findings out: share it again to include them.`;
  return { kind: 'notice', sessionId, level: 'info', code: 'TEMPLATE_GONE', text };
}

function expired(sessionId: string): Reply {
  return { kind: 'notice', sessionId, level: 'info', code: 'SESSION_EXPIRED', text: SESSION_EXPIRED_TEXT };
}

/** Button presses: a rejected one concerns only the person who pressed. Messages (templates, errors) are public. */
function isPress(event: FlowEvent): boolean {
  return (
    event.type === 'ANSWER' || event.type === 'BACK' || event.type === 'RESTART' || event.type === 'CHANGE'
  );
}

function inThread(replies: readonly Reply[]): TurnReply[] {
  return replies.map((reply) => ({ ...reply, audience: 'thread' }));
}

function repeated(replies: readonly Reply[], audience: TurnReply['audience']): TurnReply[] {
  return replies.map((reply) => ({ ...reply, audience, repeat: true }));
}

/**
 * A rejected press is told privately, and the step it leaves the check at is a repeat. A rejected message is
 * answered in the thread with the step to continue from.
 */
function rejection(notices: readonly Reply[], state: readonly Reply[], pressed: boolean): TurnReply[] {
  if (!pressed) return inThread([...notices, ...state]);
  return [
    ...notices.map((reply) => ({ ...reply, audience: 'private' as const })),
    ...repeated(state, 'thread'),
  ];
}

function goneTurn(sessionId: string, pressed: boolean): Turn {
  const gone = expired(sessionId);
  return {
    sessionId,
    version: 0,
    meta: {},
    actor: '',
    replies: [{ ...gone, audience: pressed ? 'private' : 'thread' }],
  };
}

function turnOf(record: SessionRecord, replies: TurnReply[], answered?: AnsweredQuestion): Turn {
  return {
    sessionId: record.id,
    version: record.version,
    meta: record.meta,
    actor: record.updatedBy ?? record.owner,
    replies,
    ...(answered ? { answered } : {}),
  };
}

/** The open question the press answered, when the stored state asked one. */
function answeredBy(
  stored: FlowState,
  sessionId: string,
  event: FlowEvent,
  actor: string | undefined,
): AnsweredQuestion | undefined {
  const question = askedQuestion(stored, sessionId);
  if (!question) return undefined;
  const by = actor !== undefined ? { by: actor } : {};
  switch (event.type) {
    case 'ANSWER': {
      const label = question.choices.find((c) => c.id === event.choiceId)?.label;
      return {
        questionId: question.questionId,
        text: question.text,
        action: 'choice',
        ...by,
        ...(label ? { label } : {}),
      };
    }
    case 'BACK':
      return { questionId: question.questionId, text: question.text, action: 'back', ...by };
    case 'RESTART':
      return { questionId: question.questionId, text: question.text, action: 'restart', ...by };
    case 'CHANGE':
      return { questionId: question.questionId, text: question.text, action: 'change', ...by };
    default:
      return undefined;
  }
}

/** The meta written with an event: the template's hash goes with the template it describes, then `patch` applies. */
function nextMeta(
  previous: Record<string, string>,
  event: FlowEvent,
  ctx: FlowContext,
  patch: Record<string, string> | undefined,
): Record<string, string> {
  const meta = { ...previous };
  if (event.type === 'TEMPLATE' || ctx.template === null) delete meta[TEMPLATE_SHA_META];
  return { ...meta, ...patch };
}
