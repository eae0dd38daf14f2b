// The three apps bench/slack.ts compares, each on Bolt's HTTPReceiver on loopback, each answering the same fake Web API:
//   ccnet: the real app; a click restores its session, moves the flow, persists it, posts the next question
//     (chat.postMessage) and then rewrites the answered one (chat.update).
//   plain: a plain Bolt app whose action listener acks and makes the same two Web API calls with messages of the same
//     size, in the same order (the next step posted, then the answered question rewritten, one after the other), through Bolt's own WebClient with ccnet's client options (keep-alive fetch, retries, timeout): a Slack app
//     that answers a click and does nothing else. The difference to ccnet is ccnet's own work.
//   bare: acks a slash command and calls nothing: the floor, for reference.
import type { AddressInfo } from 'node:net';
import { App, type BlockAction, HTTPReceiver, type Logger, type Receiver, type webApi } from '@slack/bolt';
import { createApp, webClientOptions } from '../bot/app.ts';
import type { Rendered } from '../bot/render/blocks.ts';
import { renderAnswered } from '../bot/render/question.ts';
import { renderReply } from '../bot/render/reply.ts';
import { httpReceiver } from '../bot/runtime/receivers.ts';
import { FlowRunner } from '../flows/runner.ts';
import type { Turn } from '../flows/turn.ts';
import { MemorySessionStore } from '../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../stores/memory/template-blobs.ts';
import { MemoryThreadIndex } from '../stores/memory/thread-index.ts';
import {
  blockActions,
  buttonsOf,
  CHANNEL,
  slashCommand,
  type Workspace,
} from '../test/bot/slack-payloads.ts';
import type { FakeMessage } from '../test/fakes/slack-api.ts';

/** What bench/fake-slack-process.ts prints: enough of the fake workspace for the payload builders. */
export interface Fake extends Workspace {
  url: string;
  host: string;
  botToken: string;
}

/** One request to send, and the Web API calls that finish it (by the message it rewrites and the thread it posts in). */
export interface Prepared {
  body: string;
  messageTs: string;
  threadTs: string;
}

export interface AppUnderTest {
  port: number;
  contentType: string;
  /** Web API calls each request makes once acked. */
  callsPerRequest: number;
  /** Sets up `n` requests (open checks, their questions posted) before anything is measured. */
  prepare(n: number): Promise<Prepared[]>;
  stop(): Promise<unknown>;
}

export type AppName = 'ccnet' | 'plain' | 'bare';
const FORM = 'application/x-www-form-urlencoded';
let threads = 0;
const nextRoot = () => `${1_600_000_000 + ++threads}.000001`;

async function listen(app: App): Promise<number> {
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as { address(): AddressInfo };
  return server.address().port;
}

/** The posted question as the fake holds it, and a click on its first choice from it. */
function clickOn(fake: Fake, posted: FakeMessage): Prepared {
  const button = buttonsOf(posted.blocks)[0];
  if (button === undefined) throw new Error('bench: the question has no button');
  const payload = JSON.stringify(blockActions(fake, posted, button));
  return {
    body: new URLSearchParams({ payload }).toString(),
    messageTs: posted.ts,
    threadTs: posted.threadTs ?? '',
  };
}

async function postQuestion(app: App, fake: Fake, root: string, turn: Turn): Promise<Prepared> {
  const first = turn.replies[0];
  if (first === undefined) throw new Error('bench: no first question');
  const rendered = renderReply(first, turn.version);
  const posted = await app.client.chat.postMessage({
    channel: CHANNEL,
    thread_ts: root,
    text: rendered.text,
    blocks: rendered.blocks,
  });
  return clickOn(fake, {
    channel: CHANNEL,
    ts: posted.ts ?? '',
    threadTs: root,
    text: rendered.text,
    blocks: rendered.blocks,
    user: fake.botUserId,
    updates: 0,
    args: {},
  });
}

/** Runs `task` for 0..n-1 with a few at once (setup only). */
async function inBatches<T>(n: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return out;
}

async function ccnetApp(fake: Fake, secret: string, logger: Logger): Promise<AppUnderTest> {
  const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
  const app = createApp({
    runner,
    threads: new MemoryThreadIndex(),
    receiver: httpReceiver({ signingSecret: secret, logger }),
    botToken: fake.botToken,
    botId: fake.botId,
    botUserId: fake.botUserId,
    logger,
    slackApiUrl: fake.url,
    policy: { fileHosts: [fake.host], maxUploadBytes: 1024 * 1024 },
  });
  const port = await listen(app);
  return {
    port,
    contentType: FORM,
    callsPerRequest: 2,
    prepare: (n) =>
      inBatches(n, async () => {
        const root = nextRoot();
        const turn = await runner.start({
          owner: 'UBENCH',
          scope: CHANNEL,
          meta: { channel: CHANNEL, thread_ts: root },
        });
        return postQuestion(app, fake, root, turn);
      }),
    stop: () => app.stop(),
  };
}

