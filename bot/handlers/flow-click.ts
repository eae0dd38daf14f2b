// A press on a choice, Back, Start over or Change: one flow event, one runner call. The Turn it returns says what to
// show: the pressed question rewritten with who answered what, the next step in the thread, and a private note when
// the press was refused (someone answered first). A repeated press is dropped.
import type { FlowEvent } from '../../flows/types.ts';
import { renderNotice } from '../render/notice.ts';
import { firstDelivery, releaseDelivery, type Services } from '../runtime/services.ts';
import type { Click } from '../slack/payload.ts';
import { ephemeral, type WebClient } from '../slack/post.ts';
import { postTurn, showStartedAgain } from './post-turn.ts';
import { reportFailure } from './report-failure.ts';

function eventFor(click: Click): FlowEvent | null {
  const v = click.value;
  if (v === undefined) return null;
  switch (click.kind) {
    case 'choice':
      return v.q !== undefined && v.c !== undefined
        ? { type: 'ANSWER', questionId: v.q, choiceId: v.c }
        : null;
    case 'back':
      return { type: 'BACK' };
    case 'restart':
      return { type: 'RESTART' };
    case 'change':
      return v.q !== undefined ? { type: 'CHANGE', questionId: v.q } : null;
    default:
      return null;
  }
}

export async function handleFlowClick(services: Services, client: WebClient, click: Click): Promise<void> {
  const where = { channel: click.channelId, threadTs: click.threadTs };
  const event = eventFor(click);
  const value = click.value;
  if (event === null || value === undefined) {
    const text = 'That button is missing what it stands for; run `/ccnet` to start again.';
    await ephemeral(
      client,
      { ...where, user: click.userId },
      renderNotice({ kind: 'notice', sessionId: null, level: 'error', code: 'BAD_PAYLOAD', text }),
    );
    return;
  }
  const key = `click:${value.s}:${value.v}:${click.kind}:${value.q ?? ''}:${value.c ?? ''}`;
  try {
    if (!(await firstDelivery(services, key))) return;
    const turn = await services.runner.send(value.s, event, {
      actor: click.userId,
      expectedVersion: value.v,
      // A signed click names its channel; a session started elsewhere is not this conversation's to change.
      expectedMeta: { channel: click.channelId },
    });
    await postTurn(services, client, turn, {
      where,
      user: click.userId,
      // A refused press shows the clicker where the check is now, with its buttons, whatever the thread shows.
      repeats: 'private',
      ...(click.messageTs !== undefined && !click.ephemeral ? { pressedTs: click.messageTs } : {}),
    });
    // A Start over the flow took (not one refused privately) leaves no answer for the root message to show.
    if (event.type === 'RESTART' && !turn.replies.some((r) => r.audience === 'private')) {
      await showStartedAgain(services, client, turn);
    }
  } catch (error) {
    await releaseDelivery(services, key);
    await reportFailure(services, client, error, { what: `${click.kind} click`, where, user: click.userId });
  }
}
