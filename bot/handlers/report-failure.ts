// Turns a failure into a log line with a code (never a token, never a stack at info level) and, where a message can
// still be posted, one short line for the user.

import { renderHint } from '../render/notice.ts';
import { BotError, failureCode, slackErrorCode } from '../runtime/errors.ts';
import type { Services } from '../runtime/services.ts';
import { escapeText } from '../slack/escape.ts';
import { ephemeral, post, type WebClient, type Where } from '../slack/post.ts';

export interface FailureContext {
  /** What was being done, for the log: "start check", "read template". */
  what: string;
  where?: Where;
  /** When set, the hint goes to this user only; otherwise to the thread. */
  user?: string;
}

/** Redis (or another shared store) is down or restarting; the bot recovers by itself when it is back. */
export const STORE_UNAVAILABLE_HINT = 'The state store is unavailable — try again in a moment.';

export function userHint(error: unknown): string {
  if (error instanceof BotError) return error.hint;
  if (failureCode(error) === 'STORE_UNAVAILABLE') return STORE_UNAVAILABLE_HINT;
  const code = slackErrorCode(error);
  if (code === 'not_in_channel')
    return 'I am not in this channel: invite me with `/invite @ccnet` and try again.';
  if (code === 'channel_not_found')
    return 'I cannot post in this conversation. Try a channel I am in, or a DM with me.';
  if (code === 'ratelimited') return 'Slack is rate-limiting me right now; try again in a minute.';
  return `Something went wrong on my side (${escapeText(code)}); try again, or start over with \`/ccnet\`.`;
}

export async function reportFailure(
  services: Services,
  client: WebClient,
  error: unknown,
  ctx: FailureContext,
) {
  services.logger.error(`${ctx.what} failed: ${failureCode(error)}`, error);
  if (ctx.where === undefined) return;
  const message = renderHint(userHint(error));
  try {
    if (ctx.user !== undefined) await ephemeral(client, { ...ctx.where, user: ctx.user }, message);
    else await post(client, ctx.where, message);
  } catch (again) {
    services.logger.error(`telling the user about "${ctx.what}" failed too: ${slackErrorCode(again)}`);
  }
}
