import type { App } from '@slack/bolt';
import type { Services } from '../../runtime/services.ts';
import { onMention } from './app-mention.ts';
import { onMessage } from './message.ts';

export function register(app: App, services: Services): void {
  app.event('message', onMessage(services));
  app.event('app_mention', onMention(services));
}
