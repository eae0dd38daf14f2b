// End to end through Bolt's real HTTPReceiver: signed requests in, Web API calls out to the loopback fake. What the
// transport decides lives here (signatures, health check, HTTP retries and redeliveries, acks before the work, the
// response URL, a check from /ccnet to the snippets file); the app's logic is tested in memory (app.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../fakes/slack-api.ts';
import { type HttpBot, SIGNING_SECRET, sign, startHttpBot } from './harness.ts';
import {
  ALICE,
  BOB,
  blockActions,
  buttonsOf,
  CHANNEL,
  eventCallback,
  messageEvent,
  slashCommand,
} from './slack-payloads.ts';
import { checkSteps, httpAccepted, texts } from './support/checks.ts';

const TEMPLATE =
  '[cluster slurm]\n[[node scheduler]]\nImageName = cycle.image.ubuntu22\n[[nodearray hpc]]\nIsReturnProxy = true\n';
const TIMEOUT_9443 = 'Timed out connecting to CycleCloud at https://10.0.0.4:9443';

let bot: HttpBot;
beforeEach(async () => {
  bot = await startHttpBot();
});
afterEach(async () => {
  await bot.stop();
});

/** A bot that answers each request only after its listeners finished, for "nothing else happens" checks. */
async function settledBot() {
  await bot.stop();
  bot = await startHttpBot({ processBeforeResponse: true });
}

const { startCheck, click, finishCheck, latestInThread, waitForThreadLength } = checkSteps(
  () => bot,
  httpAccepted,
);

