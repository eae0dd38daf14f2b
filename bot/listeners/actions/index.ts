import type { App } from '@slack/bolt';
import { handleFlowClick } from '../../handlers/flow-click.ts';
import { sendSnippetsFile } from '../../handlers/send-snippets.ts';
import { startFromButton } from '../../handlers/start-button.ts';
import type { Services } from '../../runtime/services.ts';
import { actionPattern } from '../../slack/action-ids.ts';
import { clickListener } from './click-listener.ts';

export function register(app: App, services: Services): void {
  for (const kind of ['choice', 'back', 'restart', 'change'] as const) {
    app.action(actionPattern(kind), clickListener(services, handleFlowClick));
  }
  app.action(actionPattern('snippetsFile'), clickListener(services, sendSnippetsFile));
  app.action(actionPattern('start'), clickListener(services, startFromButton));
}
