// A person's message the bot may act on: in a ccnet thread (template or known error), a mention outside one (start a
// check on the attached template or the pasted error), or a top-level DM to the bot (the same as a mention).

import { filesOf } from '../files.ts';
import type { MessageEvent } from '../message-event.ts';
import { renderMentionHint } from '../render/help.ts';
import type { Services } from '../services.ts';
import { post, type WebClient } from '../slack/post.ts';
import { plainText, withoutMention } from '../slack-text.ts';
import { postReplies } from './post-replies.ts';
import { readTemplates } from './read-template.ts';
import { reportFailure } from './report-failure.ts';
import { startCheck } from './start-check.ts';
import { isKnownError, readPastedError } from './thread-text.ts';

/** In a thread the bot owns: returns false when the thread is not ccnet's. */
export async function handleInThread(
  services: Services,
  client: WebClient,
  m: MessageEvent,
): Promise<boolean> {
  if (m.thread_ts === undefined) return false;
  const sessionId = await services.threads.lookup(m.channel, m.thread_ts);
  if (sessionId === null) return false;
  const input = { sessionId, channel: m.channel, threadTs: m.thread_ts, userId: m.user };
  if (filesOf(m).length > 0) await readTemplates(services, client, { ...input, event: m });
  else
    await readPastedError(services, client, {
      ...input,
      text: withoutMention(m.text ?? '', services.botUserId),
    });
  return true;
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
  if (!hasFiles && !isKnownError(plainText(text))) {
    await post(client, where, renderMentionHint());
    return;
  }
  try {
    const started = await startCheck(services, client, {
      channel: m.channel,
      userId: m.user,
      rootTs: threadTs,
      ...(hasFiles ? {} : { entry: 'symptom' as const }),
      postFirst: false,
    });
    const input = { sessionId: started.sessionId, channel: m.channel, threadTs, userId: m.user };
    const read = hasFiles
      ? (await readTemplates(services, client, { ...input, event: m })) > 0
      : await readPastedError(services, client, { ...input, text });
    if (!read) await postReplies(services, client, started.sessionId, started.replies);
  } catch (error) {
    await reportFailure(services, client, error, { what: 'start check from a message', where });
  }
}
