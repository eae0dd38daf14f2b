import type { App, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { handleFlowClick } from '../../handlers/flow-click.ts';
import { sendDetails } from '../../handlers/send-details.ts';
import { sendSnippetsFile } from '../../handlers/send-snippets.ts';
import { startFromButton } from '../../handlers/start-button.ts';
import type { Services } from '../../runtime/services.ts';
import { type ActionKind, actionKind, anyActionPattern } from '../../slack/action-ids.ts';
import { clickListener, type Handler } from './click-listener.ts';
import { homeStartListener } from './home-start.ts';
import { shareListener } from './share.ts';

/** Buttons in a conversation: a click that names its channel and, for session buttons, its session. */
const HANDLERS: Record<Exclude<ActionKind, 'homeStart' | 'share'>, Handler> = {
  choice: handleFlowClick,
  back: handleFlowClick,
  restart: handleFlowClick,
  change: handleFlowClick,
  details: sendDetails,
  snippetsFile: sendSnippetsFile,
  start: startFromButton,
};

/** One listener for every ccnet button: Bolt runs each registered listener's matchers on every action. */
export function register(app: App, services: Services): void {
  const clicks = clickListener(services, (s, client, click) =>
    click.kind === 'homeStart' || click.kind === 'share'
      ? Promise.resolve()
      : HANDLERS[click.kind](s, client, click),
  );
  // App Home's Start comes from a view (no channel); Share answers through the response URL: their own listeners.
  const home = homeStartListener(services);
  const share = shareListener(services);
  const dispatch: Middleware<SlackActionMiddlewareArgs> = async (args) => {
    const id = (args.action as { action_id?: unknown }).action_id;
    const kind = typeof id === 'string' ? actionKind(id) : undefined;
    if (kind === 'homeStart') return home(args);
    if (kind === 'share') return share(args);
    return clicks(args);
  };
  app.action(anyActionPattern(), dispatch);
}
