// Turns a failure into a log line with a code (never a token, never a stack at info level) and, where a message can
// still be posted, one short line for the user.

import { renderHint } from '../render/notice.ts';
import { asBotError, failureCode, slackErrorCode } from '../runtime/errors.ts';
import type { Services } from '../runtime/services.ts';
import { ephemeral, post, type WebClient, type Where } from '../slack/post.ts';

export interface FailureContext {
  /** What was being done, for the log: "start check", "read template". */
  what: string;
  where?: Where;
  /** When set, the hint goes to this user only; otherwise to the thread. */
  user?: string;
}

/** One short line for the person: the error's hint, or an apology for a bug (the log has the rest). */
export function userHint(error: unknown): string {
  const coded = asBotError(error);
  return coded.code === 'INTERNAL'
    ? 'Something went wrong on my side (unknown); try again, or start over with `/ccnet`.'
    : coded.hint;
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
