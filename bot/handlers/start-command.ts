// `/ccnet` (or the Start button): open the thread and ask the first question. When Slack refuses (the bot is not in
// the channel, a DM it cannot post in), the user hears why through the command's response URL.
import type { RespondFn } from '@slack/bolt';
import { failureCode, slackErrorCode } from '../runtime/errors.ts';
import type { Services } from '../runtime/services.ts';
import type { WebClient } from '../slack/post.ts';
import { userHint } from './report-failure.ts';
import { startCheck } from './start-check.ts';

export async function handleStartCommand(
  services: Services,
  client: WebClient,
  respond: RespondFn | undefined,
  input: { channel: string; userId: string },
): Promise<void> {
  try {
    await startCheck(services, client, input);
  } catch (error) {
    services.logger.error(`start check failed: ${failureCode(error)}`, error);
    if (respond === undefined) return;
    await respond({ response_type: 'ephemeral', text: userHint(error) }).catch((again: unknown) => {
      services.logger.error(`telling the user about "start check" failed too: ${slackErrorCode(again)}`);
    });
  }
}
