// A person's message the bot may act on: in a ccnet thread (template or known error), a mention outside one (start a
// check on the attached template or the pasted error), or a top-level DM to the bot (the same as a mention).

import { isEvidenceText } from '../../knowledge/evidence/index.ts';
import { renderMentionHint } from '../render/help.ts';
import type { Services } from '../runtime/services.ts';
import { filesOf } from '../slack/files.ts';
import type { MessageEvent } from '../slack/message-event.ts';
import { post, type WebClient } from '../slack/post.ts';
import { plainText, withoutMention } from '../slack/text.ts';
import { postTurn } from './post-turn.ts';
import { readTemplates } from './read-template.ts';
import { reportFailure } from './report-failure.ts';
import { startCheck } from './start-check.ts';
import { isReadableText, readPastedError } from './thread-text.ts';

export type ThreadOutcome = 'not-ours' | 'acted' | 'ignored';

/** In a thread the bot owns: a template or an error message goes to the flow; other talk is left alone. */
export async function handleInThread(
  services: Services,
  client: WebClient,
  m: MessageEvent,
): Promise<ThreadOutcome> {
  if (m.thread_ts === undefined) return 'not-ours';
  const sessionId = await services.threads.lookup(m.channel, m.thread_ts);
  if (sessionId === null) return 'not-ours';
  const input = { sessionId, channel: m.channel, threadTs: m.thread_ts, userId: m.user, messageTs: m.ts };
  if (filesOf(m).length > 0) {
    await readTemplates(services, client, { ...input, event: m });
    return 'acted';
  }
  const text = withoutMention(m.text ?? '', services.botUserId);
  return (await readPastedError(services, client, { ...input, text })) ? 'acted' : 'ignored';
}

/**
 * Whether the bot would answer this message, as far as can be told without the session store (while it is away):
 * a DM to the bot, or a template or a known error in a thread the bot started. Other thread talk stays unanswered,
 * since the thread may not be ccnet's at all.
 */
export function wouldAnswer(services: Services, m: MessageEvent): boolean {
  if (m.channel_type === 'im') return true;
  if (m.thread_ts === undefined || m.parent_user_id !== services.botUserId) return false;
  return filesOf(m).length > 0 || isReadableText(plainText(withoutMention(m.text ?? '', services.botUserId)));
}

/** `@ccnet` with nothing to read, in its own thread: show where the check is, so people can carry on. */
export async function showWhereItIs(services: Services, client: WebClient, m: MessageEvent): Promise<void> {
  const sessionId = m.thread_ts !== undefined ? await services.threads.lookup(m.channel, m.thread_ts) : null;
  if (sessionId === null) return;
  const where = { channel: m.channel, threadTs: m.thread_ts };
  try {
    const open = await services.runner.current(sessionId);
    await postTurn(services, client, open, { where, user: m.user, repeats: 'thread' });
  } catch (error) {
    await reportFailure(services, client, error, { what: 'show the open question', where });
  }
}

/** Someone asked the bot directly (a mention, or a DM): start a check on what they sent. */
export async function startFromMessage(
  services: Services,
  client: WebClient,
  m: MessageEvent,
): Promise<void> {
  const threadTs = m.thread_ts ?? m.ts;
  const where = { channel: m.channel, threadTs };
  const text = withoutMention(m.text ?? '', services.botUserId);
  const hasFiles = filesOf(m).length > 0;
  if (!hasFiles && !isReadableText(plainText(text))) {
    await post(client, where, renderMentionHint());
    return;
  }
  try {
    const started = await startCheck(services, client, {
      channel: m.channel,
      userId: m.user,
      rootTs: threadTs,
      ...(hasFiles || isEvidenceText(plainText(text)) ? {} : { entry: 'symptom' as const }),
      postFirst: false,
    });
    const input = {
      sessionId: started.turn.sessionId,
      channel: m.channel,
      threadTs,
      userId: m.user,
      messageTs: m.ts,
    };
    const read = hasFiles
      ? (await readTemplates(services, client, { ...input, event: m })) > 0
      : await readPastedError(services, client, { ...input, text });
    if (!read) await postTurn(services, client, started.turn);
  } catch (error) {
    await reportFailure(services, client, error, { what: 'start check from a message', where });
  }
}
