// Redis stopped, hung or restarting under a running bot process: every request is still acknowledged, people hear
// "the state store is unavailable" where the bot would have answered, nothing is answered twice, and the same
// process works again once redis-server is back, without a restart.
import { beforeAll, describe, expect, it } from 'vitest';
import { STORE_UNAVAILABLE_HINT } from '../../flows/ports/session-store.ts';
import {
  ALICE,
  blockActions,
  CHANNEL,
  eventCallback,
  messageEvent,
  slashCommand,
} from '../bot/slack-payloads.ts';
import type { FakeMessage, FakeSlackApi } from '../fakes/slack-api.ts';
import { type RedisServer, redisSkipReason } from '../support/redis-server.ts';
import { choiceButton, type Replica, texts, useReplicas } from './support.ts';

const TIMEOUT_9443 = 'Timed out connecting to CycleCloud at https://10.0.0.4:9443';
const AVAILABLE = /Redis at [\d.:]+ is available/;
const UNAVAILABLE = /STORE_UNAVAILABLE: Redis at [\d.:]+ is unavailable/;
const MESSAGE_FAILED = /message event failed: STORE_UNAVAILABLE/;

describe.runIf(redisSkipReason === null)('the state store goes away and comes back', () => {
  const cluster = useReplicas(() => ({ solo: {} }));
  let redis: RedisServer;
  let slack: FakeSlackApi;
  let bot: Replica;
  beforeAll(() => {
    ({ redis, slack } = cluster());
    bot = cluster().replicas.solo as Replica;
  });

  const thread = (root: FakeMessage) => slack.thread(root.channel, root.ts);
  const hinted = (m: { text: string } | undefined) => m?.text.includes(STORE_UNAVAILABLE_HINT) === true;

  const startCheck = () => cluster().startCheck(bot);

  /** A message in a thread the bot started (Slack names the root's author in parent_user_id). */
  const inOurThread = (root: FakeMessage, text: string) =>
    messageEvent({ threadTs: root.ts, text, extra: { parent_user_id: slack.botUserId } });

  it('while Redis is stopped, every kind of request is acknowledged and answered "unavailable" once', async () => {
    const { root, question } = await startCheck();
    await redis.stop();
    await bot.waitForLog(UNAVAILABLE);

    // A click on the open question: acknowledged, and a private note to whoever clicked.
    const click = blockActions(slack, question, choiceButton(question, 'main'));
    expect((await bot.interact(click)).status).toBe(200);
    const note = await slack.until(() => slack.ephemerals.find(hinted), 'the private note on the click');
    expect(note).toMatchObject({ user: ALICE, channel: CHANNEL, threadTs: root.ts });
    expect(note.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: `:warning: ${STORE_UNAVAILABLE_HINT}` } },
    ]);

    // `/ccnet`: the root message says what happened instead of announcing a check, and the response URL says so too.
    const before = slack.messages.length;
    expect((await bot.command(slashCommand(slack, ''))).status).toBe(200);
    const response = await slack.until(() => slack.responses[0], 'the ephemeral response');
    expect(response.body).toMatchObject({ response_type: 'ephemeral', text: STORE_UNAVAILABLE_HINT });
    const orphan = slack.messages.slice(before);
    expect(orphan).toHaveLength(1);
    expect(hinted(orphan[0])).toBe(true);
    expect(orphan[0]?.updates).toBe(1);

    // A known error pasted in the bot's thread, delivered twice (Slack's retry): one note in the thread.
    const pasted = eventCallback(slack, inOurThread(root, TIMEOUT_9443), 'EvDOWN0001');
    expect((await bot.event(pasted)).status).toBe(200);
    expect((await bot.event(pasted, { 'x-slack-retry-num': '1' })).status).toBe(200);
    await bot.waitForLog(/repeat delivery dropped: event:EvDOWN0001/);
    await slack.until(() => thread(root).some(hinted), 'the note in the thread');
    expect(thread(root).filter(hinted)).toHaveLength(1);

    // Talk the bot would not have answered gets no note either (the thread might not even be ccnet's).
    const calls = slack.calls.length;
    const failed = bot.count(MESSAGE_FAILED);
    expect((await bot.event(eventCallback(slack, inOurThread(root, 'looking into it')))).status).toBe(200);
    const elsewhere = messageEvent({ threadTs: '1600000000.000100', text: TIMEOUT_9443 });
    expect((await bot.event(eventCallback(slack, elsewhere))).status).toBe(200);
    await bot.waitForLog(MESSAGE_FAILED, failed + 2);
    expect(slack.calls.slice(calls)).toEqual([]);

    // A mention outside any thread: the note goes into the thread under the mention.
    const said = messageEvent({ text: `<@${slack.botUserId}> ${TIMEOUT_9443}` });
    const mention = { ...said, type: 'app_mention' };
    expect((await bot.event(eventCallback(slack, mention))).status).toBe(200);
    const reply = await slack.until(
      () => slack.messages.find((m) => m.threadTs === said.ts),
      'mention reply',
    );
    expect(hinted(reply)).toBe(true);

    // App Home: the recent checks cannot be read, and the tab says so rather than "No checks yet".
    const home = { type: 'app_home_opened', user: ALICE, channel: 'D0ALICE', tab: 'home' };
    expect((await bot.event(eventCallback(slack, home))).status).toBe(200);
    const view = await slack.until(() => slack.homeViews.get(ALICE), 'home view');
    expect(JSON.stringify(view)).toContain(STORE_UNAVAILABLE_HINT);
    expect(JSON.stringify(view)).not.toContain('No checks yet');

    expect((await fetch(`${bot.origin}/healthz`)).status).toBe(200);
    expect(bot.stderr()).toContain('choice click failed: STORE_UNAVAILABLE');
    expect(bot.stderr()).toContain('start check failed: STORE_UNAVAILABLE');
  });

  it('a hung Redis (SIGSTOP) is given up on: the click is answered "unavailable", not left hanging', async () => {
    await redis.start();
    await bot.waitForLog(AVAILABLE, 2);
    const { question } = await startCheck();
    const notes = slack.ephemerals.filter(hinted).length;
    redis.pause();
    try {
      expect((await bot.interact(blockActions(slack, question, choiceButton(question, 'main')))).status).toBe(
        200,
      );
      await slack.until(
        () => slack.ephemerals.filter(hinted).length > notes,
        'the note after the command timeout',
      );
    } finally {
      redis.resume();
    }
  });

  it('after redis-server restarts, the same process starts and continues checks again', async () => {
    await redis.restart();
    await bot.waitForLog(AVAILABLE, 3);
    const { root, question } = await startCheck();
    expect(texts(question)).toContain('What do you need help with?');
    expect((await bot.interact(blockActions(slack, question, choiceButton(question, 'main')))).status).toBe(
      200,
    );
    await slack.until(() => thread(root).length >= 3, 'the next question');
    expect(texts(thread(root)[2])).toContain('Which CycleCloud version');
    await slack.until(
      () => slack.message(root.channel, question.ts)?.updates === 1,
      'the question rewritten',
    );
  });
});
