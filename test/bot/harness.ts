// The real ccnet app on Bolt's HTTPReceiver, on loopback, talking to the fake Web API. Requests are signed the way
// Slack signs them (v0 HMAC-SHA256 of `v0:timestamp:body` with the signing secret).

import type { App } from '@slack/bolt';
import { createApp } from '../../bot/app.ts';
import { createLogger } from '../../bot/runtime/logger.ts';
import { httpReceiver } from '../../bot/runtime/receivers.ts';
import type { Policy } from '../../bot/runtime/services.ts';
import { inlineWork } from '../../bot/runtime/work-queue.ts';
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
}

export async function startHttpBot(options: HttpBotOptions = {}): Promise<HttpBot> {
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
  const receiver = httpReceiver({
    signingSecret: SIGNING_SECRET,
    logger,
    processBeforeResponse: options.processBeforeResponse ?? false,
  });
  const app = createApp({
    runner,
    threads,
    receiver,
    botToken: slack.botToken,
    botId: slack.botId,
    botUserId: slack.botUserId,
    logger,
    slackApiUrl: slack.url,
    clientOptions: { retryConfig: TEST_RETRY },
    policy: { fileHosts: [slack.host], maxUploadBytes: 64 * 1024, ...options.policy },
    // Answering only after the listeners means doing the work inside them, not behind the ack.
    ...(options.processBeforeResponse ? { work: inlineWork() } : {}),
  });
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
