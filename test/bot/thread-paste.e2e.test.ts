// Pastes in a ccnet thread, end to end: a shared .log that is not a template is read as an error report, and a code
// block of log lines is one paste whose decisive lines are quoted with the numbers people see.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../fakes/slack-api.ts';
import { type HttpBot, startHttpBot } from './harness.ts';
import { eventCallback, messageEvent, slashCommand } from './slack-payloads.ts';

let bot: HttpBot;
beforeEach(async () => {
  bot = await startHttpBot();
});
afterEach(async () => {
  await bot.stop();
});

const texts = (m: FakeMessage | undefined) => JSON.stringify(m?.blocks ?? []) + (m?.text ?? '');

async function startCheck(): Promise<FakeMessage> {
  await bot.command(slashCommand(bot.slack, ''));
  const [root] = await bot.slack.until(
    () => (bot.slack.messages.length >= 2 ? bot.slack.messages : undefined),
    'root message and first question',
  );
  if (root === undefined) throw new Error('unreachable');
  return root;
}

const threadReply = (root: FakeMessage, n: number, what: string) =>
  bot.slack.until(() => bot.slack.thread(root.channel, root.ts)[n], what);

describe('pastes in a ccnet thread', () => {
  it('a shared log that is not a template gets the symptom reply, not template findings', async () => {
    const root = await startCheck();
    const log = `${'Mar  2 14:07:31 hpc-1 jetpack[311]: INFO converging\n'.repeat(120)}Mar  2 14:08:02 hpc-1 jetpack[311]: ERROR curl: (6) Could not resolve host: ccstore01.blob.core.windows.net\n`;
    const file = bot.slack.addFile({ name: 'jetpack.log', content: log });
    await bot.event(
      eventCallback(bot.slack, messageEvent({ threadTs: root.ts, files: [bot.slack.fileEventObject(file)] })),
    );
    const reply = await threadReply(root, 2, 'the reply to the log');
    expect(texts(reply)).toContain(
      'Looks like a name-resolution failure for `ccstore01.blob.core.windows.net`',
    );
    expect(texts(reply)).toContain('121: Mar');
    expect(texts(reply)).not.toContain('CCN106');
  });

  it('a code block of log lines is one paste', async () => {
    const root = await startCheck();
    const text = [
      'seeing this on every node:',
      '```',
      'E: Failed to fetch https://packages.microsoft.com/ubuntu/22.04/prod/dists/jammy/InRelease  503  Service Unavailable',
      'W: Some index files failed to download. They have been ignored, or old ones used instead.',
      '```',
    ].join('\n');
    await bot.event(eventCallback(bot.slack, messageEvent({ threadTs: root.ts, text })));
    const reply = await threadReply(root, 2, 'the reply to the paste');
    expect(texts(reply)).toContain('HTTP 503');
    expect(texts(reply)).toContain('3: E: Failed to fetch');
    expect(texts(reply)).toContain('not certain');
  });
});
