// "Diagnose with ccnet" on any message, end to end through Bolt's HTTPReceiver and the loopback Web API: the reply
// goes into the message's thread, or privately when ccnet may not post there; attached logs are read too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../fakes/slack-api.ts';
import { type HttpBot, startHttpBot } from './harness.ts';
import { ALICE, CHANNEL, messageShortcut } from './slack-payloads.ts';

let bot: HttpBot;
beforeEach(async () => {
  bot = await startHttpBot();
});
afterEach(async () => {
  await bot.stop();
});

const texts = (m: FakeMessage | undefined) => JSON.stringify(m?.blocks ?? []) + (m?.text ?? '');
const PASTE = [
  '```',
  'srun: error: get_addr_info: getaddrinfo() failed: Name or service not known',
  'srun: error: slurm_set_addr: Unable to resolve "hpc-pg0-7"',
  '```',
].join('\n');

describe('the Diagnose with ccnet message shortcut', () => {
  it('answers in the thread of the message, quoting the decisive lines and saying how sure it is', async () => {
    const ts = '1800000000.000900';
    const res = await bot.interact(messageShortcut(bot.slack, { ts, text: PASTE }));
    expect(res.status).toBe(200);
    const reply = await bot.slack.until(
      () => bot.slack.messages.find((m) => m.channel === CHANNEL && m.threadTs === ts),
      'the reply in the thread',
    );
    const body = texts(reply);
    expect(body).toContain('Looks like a name-resolution failure for `hpc-pg0-7`');
    expect(body).toContain('not certain');
    expect(body).toContain('3: srun: error: slurm_set_addr: Unable to resolve');
    expect(body).toContain('getent hosts hpc-pg0-7');
  });

  it('answers privately when it may not post in the channel', async () => {
    bot.slack.failNext('chat.postMessage', 'not_in_channel');
    await bot.interact(
      messageShortcut(bot.slack, {
        ts: '1800000000.000901',
        text: 'curl: (6) Could not resolve host: github.com',
      }),
    );
    const reply = await bot.slack.until(
      () => bot.slack.messages.find((m) => m.channel === ALICE),
      'the private reply',
    );
    expect(texts(reply)).toContain('privately');
    expect(texts(reply)).toContain('github.com');
  });

  it('reads a log attached to the message, not only its text', async () => {
    const file = bot.slack.addFile({
      name: 'jetpack.log',
      content: `${'2025-03-02 14:07:31,512 INFO jetpack: converging\n'.repeat(200)}Phase timeout expired while awaiting system boot-up\n`,
    });
    const ts = '1800000000.000902';
    await bot.interact(
      messageShortcut(bot.slack, { ts, text: 'any idea?', files: [bot.slack.fileEventObject(file)] }),
    );
    const reply = await bot.slack.until(
      () => bot.slack.messages.find((m) => m.threadTs === ts),
      'the reply about the attached log',
    );
    expect(texts(reply)).toContain('Phase timeout expired while awaiting system boot-up');
    expect(texts(reply)).toContain('202: Phase timeout');
  });

  it('shows :eyes: on the message while its attached log is read, taken off once the reply is posted', async () => {
    const file = bot.slack.addFile({
      name: 'jetpack.log',
      content: 'Phase timeout expired while awaiting system boot-up\n',
    });
    const ts = '1800000000.000903';
    await bot.interact(
      messageShortcut(bot.slack, { ts, text: 'any idea?', files: [bot.slack.fileEventObject(file)] }),
    );
    await bot.slack.until(() => bot.slack.reactionLog.length === 2, 'the reaction added and removed');
    expect(bot.slack.reactionLog).toEqual([
      { method: 'add', channel: CHANNEL, ts, name: 'eyes' },
      { method: 'remove', channel: CHANNEL, ts, name: 'eyes' },
    ]);
    const order = bot.slack.calls.map((c) => c.method);
    const posted = order.lastIndexOf('chat.postMessage');
    expect(order.indexOf('reactions.add')).toBeLessThan(posted);
    expect(posted).toBeLessThan(order.indexOf('reactions.remove'));
  });

  it('puts no reaction on a one-line message: the answer comes at once', async () => {
    const ts = '1800000000.000904';
    await bot.interact(
      messageShortcut(bot.slack, { ts, text: 'curl: (6) Could not resolve host: github.com' }),
    );
    await bot.slack.until(() => bot.slack.messages.find((m) => m.threadTs === ts), 'the reply');
    expect(bot.slack.reactionLog).toEqual([]);
  });
});
