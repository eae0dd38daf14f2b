// A visible "reading it" on the person's message (an :eyes: reaction) while ccnet reads a file or a long paste, taken
// off once the answer is in the thread. A reaction Slack refuses (no scope, already there) never stops the reading.

import { slackErrorCode } from '../runtime/errors.ts';
import type { Services } from '../runtime/services.ts';
import type { WebClient } from '../slack/post.ts';

const READING_REACTION = 'eyes';
/** Pasted text at least this long (or this many lines) is "a long paste" worth acknowledging. */
const LONG_PASTE_CHARS = 300;
const LONG_PASTE_LINES = 4;

export function isLongPaste(text: string): boolean {
  return text.length >= LONG_PASTE_CHARS || text.split('\n').length >= LONG_PASTE_LINES;
}

export async function whileReading<T>(
  services: Services,
  client: WebClient,
  message: { channel: string; ts: string | undefined },
  work: () => Promise<T>,
): Promise<T> {
  const { channel, ts } = message;
  if (ts === undefined) return work();
  const target = { channel, timestamp: ts, name: READING_REACTION };
  const added = await client.reactions.add(target).then(
    () => true,
    (error: unknown) => {
      services.logger.debug(`reading reaction not added: ${slackErrorCode(error)}`);
      return false;
    },
  );
  try {
    return await work();
  } finally {
    if (added) {
      await client.reactions.remove(target).catch((error: unknown) => {
        services.logger.debug(`reading reaction not removed: ${slackErrorCode(error)}`);
      });
    }
  }
}
