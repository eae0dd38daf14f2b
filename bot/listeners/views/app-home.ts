// App Home: published each time the user opens the Home tab, with their recent checks.
import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { STORE_UNAVAILABLE_HINT } from '../../../flows/ports/session-store.ts';
import { recentChecks, withPermalinks } from '../../handlers/recent-checks.ts';
import { reportFailure } from '../../handlers/report-failure.ts';
import { renderHome } from '../../render/home.ts';
import { failureCode } from '../../runtime/errors.ts';
import type { Services } from '../../runtime/services.ts';

export function onHomeOpened(services: Services): Middleware<SlackEventMiddlewareArgs<'app_home_opened'>> {
  return async ({ event, client }) => {
    if (event.tab !== 'home') return;
    // With a channel allowlist the bot does not answer in DMs, so Home offers no Start there.
    const canStartHere = services.policy.allowedChannels === undefined;
    try {
      const recent = await withPermalinks(client, await recentChecks(services.runner, event.user));
      await client.views.publish({ user_id: event.user, view: renderHome(recent, { canStartHere }) });
    } catch (error) {
      await reportFailure(services, client, error, { what: 'publish App Home' });
      if (failureCode(error) !== 'STORE_UNAVAILABLE') return;
      await client.views
        .publish({
          user_id: event.user,
          view: renderHome([], { unavailable: STORE_UNAVAILABLE_HINT, canStartHere }),
        })
        .catch(() => {});
    }
  };
}