describe('request signatures', () => {
  it('accepts a correctly signed request and rejects unsigned, wrongly signed and stale ones', async () => {
    const body = new URLSearchParams(slashCommand(bot.slack, 'help')).toString();
    const type = 'application/x-www-form-urlencoded';
    const now = Math.floor(Date.now() / 1000);
    const post = (headers: Record<string, string>) =>
      fetch(`${bot.origin}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': type, ...headers },
        body,
      });

    expect((await post({})).status).toBe(401);
    const wrong = {
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': sign(body, now, 'another-secret'),
    };
    expect((await post(wrong)).status).toBe(401);
    const stale = now - 6 * 60;
    expect(
      (await post({ 'x-slack-request-timestamp': String(stale), 'x-slack-signature': sign(body, stale) }))
        .status,
    ).toBe(401);
    const tampered = { 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(`${body}x`, now) };
    expect((await post(tampered)).status).toBe(401);
    const good = await post({
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': sign(body, now, SIGNING_SECRET),
    });
    expect(good.status).toBe(200);
    expect(bot.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('serves GET /healthz', async () => {
    const res = await fetch(`${bot.origin}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', mode: 'http' });
  });
});

describe('/ccnet', () => {
  it('posts a root message naming who started it and the first question in its thread', async () => {
    const { root, question } = await startCheck();
    expect(root.threadTs).toBeUndefined();
    expect(texts(root)).toContain(`Connectivity check started by <@${ALICE}>`);
    expect(question.threadTs).toBe(root.ts);
    expect(texts(question)).toContain('What do you need help with?');
    // The first question offers no Back and no Start over: there is nothing to undo yet.
    expect(buttonsOf(question.blocks).map((b) => b.action_id)).toEqual([
      'ccnet_choice:0',
      'ccnet_choice:1',
      'ccnet_choice:2',
    ]);
    for (const call of bot.slack.callsTo('chat.postMessage')) {
      expect(call.token).toBe(bot.slack.botToken);
      expect(call.args.link_names).toBeUndefined();
    }
  });

  it('a click shows the choice and who made it on the question, and posts the next question', async () => {
    const { root, question } = await startCheck();
    expect((await click(question, 'main', BOB)).status).toBe(200);
    await waitForThreadLength(root, 3, 'next question');
    // The answered question loses its buttons only once the next question is in the thread.
    const updated = await bot.slack.until(
      () =>
        bot.slack.message(root.channel, question.ts)?.updates === 1 &&
        bot.slack.message(root.channel, question.ts),
      'the answered question rewritten',
    );
    expect(updated?.updates).toBe(1);
    expect(buttonsOf(updated?.blocks)).toEqual([]);
    expect(texts(updated)).toContain('Nodes and CycleCloud');
    expect(texts(updated)).toContain(`<@${BOB}>`);
    const next = latestInThread(root);
    expect(texts(next)).toContain('Which CycleCloud version');
    expect(buttonsOf(next?.blocks).map((b) => b.text.text)).toContain('← Back');
  });

  it('a double click (or a redelivered click) answers once', async () => {
    await settledBot();
    const { root, question } = await startCheck();
    const button = buttonsOf(question.blocks)[0];
    if (button === undefined) throw new Error('no button');
    const payload = blockActions(bot.slack, question, button);
    // Answered only once every listener has finished (processBeforeResponse), so nothing can arrive later.
    await Promise.all([bot.interact(payload), bot.interact(payload), bot.interact(payload)]);
    expect(bot.slack.thread(root.channel, root.ts)).toHaveLength(3);
    expect(bot.slack.callsTo('chat.update')).toHaveLength(1);
  });

  it('a diagnosis in the thread; Details posts the rest, with snippets sent as a file on request', async () => {
    const { root } = await startCheck();
    const diagnosis = await finishCheck(root, 'user-access');
    const details = buttonsOf(diagnosis?.blocks).find((b) => b.action_id === 'ccnet_details');
    if (diagnosis === undefined || details === undefined) throw new Error('no Details button');
    const before = bot.slack.thread(root.channel, root.ts).length;
    await bot.interact(blockActions(bot.slack, diagnosis, details));
    await waitForThreadLength(root, before + 1, 'the details');
    const full = latestInThread(root);
    expect(texts(full)).toContain('```');
    const send = buttonsOf(full?.blocks).find((b) => b.action_id === 'ccnet_snippets_file');
    if (full === undefined || send === undefined) throw new Error('no snippets button');
    await bot.interact(blockActions(bot.slack, full, send));
    const upload = await bot.slack.until(
      () => bot.slack.uploads.find((u) => u.filename === 'ccnet-snippets.txt'),
      'snippets file',
    );
    expect(upload).toMatchObject({ filename: 'ccnet-snippets.txt', channel: CHANNEL, threadTs: root.ts });
    expect(upload.content.toString()).toContain('# Connect through Azure Bastion');
  });

  it('when the bot is not in the channel, the user is told how to invite it', async () => {
    bot.slack.failNext('chat.postMessage', 'not_in_channel');
    await bot.command(slashCommand(bot.slack, ''));
    const response = await bot.slack.until(() => bot.slack.responses[0], 'response_url message');
    expect(response.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(response.body.text)).toContain('/invite @ccnet');
    expect(bot.logs.some((l) => l.includes('start check failed: SLACK_API not_in_channel'))).toBe(true);
  });

  it('rate-limited calls are retried after Retry-After', async () => {
    bot.slack.rateLimitNext('chat.postMessage', 1);
    const { question } = await startCheck();
    expect(texts(question)).toContain('What do you need help with?');
    expect(bot.slack.callsTo('chat.postMessage').length).toBe(3);
  });
});

describe('thread messages', () => {
  async function shareFile(root: FakeMessage, file: Record<string, unknown>, eventId?: string) {
    const event = messageEvent({ threadTs: root.ts, files: [file] });
    return bot.event(eventCallback(bot.slack, event, eventId));
  }

  it('a template shared in the thread: findings with line numbers, and the flow goes on', async () => {
    const { root } = await startCheck();
    const file = bot.slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    await shareFile(root, bot.slack.fileEventObject(file));
    await waitForThreadLength(root, 4, 'template findings and the question');
    const [findings, next] = bot.slack.thread(root.channel, root.ts).slice(2);
    expect(texts(findings)).toContain('slurm.txt');
    expect(texts(findings)).toContain('CCN002');
    expect(texts(findings)).toContain('line 5');
    expect(buttonsOf(next?.blocks).some((b) => b.action_id.startsWith('ccnet_choice'))).toBe(true);
    const download = bot.slack.requests.find((r) => r.path.includes(file.id));
    expect(download?.authorization).toBe(`Bearer ${bot.slack.botToken}`);
  });

  it('a retried event delivery (x-slack-retry-num) produces no second reply', async () => {
    await settledBot();
    const { root } = await startCheck();
    const body = eventCallback(
      bot.slack,
      messageEvent({ threadTs: root.ts, text: TIMEOUT_9443 }),
      'EvRETRY1',
    );
    await bot.event(body);
    await bot.event(body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    const symptoms = bot.slack.thread(root.channel, root.ts).filter((m) => texts(m).includes('Recognised'));
    expect(symptoms).toHaveLength(1);
  });
});

describe('logs', () => {
  it('never contain a token', async () => {
    bot.slack.failNext('chat.postMessage', 'invalid_auth');
    await bot.command(slashCommand(bot.slack, ''));
    await bot.slack.until(() => bot.slack.responses.length > 0, 'failure response');
    const all = bot.logs.join('\n');
    expect(all).not.toContain(bot.slack.botToken);
    expect(all).toContain('invalid_auth');
  });
});
