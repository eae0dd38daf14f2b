// Every button: ack at once, decode and check the click, then hand it to its handler. A payload that does not decode
// gets a short private note, never an exception.
import type { Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { renderNotAllowed } from '../../render/help.ts';
import { renderHint } from '../../render/notice.ts';
import { failureCode } from '../../runtime/errors.ts';
import { channelAllowed, type Services } from '../../runtime/services.ts';
import { type Click, decodeClick } from '../../slack/payload.ts';
import { ephemeral, type WebClient } from '../../slack/post.ts';

export type Handler = (services: Services, client: WebClient, click: Click) => Promise<void>;

function whoAndWhere(body: unknown): { user: string; channel: string } | null {
  const b = body as { user?: { id?: unknown }; channel?: { id?: unknown } } | null;
  const user = b?.user?.id;
  const channel = b?.channel?.id;
  return typeof user === 'string' && typeof channel === 'string' ? { user, channel } : null;
}

export function clickListener(services: Services, handle: Handler): Middleware<SlackActionMiddlewareArgs> {
  return async ({ ack, body, client }) => {
    await ack();
    const decoded = decodeClick(body);
    try {
      if (!decoded.ok) {
        services.logger.warn(`BAD_PAYLOAD: ${decoded.problem}`);
        const target = whoAndWhere(body);
        if (target === null) return;
        const hint = `That button did not work (${decoded.problem}). Run \`/ccnet\` to start again.`;
        await ephemeral(client, target, renderHint(hint));
        return;
      }
      const click = decoded.value;
      if (!channelAllowed(services.policy, click.channelId)) {
        const message = renderNotAllowed(services.policy.allowedChannels ?? []);
        await ephemeral(client, { channel: click.channelId, user: click.userId }, message);
        return;
      }
      await services.work.run(() => handle(services, client, click));
    } catch (error) {
      services.logger.error(`button click failed: ${failureCode(error)}`, error);
    }
  };
}
