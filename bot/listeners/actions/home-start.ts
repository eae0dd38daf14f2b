// The Start button on App Home: its click comes from a view, not a channel, so it has its own small listener.
import type { Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { startFromHome } from '../../handlers/start-from-home.ts';
import { failureCode } from '../../runtime/errors.ts';
import type { Services } from '../../runtime/services.ts';

function clickOf(body: unknown): { userId: string; actionTs: string } | null {
  const b = body as { user?: { id?: unknown }; actions?: { action_ts?: unknown }[] } | null;
  const userId = b?.user?.id;
  const actionTs = b?.actions?.[0]?.action_ts;
  return typeof userId === 'string' && userId.length > 0
    ? { userId, actionTs: typeof actionTs === 'string' ? actionTs : '' }
    : null;
}

export function homeStartListener(services: Services): Middleware<SlackActionMiddlewareArgs> {
  return async ({ ack, body, client }) => {
    await ack();
    const click = clickOf(body);
    if (click === null) {
      services.logger.warn('BAD_PAYLOAD: App Home Start without a user');
      return;
    }
    try {
      await services.work.run(() => startFromHome(services, client, click));
    } catch (error) {
      services.logger.error(`App Home Start failed: ${failureCode(error)}`, error);
    }
  };
}
