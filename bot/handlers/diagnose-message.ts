// A message someone asked ccnet to diagnose (the message shortcut): its text with code blocks unwrapped, plus its
// attached text files that are not cluster templates, through the same explain path as `/ccnet explain`. The answer
// goes into the message's thread; where ccnet may not post (not a member, a DM it is not in), privately to the person.
import { isTemplateText } from '../../knowledge/symptoms/paste-kind.ts';
import { context, type Rendered } from '../render/blocks.ts';
import { slackErrorCode } from '../runtime/errors.ts';
import { channelAllowed, type Services } from '../runtime/services.ts';
import { filesOf } from '../slack/files.ts';
import { post, type WebClient } from '../slack/post.ts';
import { pastedText } from '../slack/text.ts';
import { explainText } from './explain-text.ts';
import { isLongPaste, whileReading } from './reading.ts';
import { downloadShared } from './shared-file.ts';

export interface MessageToDiagnose {
  channel: string;
  userId: string;
  messageTs: string;
  threadTs?: string;
  text: string;
  /** The message itself, for its files. */
  event: unknown;
}

/** Web API errors that mean "you may not post here", answered privately instead. */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

export async function diagnoseMessage(
  services: Services,
  client: WebClient,
  input: MessageToDiagnose,
): Promise<'thread' | 'private'> {
  const privately = { channel: input.userId };
  if (!channelAllowed(services.policy, input.channel)) {
    const rendered = explainText(await readAll(services, client, input));
    await post(
      client,
      privately,
      withNote(rendered, 'I do not answer in that channel, so here is my reply, privately.'),
    );
    return 'private';
  }
  // Files to fetch or a long paste: :eyes: on the message until the reply is posted.
  const slow = filesOf(input.event).length > 0 || isLongPaste(pastedText(input.text));
  const message = { channel: input.channel, ts: slow ? input.messageTs : undefined };
  return whileReading(services, client, message, () => answerInThread(services, client, input));
}

async function answerInThread(
  services: Services,
  client: WebClient,
  input: MessageToDiagnose,
): Promise<'thread' | 'private'> {
  const rendered = explainText(await readAll(services, client, input));
  try {
    await post(client, { channel: input.channel, threadTs: input.threadTs ?? input.messageTs }, rendered);
    return 'thread';
  } catch (error) {
    if (!CANNOT_POST.has(slackErrorCode(error))) throw error;
    await post(
      client,
      { channel: input.userId },
      withNote(rendered, 'I cannot post in that conversation, so here is my reply, privately.'),
    );
    return 'private';
  }
}

/** The message text and the text files attached to it that are not templates (logs, pastes). */
async function readAll(services: Services, client: WebClient, input: MessageToDiagnose): Promise<string> {
  const parts = [pastedText(input.text)];
  for (const file of filesOf(input.event)) {
    try {
      const doc = await downloadShared(services, client, file);
      if (!isTemplateText(doc.text)) parts.push(doc.text);
    } catch (error) {
      services.logger.warn(`diagnose: skipped a file (${slackErrorCode(error)})`);
    }
  }
  return parts.filter((p) => p.trim().length > 0).join('\n');
}

function withNote(rendered: Rendered, note: string) {
  return { ...rendered, blocks: [context(`_${note}_`), ...rendered.blocks] };
}
