// "Diagnose with ccnet" on any message: ack at once, then read the message (its text, code blocks and text files)
// and answer in its thread, or privately when ccnet cannot post there.
import type { MessageShortcut, Middleware, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { diagnoseMessage } from '../../handlers/diagnose-message.ts';
import { reportFailure } from '../../handlers/report-failure.ts';
import type { Services } from '../../runtime/services.ts';

/** callback_id of the message shortcut in manifest.yml. */
export const DIAGNOSE_SHORTCUT = 'ccnet_diagnose';

export function diagnoseShortcut(services: Services): Middleware<SlackShortcutMiddlewareArgs> {
  return async ({ shortcut, ack, client }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const s = shortcut as MessageShortcut;
    const message = s.message as { ts?: string; thread_ts?: string; text?: string; files?: unknown };
    try {
      await diagnoseMessage(services, client, {
        channel: s.channel.id,
        userId: s.user.id,
        messageTs: message.ts ?? s.message_ts,
        ...(message.thread_ts !== undefined ? { threadTs: message.thread_ts } : {}),
        text: message.text ?? '',
        event: message,
      });
    } catch (error) {
      await reportFailure(services, client, error, { what: 'diagnose a message' });
    }
  };
}
