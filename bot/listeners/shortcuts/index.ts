import type { App } from '@slack/bolt';
import type { Services } from '../../runtime/services.ts';
import { DIAGNOSE_SHORTCUT, diagnoseShortcut } from './diagnose.ts';

export function register(app: App, services: Services): void {
  app.shortcut({ callback_id: DIAGNOSE_SHORTCUT, type: 'message_action' }, diagnoseShortcut(services));
}
