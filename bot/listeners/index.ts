// One register() per listener kind (bolt-ts-starter layout). manifest.yml declares the same commands and events.
import type { App } from '@slack/bolt';
import type { Services } from '../runtime/services.ts';
import * as actions from './actions/index.ts';
import * as commands from './commands/index.ts';
import * as events from './events/index.ts';
import * as shortcuts from './shortcuts/index.ts';
import * as views from './views/index.ts';

export function registerListeners(app: App, services: Services): void {
  commands.register(app, services);
  actions.register(app, services);
  events.register(app, services);
  shortcuts.register(app, services);
  views.register(app, services);
}
