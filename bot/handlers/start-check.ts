// Starting a check: a root message (or the message that mentioned the bot) becomes the thread, the session
// remembers it, and the first question goes into the thread.

import { THREAD_INDEX_TTL_MS } from '../../flows/ports/thread-index.ts';
import type { Turn } from '../../flows/turn.ts';
import type { EntryPoint } from '../../flows/types.ts';
import type { Situation } from '../../knowledge/model.ts';
import { renderRoot } from '../render/help.ts';
import { renderHint } from '../render/notice.ts';
import type { Services } from '../runtime/services.ts';
import { post, update, type WebClient } from '../slack/post.ts';
import { postTurn, ROOT_POSTED } from './post-turn.ts';
import { userHint } from './report-failure.ts';

export interface StartInput {
  channel: string;
  userId: string;
  /** Existing message to use as the thread root; without it a root message is posted. */
  rootTs?: string;
  entry?: EntryPoint;
  facts?: Partial<Situation>;
  /** Post the first question now (false when a template or an error message follows at once). */
  postFirst?: boolean;
}

export interface Started {
  threadTs: string;
  turn: Turn;
}

export async function startCheck(services: Services, client: WebClient, input: StartInput): Promise<Started> {
  const threadTs = input.rootTs ?? (await post(client, { channel: input.channel }, renderRoot(input.userId)));
  if (threadTs === undefined) throw new Error('chat.postMessage returned no ts');
  let turn: Turn;
  try {
    turn = await services.runner.start({
      owner: input.userId,
      scope: input.channel,
      ...(input.entry !== undefined ? { entry: input.entry } : {}),
      ...(input.facts !== undefined ? { facts: input.facts } : {}),
      meta: {
        channel: input.channel,
        thread_ts: threadTs,
        started_by: input.userId,
        ...(input.rootTs === undefined ? { root: ROOT_POSTED } : {}),
      },
    });
    await services.threads.remember(input.channel, threadTs, turn.sessionId, THREAD_INDEX_TTL_MS);
  } catch (error) {
    // A root message we posted would announce a check that never started: it says what happened instead.
    if (input.rootTs === undefined) {
      await update(client, input.channel, threadTs, renderHint(userHint(error))).catch(() => {});
    }
    throw error;
  }
  if (input.postFirst !== false) await postTurn(services, client, turn);
  return { threadTs, turn };
}
