// `/ccnet [help | explain <text> | check]`. Answers that need no Slack call go back in the ack itself (ephemeral);
// starting a check acks first, then posts the thread.
import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { handleStartCommand } from '../../handlers/start-command.ts';
import { subcommandReply } from '../../handlers/subcommand.ts';
import type { Rendered } from '../../render/blocks.ts';
import { renderNotAllowed } from '../../render/help.ts';
import { channelAllowed, firstDelivery, type Services } from '../../runtime/services.ts';

function ephemeral(message: Rendered) {
  return { response_type: 'ephemeral' as const, text: message.text, blocks: message.blocks };
}

export function ccnetCommand(services: Services): Middleware<SlackCommandMiddlewareArgs> {
  return async ({ command, ack, client, respond }) => {
    if (!channelAllowed(services.policy, command.channel_id)) {
      await ack(ephemeral(renderNotAllowed(services.policy.allowedChannels ?? [])));
      return;
    }
    const immediate = subcommandReply(command.text);
    if (immediate !== null) {
      await ack(ephemeral(immediate));
      return;
    }
    await ack();
    // A replayed request (Slack's retry, or a captured one sent again) carries the same trigger_id. When the shared
    // dedupe is down, the start goes on and tells the user about the store itself.
    const first = await firstDelivery(services, `command:${command.trigger_id}`).catch(() => true);
    if (!first) return;
    await handleStartCommand(services, client, respond, {
      channel: command.channel_id,
      userId: command.user_id,
    });
  };
}
