// Details: the whole answer of the check's current diagnosis, posted in its thread (parts too long for one message
// follow as files).
import { renderDetails } from '../render/details.ts';
import { renderNotice } from '../render/notice.ts';
import { firstDelivery, type Services } from '../runtime/services.ts';
import type { Click } from '../slack/payload.ts';
import { ephemeral, post, type WebClient } from '../slack/post.ts';
import { threadOf } from './post-turn.ts';
import { reportFailure } from './report-failure.ts';

export async function sendDetails(services: Services, client: WebClient, click: Click): Promise<void> {
  const value = click.value;
  const where = { channel: click.channelId, threadTs: click.threadTs };
  if (value === undefined) return;
  try {
    if (!(await firstDelivery(services, `details:${value.s}:${value.v}`))) return;
    const open = await services.runner.current(value.s);
    const diagnosis = open.replies.find((r) => r.kind === 'diagnosis');
    if (diagnosis?.kind !== 'diagnosis') {
      const text =
        'This check has moved on (an answer changed, or it expired): its answer is no longer current.';
      await ephemeral(
        client,
        { ...where, user: click.userId },
        renderNotice({ kind: 'notice', sessionId: value.s, level: 'info', code: 'NO_SNIPPETS', text }),
      );
      return;
    }
    await post(client, threadOf(open) ?? where, renderDetails(diagnosis, open.version));
  } catch (error) {
    await reportFailure(services, client, error, { what: 'send details', where, user: click.userId });
  }
}
