// "Send snippets as a file": every snippet of the current recommendation in one file in the thread.

import { renderNotice } from '../render/notice.ts';
import { allSnippetsFile } from '../render/snippets.ts';
import { firstDelivery, type Services } from '../runtime/services.ts';
import type { Click } from '../slack/payload.ts';
import { ephemeral, uploadFiles, type WebClient } from '../slack/post.ts';
import { threadOf } from './post-turn.ts';
import { reportFailure } from './report-failure.ts';

export async function sendSnippetsFile(services: Services, client: WebClient, click: Click): Promise<void> {
  const value = click.value;
  const where = { channel: click.channelId, threadTs: click.threadTs };
  if (value === undefined) return;
  try {
    if (!(await firstDelivery(services, `snippets:${value.s}:${value.v}`))) return;
    const open = await services.runner.current(value.s);
    const diagnosis = open.replies.find((r) => r.kind === 'diagnosis');
    const snippets = diagnosis?.kind === 'diagnosis' ? diagnosis.diagnosis.recommendation.snippets : [];
    if (snippets.length === 0) {
      const text = 'This check has no snippets to send any more (it moved on or expired).';
      await ephemeral(
        client,
        { ...where, user: click.userId },
        renderNotice({ kind: 'notice', sessionId: value.s, level: 'info', code: 'NO_SNIPPETS', text }),
      );
      return;
    }
    await uploadFiles(client, threadOf(open) ?? where, [allSnippetsFile(snippets)]);
  } catch (error) {
    await reportFailure(services, client, error, { what: 'send snippets', where, user: click.userId });
  }
}
