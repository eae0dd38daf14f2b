import type { App } from '@slack/bolt';
import type { Services } from '../../runtime/services.ts';
import { onHomeOpened } from './app-home.ts';

export function register(app: App, services: Services): void {
  app.event('app_home_opened', onHomeOpened(services));
}
