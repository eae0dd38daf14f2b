// Messages in conversations the bot is in. Only ccnet threads (and top-level DMs to the bot) are acted on; a message
// that mentions the bot is left to the app_mention listener, so it is handled once.
import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { handleInThread, startFromMessage, wouldAnswer } from '../../handlers/person-message.ts';
import { reportFailure } from '../../handlers/report-failure.ts';
import { renderNotAllowed } from '../../render/help.ts';
import { failureCode } from '../../runtime/errors.ts';
import { channelAllowed, firstDelivery, type Services } from '../../runtime/services.ts';
import { eventId, personMessage } from '../../slack/message-event.ts';
import { post } from '../../slack/post.ts';
import { mentions } from '../../slack/text.ts';

export function onMessage(services: Services): Middleware<SlackEventMiddlewareArgs<'message'>> {
  return async ({ event, body, client }) => {
    const m = personMessage(event, services.botUserId);
    if (m === null || mentions(m.text ?? '', services.botUserId)) return;
    const allowed = channelAllowed(services.policy, m.channel);
    // Outside the allowed channels the bot stays quiet, except in a DM, where only the writer reads the reason.
    if (!allowed && m.channel_type !== 'im') return;
    if (m.thread_ts === undefined && m.channel_type !== 'im') return;
    const id = eventId(body);
    try {
      if (id !== undefined && !(await firstDelivery(services, `event:${id}`))) return;
      if (!allowed) {
        await post(
          client,
          { channel: m.channel, threadTs: m.thread_ts },
          renderNotAllowed(services.policy.allowedChannels ?? []),
        );
        return;
      }
      if (m.thread_ts !== undefined) await handleInThread(services, client, m);
      else await startFromMessage(services, client, m);
    } catch (error) {
      // Only the store being away is worth a word here, and only where the bot would have answered anyway.
      const tell = failureCode(error) === 'STORE_UNAVAILABLE' && wouldAnswer(services, m);
      const where = { channel: m.channel, threadTs: m.thread_ts ?? m.ts };
      await reportFailure(services, client, error, { what: 'message event', ...(tell ? { where } : {}) });
    }
  };
}
