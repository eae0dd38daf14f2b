// `@ccnet` in a message: in a ccnet thread it works like any thread message; elsewhere it starts a check on the
// attached template or the pasted error message.
import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { slackErrorCode } from '../../errors.ts';
import { handleInThread, startFromMessage } from '../../handlers/person-message.ts';
import { eventId, personMessage } from '../../message-event.ts';
import { renderNotAllowed } from '../../render/help.ts';
import { channelAllowed, type Services } from '../../services.ts';
import { ephemeral } from '../../slack/post.ts';

export function onMention(services: Services): Middleware<SlackEventMiddlewareArgs<'app_mention'>> {
  return async ({ event, body, client }) => {
    const m = personMessage(event, services.botUserId);
    if (m === null) return;
    const id = eventId(body);
    if (id !== undefined && !services.seen.firstTime(`event:${id}`)) return;
    try {
      if (!channelAllowed(services.policy, m.channel)) {
        const message = renderNotAllowed(services.policy.allowedChannels ?? []);
        await ephemeral(client, { channel: m.channel, user: m.user, threadTs: m.thread_ts }, message);
        return;
      }
      if (await handleInThread(services, client, m)) return;
      await startFromMessage(services, client, m);
    } catch (error) {
      services.logger.error(`app_mention event failed: ${slackErrorCode(error)}`, error);
    }
  };
}
