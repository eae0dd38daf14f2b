// Text in a ccnet thread: a known error message goes to the flow, and so does any text while the check is asking for
// the error message; anything else is people talking, left alone.
import { ERROR_MESSAGE_QUESTION } from '../../flows/questions.ts';
import { isEvidenceText } from '../../knowledge/evidence/index.ts';
import { matchSymptom } from '../../knowledge/index.ts';
import type { Services } from '../runtime/services.ts';
import type { WebClient } from '../slack/post.ts';
import { pastedText } from '../slack/text.ts';
import { postTurn } from './post-turn.ts';
import { isLongPaste, whileReading } from './reading.ts';
import { reportFailure } from './report-failure.ts';

/** True when the text holds an error ccnet recognises: a known message or an error class. */
function isKnownError(text: string): boolean {
  return text.trim().length > 0 && matchSymptom(text).recognised;
}

/** Text the bot reads in a thread: evidence (probe output, a pasted export) or an error it recognises. */
export function isReadableText(text: string): boolean {
  return isEvidenceText(text) || isKnownError(text);
}

async function asksForErrorMessage(services: Services, sessionId: string): Promise<boolean> {
  const open = await services.runner.current(sessionId);
  return open.replies.some((r) => r.kind === 'question' && r.questionId === ERROR_MESSAGE_QUESTION);
}

export async function readPastedError(
  services: Services,
  client: WebClient,
  input: {
    sessionId: string;
    channel: string;
    threadTs: string;
    userId: string;
    text: string;
    /** The pasted message: a long paste shows it is being read. */
    messageTs?: string;
  },
): Promise<boolean> {
  const text = pastedText(input.text);
  // Probe output or a pasted export is evidence: read before the error-message matcher sees it.
  const evidence = isEvidenceText(text);
  if (!evidence && !isKnownError(text) && !(await asksForErrorMessage(services, input.sessionId)))
    return false;
  const where = { channel: input.channel, threadTs: input.threadTs };
  const message = { channel: input.channel, ts: isLongPaste(text) ? input.messageTs : undefined };
  try {
    await whileReading(services, client, message, async () => {
      const turn = await services.runner.send(
        input.sessionId,
        evidence ? { type: 'EVIDENCE', fileName: 'pasted text', text } : { type: 'SYMPTOM', text },
        { actor: input.userId },
      );
      await postTurn(services, client, turn, { where, user: input.userId });
    });
  } catch (error) {
    await reportFailure(services, client, error, { what: 'read pasted error', where });
  }
  return true;
}
