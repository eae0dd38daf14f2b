// A template shared in a ccnet thread: size check, download from an allowed host, then the flow reads it.

import { TEMPLATE_SHA_META } from '../../flows/turn.ts';
import { CcnetError, hasCode } from '../../knowledge/errors.ts';
import { isEvidenceText } from '../../knowledge/evidence/index.ts';
import { isTemplateText } from '../../knowledge/symptoms/paste-kind.ts';
import type { Services } from '../runtime/services.ts';
import { inlineCode } from '../slack/escape.ts';
import { filesOf } from '../slack/files.ts';
import type { WebClient } from '../slack/post.ts';
import { postTurn } from './post-turn.ts';
import { whileReading } from './reading.ts';
import { reportFailure } from './report-failure.ts';
import { downloadShared } from './shared-file.ts';

export interface SharedFiles {
  sessionId: string;
  channel: string;
  threadTs: string;
  userId: string;
  /** The message event that carries `files`. */
  event: unknown;
  /** That message, to show it is being read. */
  messageTs?: string;
}

/** Reads each attached file in turn; returns how many reached the flow. */
export async function readTemplates(
  services: Services,
  client: WebClient,
  input: SharedFiles,
): Promise<number> {
  const message = { channel: input.channel, ts: input.messageTs };
  return whileReading(services, client, message, () => readEach(services, client, input));
}

async function readEach(services: Services, client: WebClient, input: SharedFiles): Promise<number> {
  const where = { channel: input.channel, threadTs: input.threadTs };
  let read = 0;
  for (const file of filesOf(input.event)) {
    try {
      const doc = await downloadShared(services, client, file);
      // az exports and probe output are evidence; a shared log or paste is an error message, not a template.
      if (isEvidenceText(doc.text)) {
        const turn = await services.runner.send(
          input.sessionId,
          { type: 'EVIDENCE', fileName: doc.name, text: doc.text },
          { actor: input.userId },
        );
        await postTurn(services, client, turn, { where, user: input.userId });
        read += 1;
        continue;
      }
      if (!isTemplateText(doc.text)) {
        const turn = await services.runner.send(
          input.sessionId,
          { type: 'SYMPTOM', text: doc.text },
          { actor: input.userId },
        );
        await postTurn(services, client, turn, { where, user: input.userId });
        read += 1;
        continue;
      }
      // One call: the flow reads the template, and the hash of its bytes (for the audit line) is written with it.
      const turn = await services.runner
        .send(
          input.sessionId,
          { type: 'TEMPLATE', fileName: doc.name, text: doc.text },
          { actor: input.userId, meta: { [TEMPLATE_SHA_META]: doc.sha256 } },
        )
        .catch((cause: unknown) => {
          // The store being away is not the template's fault: say so, not "could not read".
          if (hasCode(cause, 'STORE_UNAVAILABLE')) throw cause;
          throw new CcnetError(
            'TEMPLATE_PARSE',
            `I could not read ${inlineCode(doc.name)} as a cluster template.`,
            {
              cause,
            },
          );
        });
      await postTurn(services, client, turn, { where, user: input.userId });
      read += 1;
    } catch (error) {
      await reportFailure(services, client, error, { what: 'read template', where });
    }
  }
  return read;
}
