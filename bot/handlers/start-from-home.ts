// "Start a check" on App Home: the check opens in the user's DM with the bot (Messages tab), like `/ccnet` there.
import { renderHome } from '../render/home.ts';
import { firstDelivery, type Services } from '../runtime/services.ts';
import type { WebClient } from '../slack/post.ts';
import { reportFailure, userHint } from './report-failure.ts';
import { startCheck } from './start-check.ts';

export async function startFromHome(
  services: Services,
  client: WebClient,
  click: { userId: string; actionTs: string },
): Promise<void> {
  try {
    if (!(await firstDelivery(services, `home-start:${click.userId}:${click.actionTs}`))) return;
    const opened = await client.conversations.open({ users: click.userId });
    const channel = opened.channel?.id;
    if (channel === undefined) throw new Error('conversations.open returned no channel');
    await startCheck(services, client, { channel, userId: click.userId });
  } catch (error) {
    await reportFailure(services, client, error, { what: 'start check from App Home' });
    // Home has no thread to answer in: the hint goes on the Home tab itself.
    const notice = `The check did not start: ${userHint(error)}`;
    await client.views.publish({ user_id: click.userId, view: renderHome([], { notice }) }).catch(() => {});
  }
}
