// Shows one Turn in Slack, from the Turn alone: the pressed question rewritten to show what was answered and by whom,
// thread replies posted in the session's thread (buttons at the turn's version), private replies to the person who
// acted. Each new diagnosis comes with a picture of its path, goes to the audit log, and its outcome goes on the root
// message the bot posted.
import { TEMPLATE_SHA_META, type Turn, type TurnReply } from '../../flows/turn.ts';
import type { Overflow, Rendered } from '../render/blocks.ts';
import { nextAction } from '../render/diagnosis.ts';
import { diagramFile } from '../render/diagram.ts';
import { renderRoot, renderRootOutcome } from '../render/help.ts';
import { renderAnswered } from '../render/question.ts';
import { renderReply } from '../render/reply.ts';
import { diagnosisFields } from '../runtime/audit.ts';
import { slackErrorCode } from '../runtime/errors.ts';
import type { Services } from '../runtime/services.ts';
import { ephemeral, post, update, uploadFiles, type WebClient, type Where } from '../slack/post.ts';

/** Meta `root` when the bot posted the thread's root message itself (so it may rewrite it). */
export const ROOT_POSTED = 'posted';

type DiagnosisReply = Extract<TurnReply, { kind: 'diagnosis' }>;

/**
 * The picture of the path, uploaded into the thread after the answer. It adds to the answer and never holds it up:
 * if it cannot be drawn or Slack refuses the upload (no files:write, retries used up), the answer, the root message
 * and the audit line stand, and the log says why.
 */
async function uploadDiagram(
  services: Services,
  client: WebClient,
  where: Where,
  reply: DiagnosisReply,
): Promise<boolean> {
  let file: Overflow;
  try {
    file = diagramFile(reply);
  } catch (error) {
    services.logger.warn(`DIAGRAM_FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
  return uploadFiles(client, where, [file]).then(
    () => true,
    (error: unknown) => {
      services.logger.warn(`DIAGRAM_NOT_UPLOADED: ${slackErrorCode(error)}`);
      return false;
    },
  );
}

/** Rewrites the root message the bot posted for the check; a person's own message is left alone. */
async function rewriteRoot(
  services: Services,
  client: WebClient,
  turn: Turn,
  message: Rendered,
): Promise<void> {
  const { channel, thread_ts: rootTs, root } = turn.meta;
  if (root !== ROOT_POSTED || channel === undefined || rootTs === undefined) return;
  await update(client, channel, rootTs, message).catch((error: unknown) => {
    services.logger.warn(
      `root message not updated: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}

/** The channel sees the outcome on the root message: the option, and whether the template still needs fixing. */
function showOutcome(
  services: Services,
  client: WebClient,
  turn: Turn,
  reply: DiagnosisReply,
  pictured: boolean,
) {
  return rewriteRoot(
    services,
    client,
    turn,
    renderRootOutcome({
      startedBy: turn.meta.started_by ?? '',
      option: reply.diagnosis.recommendation.option,
      headline: nextAction(reply.diagnosis.recommendation).headline,
      findings: reply.diagnosis.findings,
      templateRead: reply.diagnosis.topology !== undefined,
      pictured,
    }),
  );
}

/** After Start over the root message no longer claims an answer. */
export function showStartedAgain(services: Services, client: WebClient, turn: Turn): Promise<void> {
  return rewriteRoot(services, client, turn, renderRoot(turn.meta.started_by ?? ''));
}

export interface TurnTarget {
  /** Where the event happened: the thread to post in when the session names none (it expired). */
  where?: Where;
  /** The person who acted: private replies go to them. */
  user?: string;
  /** The message whose button was pressed: rewritten when the turn answered its question. */
  pressedTs?: string;
  /**
   * Where the step a turn repeats goes: in the thread (someone asked where the check is), privately to the person
   * who acted (a refused press: the thread may lack that step when posting it failed earlier), or nowhere (default).
   */
  repeats?: 'thread' | 'private';
}

/** Channel and thread of a session, from the meta written when the check started. */
export function threadOf(turn: Turn): (Where & { channel: string }) | null {
  const channel = turn.meta.channel;
  if (channel === undefined) return null;
  return { channel, threadTs: turn.meta.thread_ts };
}

/**
 * Replies as Slack shows them: an error message the flow just read is not shown twice when the reply after it is
 * the same match with the way on (its buttons).
 */
function forSlack(replies: readonly TurnReply[]): TurnReply[] {
  return replies.filter((reply, i) => {
    const next = replies[i + 1];
    return !(
      reply.kind === 'symptom' &&
      reply.choices.length === 0 &&
      next?.kind === 'symptom' &&
      next.match.id === reply.match.id
    );
  });
}

export async function postTurn(
  services: Services,
  client: WebClient,
  turn: Turn,
  target: TurnTarget = {},
): Promise<void> {
  // The next step first: the answered question keeps its buttons until the step after it is in the thread, so a
  // failed post (not_in_channel, a 5xx, retries used up) never leaves a check with nothing left to press.
  await postReplies(services, client, turn, target);
  const answered = turn.answered;
  const pressed = target.pressedTs;
  const channel = target.where?.channel;
  if (answered !== undefined && pressed !== undefined && channel !== undefined)
    await update(client, channel, pressed, renderAnswered(answered));
}

async function postReplies(services: Services, client: WebClient, turn: Turn, target: TurnTarget) {
  const where = threadOf(turn) ?? target.where;
  if (where === undefined) {
    services.logger.warn(`session ${turn.sessionId}: no thread to post ${turn.replies.length} replies in`);
    return;
  }
  for (const reply of forSlack(turn.replies)) {
    if (reply.repeat === true && target.repeats === undefined) continue;
    const rendered = renderReply(reply, turn.version);
    const privately = reply.audience === 'private' || (reply.repeat === true && target.repeats === 'private');
    if (privately && target.user !== undefined) {
      await ephemeral(client, { ...(target.where ?? where), user: target.user }, rendered);
      continue;
    }
    await post(client, where, rendered);
    if (reply.kind === 'diagnosis' && reply.repeat !== true) {
      const pictured = await uploadDiagram(services, client, where, reply);
      await showOutcome(services, client, turn, reply, pictured);
      services.audit.diagnosis(
        diagnosisFields(reply, {
          team: services.teamId,
          channel: where.channel,
          user: turn.actor,
          templateSha256: turn.meta[TEMPLATE_SHA_META],
        }),
      );
    }
  }
}
