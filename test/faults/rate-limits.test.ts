// Fault injection: Slack answers 429 with Retry-After (issue 9, item 6). One limited call must not hold an
// unrelated reply in another thread (the WebClient used to pause its whole queue: 7.5 s for Retry-After 8), the
// limited call is sent again after its Retry-After, and when the retries run out the person reads the rate-limit
// hint, not "Something went wrong (request_failed)".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import { type HttpBot, startHttpBot } from '../bot/harness.ts';
import { ALICE, BOB, blockActions, buttonsOf, slashCommand } from '../bot/slack-payloads.ts';
import type { FakeMessage } from '../fakes/slack-api.ts';

const RATE_LIMIT_HINT = 'Slack is rate-limiting me right now';

let bot: HttpBot;
beforeEach(async () => {
  bot = await startHttpBot();
});
afterEach(async () => {
  await bot.stop();
});

const texts = (m: FakeMessage | undefined) => JSON.stringify(m?.blocks ?? []) + (m?.text ?? '');

async function startCheck(user: string): Promise<{ root: FakeMessage; question: FakeMessage }> {
  const before = bot.slack.messages.length;
  expect((await bot.command(slashCommand(bot.slack, '', { user }))).status).toBe(200);
  const [root, question] = await bot.slack.until(() => {
    const fresh = bot.slack.messages.slice(before);
    return fresh.length >= 2 ? fresh : undefined;
  }, 'root message and first question');
  if (root === undefined || question === undefined) throw new Error('unreachable');
  return { root, question };
}

async function click(message: FakeMessage, choiceId: string, user: string) {
  const button = buttonsOf(message.blocks).find((b) => {
    const v = decodeButtonValue(b.value);
    return v.ok && v.value.c === choiceId;
  });
  if (button === undefined) throw new Error(`no button for ${choiceId}`);
  expect((await bot.interact(blockActions(bot.slack, message, button, { user }))).status).toBe(200);
}

const threadOf = (root: FakeMessage) => bot.slack.thread(root.channel, root.ts);
/** chat.postMessage calls into the thread of `root` after its first question. */
const postsTo = (root: FakeMessage) =>
  bot.slack
    .callsTo('chat.postMessage')
    .filter((c) => c.args.thread_ts === root.ts)
    .slice(1);

describe('a 429 stalls only the call it limits', () => {
  it('a Retry-After of 8 s on one thread’s reply leaves another thread’s reply prompt; the limited one follows', async () => {
    const a = await startCheck(ALICE);
    const b = await startCheck(BOB);

    bot.slack.rateLimitNext('chat.postMessage', 8);
    await click(a.question, 'main', ALICE);
    // The limited call reached Slack and got its 429.
    const limited = await bot.slack.until(() => postsTo(a.root)[0], 'thread A’s post, answered 429');

    const clickedB = Date.now();
    await click(b.question, 'main', BOB);
    // Well inside the 8 s thread A waits: nothing queues behind A's rate limit.
    await bot.slack.until(() => threadOf(b.root).length >= 3, 'the next question in thread B', 5_000);
    expect(Date.now() - clickedB).toBeLessThan(5_000);
    expect(texts(threadOf(b.root).at(-1))).toContain('Which CycleCloud version');
    expect(postsTo(a.root)).toHaveLength(1);

    // Thread A's reply is sent again once Retry-After has passed, and lands.
    await bot.slack.until(() => threadOf(a.root).length >= 3, 'the next question in thread A', 20_000);
    const [, retried] = postsTo(a.root);
    expect(retried).toBeDefined();
    expect((retried?.at ?? 0) - limited.at).toBeGreaterThanOrEqual(7_900);
    expect(texts(threadOf(a.root).at(-1))).toContain('Which CycleCloud version');
    expect(bot.slack.ephemerals.filter((e) => e.text.includes(RATE_LIMIT_HINT))).toEqual([]);
  }, 30_000);
});

describe('when the rate limit outlasts the retries', () => {
  it('retries a few times, each after its Retry-After, then tells the clicker it is rate-limited', async () => {
    const { root, question } = await startCheck(ALICE);
    bot.slack.rateLimitNext('chat.postMessage', 1, 10);
    await click(question, 'main', ALICE);
    const note = await bot.slack.until(
      () => bot.slack.ephemerals.find((e) => e.user === ALICE),
      'the private note to the clicker',
      15_000,
    );
    expect(note.text).toContain(RATE_LIMIT_HINT);
    expect(note.text).not.toContain('request_failed');
    const attempts = postsTo(root);
    expect(attempts).toHaveLength(3);
    for (let i = 1; i < attempts.length; i++) {
      expect((attempts[i]?.at ?? 0) - (attempts[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    }
    // Nothing was posted in the thread.
    expect(threadOf(root)).toHaveLength(2);
  }, 20_000);

  it('a Retry-After longer than it is worth waiting for fails at once with the hint', async () => {
    const { root, question } = await startCheck(ALICE);
    bot.slack.rateLimitNext('chat.postMessage', 120);
    const clicked = Date.now();
    await click(question, 'main', ALICE);
    const note = await bot.slack.until(
      () => bot.slack.ephemerals.find((e) => e.user === ALICE),
      'the private note to the clicker',
      5_000,
    );
    expect(Date.now() - clicked).toBeLessThan(5_000);
    expect(note.text).toContain(RATE_LIMIT_HINT);
    expect(postsTo(root)).toHaveLength(1);
  });
});
