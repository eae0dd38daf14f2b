// `@ccnet` in a message: in a ccnet thread it works like any thread message (and with nothing to read it shows the
// open question again); elsewhere it starts a check on the attached template or the pasted error message.
import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { handleInThread, showWhereItIs, startFromMessage } from '../../handlers/person-message.ts';
import { reportFailure } from '../../handlers/report-failure.ts';
import { renderNotAllowed } from '../../render/help.ts';
import { failureCode } from '../../runtime/errors.ts';
import { channelAllowed, firstDelivery, type Services } from '../../runtime/services.ts';
import { eventId, personMessage } from '../../slack/message-event.ts';
import { ephemeral } from '../../slack/post.ts';

export function onMention(services: Services): Middleware<SlackEventMiddlewareArgs<'app_mention'>> {
  return async ({ event, body, client }) => {
    const m = personMessage(event, services.botUserId);
    if (m === null) return;
    const id = eventId(body);
    try {
      if (id !== undefined && !(await firstDelivery(services, `event:${id}`))) return;
      if (!channelAllowed(services.policy, m.channel)) {
        const message = renderNotAllowed(services.policy.allowedChannels ?? []);
        await ephemeral(client, { channel: m.channel, user: m.user, threadTs: m.thread_ts }, message);
        return;
      }
      const outcome = await handleInThread(services, client, m);
      if (outcome === 'ignored') await showWhereItIs(services, client, m);
      if (outcome === 'not-ours') await startFromMessage(services, client, m);
    } catch (error) {
      // The person asked the bot directly: when the store is away they hear so in the thread.
      const tell = failureCode(error) === 'STORE_UNAVAILABLE' && channelAllowed(services.policy, m.channel);
      const where = { channel: m.channel, threadTs: m.thread_ts ?? m.ts };
      await reportFailure(services, client, error, { what: 'app_mention event', ...(tell ? { where } : {}) });
    }
  };
}
