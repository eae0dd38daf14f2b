// "Share in channel" under a private `/ccnet explain` answer: the same answer again, for everyone, through the
// interaction's response URL (so it works where the bot is not a member), then the private copy goes away.
import type { Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { explain } from '../../../knowledge/index.ts';
import { renderExplanation } from '../../render/explain.ts';
import { failureCode } from '../../runtime/errors.ts';
import type { Services } from '../../runtime/services.ts';
import { decodeShareValue } from '../../slack/payload.ts';

function shareOf(body: unknown): { user: string; value: unknown } | null {
  const b = body as { user?: { id?: unknown }; actions?: { value?: unknown }[] } | null;
  const user = b?.user?.id;
  return typeof user === 'string' ? { user, value: b?.actions?.[0]?.value } : null;
}

export function shareListener(services: Services): Middleware<SlackActionMiddlewareArgs> {
  return async ({ ack, body, respond }) => {
    await ack();
    const share = shareOf(body);
    const decoded = share !== null ? decodeShareValue(share.value) : null;
    try {
      if (share === null || decoded === null || !decoded.ok) {
        services.logger.warn(
          `BAD_PAYLOAD: share: ${decoded !== null && !decoded.ok ? decoded.problem : 'no user'}`,
        );
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: 'That button did not work; run `/ccnet explain` again.',
        });
        return;
      }
      const message = renderExplanation(explain(decoded.value.x), { sharedBy: share.user });
      await respond({
        response_type: 'in_channel',
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
      });
      await respond({ delete_original: true });
    } catch (error) {
      services.logger.error(`share in channel failed: ${failureCode(error)}`, error);
    }
  };
}
