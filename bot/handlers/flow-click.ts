// A click on a choice, Back, Start over or Change: one flow event, the clicked question shows who answered what,
// and the next question (or the diagnosis) goes into the thread. A repeated click is dropped; a click on a question
// someone already moved past gets a private note instead of a second reply.
import type { FlowEvent } from '../../flows/types.ts';
import { renderNotice } from '../render/notice.ts';
import { type AnswerKind, renderAnswered } from '../render/question.ts';
import { TEMPLATE_SHA_META } from '../runtime/audit.ts';
import { firstDelivery, type Services } from '../runtime/services.ts';
import type { Click } from '../slack/payload.ts';
import { ephemeral, update, type WebClient } from '../slack/post.ts';
import { postReplies } from './post-replies.ts';
import { reportFailure } from './report-failure.ts';

/** Buttons in these blocks sit on a question message, which is rewritten once answered. */
const QUESTION_BLOCKS = /^ccnet_(choices|nav)(-\d+)?$/;

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

/** The clicked question, rewritten to show the choice and who made it; results (diagnosis, symptom) stay as they are. */
async function markAnswered(client: WebClient, click: Click): Promise<void> {
  if (!QUESTION_BLOCKS.test(click.blockId) || click.messageTs === undefined) return;
  const kind: AnswerKind =
    click.kind === 'choice' || click.kind === 'back' || click.kind === 'restart' ? click.kind : 'change';
  const answered = renderAnswered({
    questionText: click.messageText,
    label: click.label,
    userId: click.userId,
    kind,
  });
  await update(client, click.channelId, click.messageTs, answered);
}

/** Start over drops the template from the flow, so later diagnoses (and their audit lines) must not name it. */
async function forgetTemplate(services: Services, sessionId: string): Promise<void> {
  const record = await services.runner.get(sessionId);
  if (record?.meta[TEMPLATE_SHA_META]) await services.runner.setMeta(sessionId, { [TEMPLATE_SHA_META]: '' });
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
    const replies = await services.runner.send(value.s, event, {
      actor: click.userId,
      expectedVersion: value.v,
    });
    const first = replies[0];
    if (first?.kind === 'notice' && (first.level === 'error' || first.code === 'SESSION_EXPIRED')) {
      await ephemeral(client, { ...where, user: click.userId }, renderNotice(first));
      return;
    }
    if (event.type === 'RESTART') await forgetTemplate(services, value.s);
    // The answered question and the next step are independent messages: send both at once.
    const settled = await Promise.allSettled([
      markAnswered(client, click),
      postReplies(services, client, value.s, replies, where),
    ]);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  } catch (error) {
    await reportFailure(services, client, error, { what: `${click.kind} click`, where, user: click.userId });
  }
}