/** The messages a click on the first question leads to in ccnet, rendered once: the plain app sends the same sizes. */
export async function ccnetMessages() {
  const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
  const start = await runner.start({ owner: 'UBENCH' });
  const first = start.replies[0];
  if (first?.kind !== 'question' || first.choices[0] === undefined)
    throw new Error('bench: no first question');
  const turn = await runner.send(
    start.sessionId,
    { type: 'ANSWER', questionId: first.questionId, choiceId: first.choices[0].id },
    { actor: 'U0ALICE', expectedVersion: start.version },
  );
  const next = turn.replies[0];
  if (turn.answered === undefined || next === undefined) throw new Error('bench: the click led nowhere');
  return { start, answered: renderAnswered(turn.answered), next: renderReply(next, turn.version) };
}

/**
 * A Bolt app whose action listener acks a click on a choice and makes the two Web API calls ccnet's click makes, with
 * ccnet's messages, one after the other in ccnet's order (bot/handlers/post-turn.ts): the next step, then the answered
 * question. The App options are the ones ccnet's createApp uses, without ccnet's listeners.
 */
export function plainBoltApp(opts: {
  token: string;
  botId: string;
  botUserId: string;
  receiver: Receiver;
  logger: Logger;
  clientOptions: webApi.WebClientOptions;
  messages: { next: Rendered; answered: Rendered };
}): App {
  const { next, answered } = opts.messages;
  const app = new App({
    token: opts.token,
    botId: opts.botId,
    botUserId: opts.botUserId,
    receiver: opts.receiver,
    logger: opts.logger,
    logLevel: opts.logger.getLevel(),
    clientOptions: opts.clientOptions,
    ignoreSelf: true,
    convoStore: false,
  });
  app.action<BlockAction>(/^ccnet_choice(:\d+)?$/, async ({ ack, body, client }) => {
    await ack();
    const channel = body.channel?.id ?? CHANNEL;
    const ts = body.message?.ts ?? '';
    await client.chat.postMessage({
      channel,
      thread_ts: body.message?.thread_ts ?? ts,
      text: next.text,
      blocks: next.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    await client.chat.update({ channel, ts, text: answered.text, blocks: answered.blocks });
  });
  return app;
}

async function plainApp(fake: Fake, secret: string, logger: Logger): Promise<AppUnderTest> {
  const messages = await ccnetMessages();
  const app = plainBoltApp({
    token: fake.botToken,
    botId: fake.botId,
    botUserId: fake.botUserId,
    receiver: new HTTPReceiver({ signingSecret: secret, logger }),
    logger,
    clientOptions: webClientOptions({ slackApiUrl: fake.url }),
    messages,
  });
  const port = await listen(app);
  return {
    port,
    contentType: FORM,
    callsPerRequest: 2,
    prepare: (n) => inBatches(n, async () => postQuestion(app, fake, nextRoot(), messages.start)),
    stop: () => app.stop(),
  };
}

async function bareApp(fake: Fake, secret: string, logger: Logger): Promise<AppUnderTest> {
  const app = new App({
    token: fake.botToken,
    botId: fake.botId,
    botUserId: fake.botUserId,
    receiver: new HTTPReceiver({ signingSecret: secret, logger }),
    logger,
  });
  app.command('/ccnet', async ({ ack }) => {
    await ack();
  });
  const port = await listen(app);
  return {
    port,
    contentType: FORM,
    callsPerRequest: 0,
    prepare: async (n) =>
      Array.from({ length: n }, () => ({
        body: new URLSearchParams(slashCommand(fake, '')).toString(),
        messageTs: '',
        threadTs: '',
      })),
    stop: () => app.stop(),
  };
}

export function startApp(name: AppName, fake: Fake, secret: string, logger: Logger): Promise<AppUnderTest> {
  switch (name) {
    case 'ccnet':
      return ccnetApp(fake, secret, logger);
    case 'plain':
      return plainApp(fake, secret, logger);
    case 'bare':
      return bareApp(fake, secret, logger);
  }
}
