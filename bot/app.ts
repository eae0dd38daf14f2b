// createApp: the Bolt App with its receiver, Web API client options and listeners, all passed in. Tests give it a
// loopback Web API (slackApiUrl) and the bot's ids, so nothing calls auth.test on start.

import { App, type Logger, type Receiver, type webApi } from '@slack/bolt';
import type { DeliveryDedupe } from '../flows/ports/delivery-dedupe.ts';
import type { ThreadIndex } from '../flows/ports/thread-index.ts';
import type { FlowRunner } from '../flows/runner.ts';
import { MemoryDeliveryDedupe } from '../stores/memory/dedupe.ts';
import { registerListeners } from './listeners/index.ts';
import { AUDIT_OFF, type AuditLog } from './runtime/audit.ts';
import { failureCode } from './runtime/errors.ts';
import type { Policy, Services } from './runtime/services.ts';
import { boundedWork, type WorkQueue } from './runtime/work-queue.ts';
import { keepAliveFetch } from './slack/keep-alive-fetch.ts';
import { DIRECT, type Outbound } from './slack/outbound.ts';
import { retryRateLimited } from './slack/rate-limit-retry.ts';

export interface AppDeps {
  runner: FlowRunner;
  threads: ThreadIndex;
  receiver: Receiver;
  botToken: string;
  botId: string;
  botUserId: string;
  logger: Logger;
  policy: Policy;
  /** Web API base URL (SLACK_API_URL); Slack's own when absent. */
  slackApiUrl?: string;
  /** Overrides for the WebClient, e.g. a faster retry policy in tests. */
  clientOptions?: webApi.WebClientOptions;
  /** Deliveries already handled; in process memory unless shared (Redis). */
  seen?: DeliveryDedupe;
  /** One JSON line per diagnosis posted; off when absent. */
  audit?: AuditLog;
  /** The workspace id from auth.test, named in audit lines. */
  teamId?: string;
  /** How calls leave the process: through HTTPS_PROXY unless NO_PROXY names the host; directly when absent. */
  outbound?: Outbound;
  /** Where a click's slow part runs after the ack; a bounded queue unless the host answers only after it. */
  work?: WorkQueue;
}

/** Clicks worked on at once; more wait in the queue (cheap) while new requests are acked. */
const CLICK_CONCURRENCY = 8;

/** The queue behind the acks; the composition root keeps it to drain it on shutdown. */
export function clickWork(logger: Logger): WorkQueue {
  return boundedWork(CLICK_CONCURRENCY, (error) =>
    logger.error(`button click failed: ${failureCode(error)}`),
  );
}

/** Retries for HTTP failures: quick enough for a chat, a few times only. 429s are retried in the fetch below. */
const RETRY_CONFIG = { retries: 3, factor: 2, minTimeout: 300, maxTimeout: 3000, randomize: true };

export function webClientOptions(
  deps: Pick<AppDeps, 'slackApiUrl' | 'clientOptions' | 'outbound'>,
): webApi.WebClientOptions {
  // Behind a proxy every call goes through the proxy's agent; directly, string bodies take the lean keep-alive path.
  const transport = deps.outbound?.dispatcher !== undefined ? deps.outbound.fetch : keepAliveFetch();
  return {
    retryConfig: RETRY_CONFIG,
    // A 429 stalls only its own call: retryRateLimited waits out Retry-After for it and times each attempt (15 s),
    // where the WebClient would pause every call for everyone.
    rejectRateLimitedCalls: true,
    fetch: retryRateLimited(transport),
    ...(deps.slackApiUrl !== undefined ? { slackApiUrl: deps.slackApiUrl } : {}),
    ...deps.clientOptions,
  };
}

export function createApp(deps: AppDeps): App {
  const app = new App({
    token: deps.botToken,
    botId: deps.botId,
    botUserId: deps.botUserId,
    receiver: deps.receiver,
    logger: deps.logger,
    // Without it Bolt resets the logger to INFO, whatever LOG_LEVEL says.
    logLevel: deps.logger.getLevel(),
    clientOptions: webClientOptions(deps),
    ignoreSelf: true,
    // ccnet keeps its state in the session store, not in Bolt's per-conversation store.
    convoStore: false,
  });
  const services: Services = {
    runner: deps.runner,
    threads: deps.threads,
    seen: deps.seen ?? new MemoryDeliveryDedupe(),
    seenHere: new MemoryDeliveryDedupe(),
    audit: deps.audit ?? AUDIT_OFF,
    teamId: deps.teamId ?? '',
    logger: deps.logger,
    botUserId: deps.botUserId,
    botToken: deps.botToken,
    policy: deps.policy,
    fetch: (deps.outbound ?? DIRECT).fetch,
    work: deps.work ?? clickWork(deps.logger),
  };
  registerListeners(app, services);
  app.error(async (error) => {
    deps.logger.error(`unhandled listener error: ${failureCode(error.original ?? error)} (${error.code})`);
  });
  return app;
}
