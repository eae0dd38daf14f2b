// Message and app_mention events, read defensively. Only people's messages count: the bot's own posts and uploads,
// other bots, edits and deletions are not.
import { z } from 'zod';

const MessageEventSchema = z
  .object({
    type: z.enum(['message', 'app_mention']),
    subtype: z.string().optional(),
    channel: z.string().min(1),
    channel_type: z.string().optional(),
    user: z.string().optional(),
    bot_id: z.string().optional(),
    text: z.string().optional(),
    ts: z.string().min(1),
    thread_ts: z.string().optional(),
    /** Author of the thread's root message (thread replies only). */
    parent_user_id: z.string().optional(),
    files: z.array(z.unknown()).optional(),
  })
  .loose();
export type MessageEvent = z.infer<typeof MessageEventSchema> & { user: string };

/** Subtypes that are still a person writing in the conversation. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

export function personMessage(event: unknown, botUserId: string): MessageEvent | null {
  const parsed = MessageEventSchema.safeParse(event);
  if (!parsed.success) return null;
  const m = parsed.data;
  if (m.bot_id !== undefined || m.user === undefined || m.user === botUserId) return null;
  if (!PERSON_SUBTYPES.has(m.subtype)) return null;
  return { ...m, user: m.user };
}

export function eventId(body: unknown): string | undefined {
  const id = (body as { event_id?: unknown } | null)?.event_id;
  return typeof id === 'string' ? id : undefined;
}
