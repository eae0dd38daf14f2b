// What a button carries and what a click brings back, validated. Slack signs the request, but a payload can still be
// stale, hand-made by another integration or cut short: decoding never throws, it says what is wrong.
import { z } from 'zod';
import { type ActionKind, actionKind } from './action-ids.ts';

const MAX_BUTTON_VALUE = 2000;

const id = z.string().min(1).max(200);

/** Button value: session, version it was rendered at, and the question / choice it stands for. */
export const ButtonValueSchema = z.strictObject({
  s: id,
  v: z.number().int().min(0),
  q: id.optional(),
  c: id.optional(),
});
export type ButtonValue = z.infer<typeof ButtonValueSchema>;

/** The Start buttons under `/ccnet help` carry the entry point of the check they start. */
const StartValueSchema = z.strictObject({ e: z.enum(['main', 'symptom', 'user-access']) });
export type StartValue = z.infer<typeof StartValueSchema>;

/** "Share in channel" under a private `/ccnet explain` answer carries what was asked, to answer it again publicly. */
const ShareValueSchema = z.strictObject({ x: z.string().min(1).max(1900) });
export type ShareValue = z.infer<typeof ShareValueSchema>;

export function encodeButtonValue(value: ButtonValue | StartValue | ShareValue): string {
  const text = JSON.stringify(value);
  if (text.length > MAX_BUTTON_VALUE) throw new RangeError(`button value is ${text.length} characters`);
  return text;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

function decodeValue<T>(raw: unknown, schema: z.ZodType<T>): Decoded<T> {
  if (typeof raw !== 'string' || raw.length === 0)
    return { ok: false, problem: 'the button carries no value' };
  if (raw.length > MAX_BUTTON_VALUE) return { ok: false, problem: 'the button value is too long' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'the button value is not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'the button value does not have the expected fields' };
  return { ok: true, value: parsed.data };
}

export function decodeButtonValue(raw: unknown): Decoded<ButtonValue> {
  return decodeValue(raw, ButtonValueSchema);
}

export function decodeShareValue(raw: unknown): Decoded<ShareValue> {
  return decodeValue(raw, ShareValueSchema);
}

const BlockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z
    .object({
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string().max(255),
        value: z.string().optional(),
        /** A select menu sends the option picked instead of a value. */
        selected_option: z.object({ value: z.string() }).optional(),
      }),
    )
    .min(1),
});

/** One button click, with everything a listener needs and nothing it must re-check. */
export interface Click {
  kind: ActionKind;
  userId: string;
  channelId: string;
  /** The message that holds the button (absent for ephemeral messages Slack does not return). */
  messageTs: string | undefined;
  /** The button sat in a message only the clicker sees: it cannot be rewritten with chat.update. */
  ephemeral: boolean;
  threadTs: string | undefined;
  /** Session buttons: what they stand for. */
  value: ButtonValue | undefined;
  /** Start buttons: where the new check begins. */
  start: StartValue | undefined;
}

export function decodeClick(body: unknown): Decoded<Click> {
  const parsed = BlockActionsSchema.safeParse(body);
  if (!parsed.success) return { ok: false, problem: 'the click payload is not a block action' };
  const b = parsed.data;
  const action = b.actions[0];
  const kind = action === undefined ? undefined : actionKind(action.action_id);
  const channelId = b.channel?.id ?? b.container?.channel_id;
  if (action === undefined || kind === undefined)
    return { ok: false, problem: 'the button is not one of mine' };
  if (channelId === undefined) return { ok: false, problem: 'the click came without a channel' };
  const raw = action.value ?? action.selected_option?.value;
  const value = kind === 'start' ? undefined : decodeButtonValue(raw);
  if (value !== undefined && !value.ok) return value;
  const start = kind === 'start' ? decodeValue(raw, StartValueSchema) : undefined;
  if (start !== undefined && !start.ok) return start;
  return {
    ok: true,
    value: {
      kind,
      userId: b.user.id,
      channelId,
      messageTs: b.message?.ts ?? b.container?.message_ts,
      ephemeral: b.container?.is_ephemeral === true,
      threadTs: b.message?.thread_ts,
      value: value?.value,
      start: start?.value,
    },
  };
}
