// Posts the runner's replies in the session's thread, in order, with buttons at the session's current version. Each
// diagnosis posted goes to the audit log.
import type { SessionRecord } from '../../flows/session-store.ts';
import type { Reply } from '../../flows/types.ts';
import { renderReply } from '../render/reply.ts';
import { diagnosisFields } from '../runtime/audit.ts';
import type { Services } from '../runtime/services.ts';
import { post, type WebClient, type Where } from '../slack/post.ts';

type Thread = Where & { channel: string; version: number };

function threadOf(record: SessionRecord | null): Thread | null {
  const channel = record?.meta.channel;
  if (record === null || channel === undefined) return null;
  return { channel, threadTs: record.meta.thread_ts, version: record.version };
}

/** Channel and thread of a session, from its meta (set when the check started). */
export async function sessionThread(services: Services, sessionId: string): Promise<Thread | null> {
  return threadOf(await services.runner.get(sessionId));
}

/**
 * Replies as Slack shows them: an error message the flow just read is not shown twice when the reply after it is
 * the same match with the way on (its buttons).
 */
export function forSlack(replies: readonly Reply[]): Reply[] {
  return replies.filter((reply, i) => {
    const next = replies[i + 1];
    return !(
      reply.kind === 'symptom' &&
      reply.choices.length === 0 &&
      next?.kind === 'symptom' &&
      next.match.id === reply.match.id
    );
  });
}

export interface PostOptions {
  /** The replies show where the check already is (nothing new was decided): no audit line. */
  repeat?: boolean;
}

export async function postReplies(
  services: Services,
  client: WebClient,
  sessionId: string,
  replies: readonly Reply[],
  fallback?: Where,
  options: PostOptions = {},
): Promise<void> {
  const record = await services.runner.get(sessionId);
  const thread = threadOf(record);
  const where = thread ?? fallback;
  if (where === undefined) {
    services.logger.warn(`session ${sessionId}: no thread to post ${replies.length} replies in`);
    return;
  }
  for (const reply of forSlack(replies)) {
    await post(
      client,
      { channel: where.channel, threadTs: where.threadTs },
      renderReply(reply, thread?.version ?? 0),
    );
    if (reply.kind === 'diagnosis' && options.repeat !== true) {
      services.audit.diagnosis(
        diagnosisFields(reply, { team: services.teamId, channel: where.channel, record }),
      );
    }
  }
}
