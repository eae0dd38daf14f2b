// The real ccnet app talking to the fake Web API, behind one of two receivers: Bolt's HTTPReceiver on loopback,
// with requests signed the way Slack signs them (v0 HMAC-SHA256 of `v0:timestamp:body` with the signing secret), for
// transport; or an in-memory receiver driving app.processEvent, for the logic.

import type { App, Receiver } from '@slack/bolt';
import { createApp } from '../../bot/app.ts';
import { createLogger } from '../../bot/runtime/logger.ts';
import { httpReceiver } from '../../bot/runtime/receivers.ts';
import type { Policy } from '../../bot/runtime/services.ts';
import { inlineWork } from '../../bot/runtime/work-queue.ts';
import type { Outbound } from '../../bot/slack/outbound.ts';
import type { SessionStore } from '../../flows/ports/session-store.ts';
import type { TemplateBlobs } from '../../flows/ports/template-blobs.ts';
import type { ThreadIndex } from '../../flows/ports/thread-index.ts';
import type { TeamProfile } from '../../flows/profile.ts';
import { FlowRunner } from '../../flows/runner.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { MemoryThreadIndex } from '../../stores/memory/thread-index.ts';
import { FakeSlackApi } from '../fakes/slack-api.ts';
import { postSigned, sign as signWith } from '../support/signed-requests.ts';
import { type Delivered, MemoryReceiver } from './support/memory-receiver.ts';

export const SIGNING_SECRET = 'f00dfacecafebeef0123456789abcdef';

/** Fast retries so rate-limit tests finish quickly; the policy shape is the production one. */
export const TEST_RETRY = { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 };

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return signWith(body, timestamp, secret);
}

export interface HttpBot {
  slack: FakeSlackApi;
  app: App;
  runner: FlowRunner;
  threads: ThreadIndex;
  origin: string;
  logs: string[];
  post(body: string, contentType: string, headers?: Record<string, string>): Promise<Response>;
  command(payload: Record<string, string>): Promise<Response>;
  interact(payload: unknown): Promise<Response>;
  event(body: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

export interface HttpBotOptions {
  policy?: Partial<Policy>;
  profile?: TeamProfile;
  processBeforeResponse?: boolean;
  makeRunner?: (deps: ConstructorParameters<typeof FlowRunner>[0]) => FlowRunner;
  slack?: FakeSlackApi;
  /** The session store behind the runner; in memory when absent. */
  store?: SessionStore;
  /** Where uploaded templates go; in memory when absent. */
  templates?: TemplateBlobs;
  /** Outbound calls through a proxy (bot/slack/outbound.ts); direct when absent. */
  outbound?: Outbound;
}

interface Built {
  slack: FakeSlackApi;
  app: App;
  runner: FlowRunner;
  threads: ThreadIndex;
  logs: string[];
}

/** The ccnet app on `receiver`, with in-memory stores, talking to the fake Web API. */
async function build(
  options: HttpBotOptions,
  receiver: (logger: ReturnType<typeof createLogger>) => Receiver,
  inline: boolean,
): Promise<Built> {
  const slack = options.slack ?? (await FakeSlackApi.start());
  const logs: string[] = [];
  const logger = createLogger('debug', (line) => logs.push(line));
  const deps = {
    store: options.store ?? new MemorySessionStore(),
    templates: options.templates ?? new MemoryTemplateBlobs(),
    ...(options.profile ? { profile: options.profile } : {}),
  };
  const runner = options.makeRunner?.(deps) ?? new FlowRunner(deps);
  const threads = new MemoryThreadIndex();
  const app = createApp({
    runner,
    threads,
    receiver: receiver(logger),
    botToken: slack.botToken,
    botId: slack.botId,
    botUserId: slack.botUserId,
    logger,
    slackApiUrl: slack.url,
    clientOptions: { retryConfig: TEST_RETRY },
    ...(options.outbound !== undefined ? { outbound: options.outbound } : {}),
    policy: { fileHosts: [slack.host], maxUploadBytes: 64 * 1024, ...options.policy },
    // Answering only after the listeners means doing the work inside them, not behind the ack.
    ...(inline ? { work: inlineWork() } : {}),
  });
  return { slack, app, runner, threads, logs };
}

export interface MemoryBot extends Built {
  command(payload: Record<string, string>): Promise<Delivered>;
  interact(payload: unknown): Promise<Delivered>;
  /** An event_callback; `retry` as Slack's x-slack-retry-num and x-slack-retry-reason would say. */
  event(body: unknown, retry?: { num: number; reason: string }): Promise<Delivered>;
  stop(): Promise<void>;
}

/**
 * The real app behind an in-memory receiver (app.processEvent): each call resolves once every listener and the
 * work behind its ack finished, so a test reads the outcome without waiting.
 */
export async function startMemoryBot(
  options: Omit<HttpBotOptions, 'processBeforeResponse'> = {},
): Promise<MemoryBot> {
  const receiver = new MemoryReceiver();
  const built = await build(options, () => receiver, true);
  await built.app.start();
  return {
    ...built,
    command: (payload) => receiver.deliver(payload),
    interact: (payload) => receiver.deliver(payload as Record<string, unknown>),
    event: (body, retry) => receiver.deliver(body as Record<string, unknown>, retry),
    stop: async () => {
      await built.app.stop();
      if (options.slack === undefined) await built.slack.close();
    },
  };
}

export async function startHttpBot(options: HttpBotOptions = {}): Promise<HttpBot> {
  const processBeforeResponse = options.processBeforeResponse ?? false;
  const { slack, app, runner, threads, logs } = await build(
    options,
    (logger) => httpReceiver({ signingSecret: SIGNING_SECRET, logger, processBeforeResponse }),
    processBeforeResponse,
  );
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as import('node:http').Server;
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;

  const post = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    postSigned(origin, SIGNING_SECRET, body, contentType, headers);
  return {
    slack,
    app,
    runner,
    threads,
    origin,
    logs,
    post,
    command: (payload) => post(new URLSearchParams(payload).toString(), 'application/x-www-form-urlencoded'),
    interact: (payload) =>
      post(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
      ),
    event: (body, headers) => post(JSON.stringify(body), 'application/json', headers),
    stop: async () => {
      await app.stop();
      if (options.slack === undefined) await slack.close();
    },
  };
}
