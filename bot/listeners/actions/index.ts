import type { App } from '@slack/bolt';
import { handleFlowClick } from '../../handlers/flow-click.ts';
import { sendSnippetsFile } from '../../handlers/send-snippets.ts';
import { startFromButton } from '../../handlers/start-button.ts';
import type { Services } from '../../runtime/services.ts';
import { type ActionKind, anyActionPattern } from '../../slack/action-ids.ts';
import { clickListener, type Handler } from './click-listener.ts';

const HANDLERS: Record<ActionKind, Handler> = {
  choice: handleFlowClick,
  back: handleFlowClick,
  restart: handleFlowClick,
  change: handleFlowClick,
  snippetsFile: sendSnippetsFile,
  start: startFromButton,
};

/** One listener for every ccnet button: Bolt runs each registered listener's matchers on every action. */
export function register(app: App, services: Services): void {
  app.action(
    anyActionPattern(),
    clickListener(services, (s, client, click) => HANDLERS[click.kind](s, client, click)),
  );
}
