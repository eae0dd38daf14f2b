import type { App } from '@slack/bolt';
import { COMMAND } from '../../render/help.ts';
import type { Services } from '../../runtime/services.ts';
import { ccnetCommand } from './ccnet.ts';

export function register(app: App, services: Services): void {
  app.command(COMMAND, ccnetCommand(services));
}
