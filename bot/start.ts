// The Slack app's composition root: from a validated environment, build the stores, profile, runner and app, start.
// Entry points (bot/main.ts, bin/start.ts) read the environment and report what fails here.
import path from 'node:path';
import type { SocketModeReceiver } from '@slack/bolt';
import type { SlackEnv } from '../config/env.ts';
import type { DeliveryDedupe } from '../flows/ports/delivery-dedupe.ts';
import type { SessionStore } from '../flows/ports/session-store.ts';
import type { TemplateBlobs } from '../flows/ports/template-blobs.ts';
import type { ThreadIndex } from '../flows/ports/thread-index.ts';
import { FlowRunner } from '../flows/runner.ts';
import { ensureWritableDataDir } from '../stores/file/data-dir.ts';
import { loadProfileFile } from '../stores/file/profile.ts';
import { FileSessionStore } from '../stores/file/session-store.ts';
import { FileTemplateBlobs } from '../stores/file/template-blobs.ts';
import { FileThreadIndex } from '../stores/file/thread-index.ts';
import { clickWork, createApp, webClientOptions } from './app.ts';
import { type AuditLog, openAuditLog } from './runtime/audit.ts';
import { startHealthServer } from './runtime/health.ts';
import { keepServingOnStrayErrors } from './runtime/last-resort.ts';
import { createLogger } from './runtime/logger.ts';
import type { ReadinessCheck } from './runtime/readiness.ts';
import { httpReceiver, socketReceiver } from './runtime/receivers.ts';
import { warmUp } from './runtime/warm-up.ts';
import type { WorkQueue } from './runtime/work-queue.ts';
import { startFailure, whoAmI } from './slack/identity.ts';
import { describeProxy, type Outbound, outbound } from './slack/outbound.ts';

interface Stores {
  store: SessionStore;
  threads: ThreadIndex;
  templates: TemplateBlobs;
  seen?: DeliveryDedupe;
  /** For GET /readyz: null when the store can serve now, else why not. */
  ready: ReadinessCheck;
  close: () => Promise<void>;
}

/** Redis when REDIS_URL is set (sessions and dedupe shared by replicas), else files and process memory. */
async function openStores(env: SlackEnv, logger: ReturnType<typeof createLogger>): Promise<Stores> {
  if (env.redisUrl !== undefined) {
    const { openRedisStores } = await import('../stores/redis/index.ts');
    const redis = await openRedisStores(env.redisUrl, {
      onProblem: ({ id, problem }) => logger.warn(`skipped session ${id}: ${problem}`),
      // Once per change: while Redis is away every request is answered "unavailable"; it reconnects by itself.
      onAvailability: ({ available, target, reason }) =>
        available
          ? logger.info(`Redis at ${target} is available`)
          : logger.warn(
              `STORE_UNAVAILABLE: Redis at ${target} is unavailable (${reason ?? 'no reason given'})`,
            ),
    });
    return {
      store: redis.sessions,
      threads: redis.threads,
      templates: redis.templates,
      seen: redis.deliveries,
      ready: async () => {
        // A connection that is going away can still say 'ready' while its ping fails: name Redis either way.
        const pong = redis.redis.status === 'ready' ? await redis.redis.ping().catch((e: Error) => e) : null;
        if (pong === 'PONG') return null;
        const why = pong instanceof Error ? pong.message : redis.redis.status;
        return `the session store (Redis) is unavailable (${why})`;
      },
      close: () => redis.close(),
    };
  }
  const dir = path.resolve(env.dataDir);
  await ensureWritableDataDir(dir);
  const store = new FileSessionStore({
    dir,
    onProblem: ({ file, problem }) => logger.warn(`skipped session file ${file}: ${problem}`),
  });
  return {
    store,
    threads: new FileThreadIndex({ dir }),
    templates: new FileTemplateBlobs({ dir }),
    ready: () =>
      ensureWritableDataDir(dir).then(
        () => null,
        (error: unknown) =>
          `the session store cannot write: ${(error as { hint?: string }).hint ?? String(error)}`,
      ),
    close: async () => {},
  };
}

type Profile = Awaited<ReturnType<typeof loadProfileFile>> | undefined;

async function runBot(env: SlackEnv, profile: Profile): Promise<void> {
  const logger = createLogger(env.logLevel);
  const slackApiUrl = env.slackApiUrl;
  const out = outbound(env.proxy);
  if (env.proxy !== undefined) logger.info(`outbound calls through ${describeProxy(env.proxy)}`);
  // The token first: nothing is open yet if Slack refuses it.
  const { botId, botUserId, teamId } = await whoAmI(
    env.botToken,
    webClientOptions({ slackApiUrl, outbound: out }),
  ).catch(async (error: unknown) => {
    await out.close();
    throw error;
  });
  const audit = openAuditLog(env.auditLog, {
    onError: (error) =>
      logger.error(`audit log write failed: ${(error as { code?: string }).code ?? error.name}`),
  });
  const stores = await openStores(env, logger).catch(async (error: unknown) => {
    await Promise.allSettled([audit.close(), out.close()]);
    throw error;
  });
  const warmStarted = performance.now();
  const conversations = await warmUp();
  logger.info(
    `warmed up: ${conversations} conversations in ${Math.round(performance.now() - warmStarted)} ms`,
  );
  try {
    const work = clickWork(logger);
    const stops = await startApp(env, profile, logger, {
      ...stores,
      botId,
      botUserId,
      teamId,
      audit,
      work,
      outbound: out,
    });
    // Only once serving: a failed start must still end the process with its one line and exit 2.
    keepServingOnStrayErrors(logger);
    const shutdown = async () => {
      logger.info('ccnet stopping: taking no new work, finishing what is running');
      const drained = await withDeadline(
        (async () => {
          await Promise.allSettled(stops.map((stop) => stop()));
          await work.idle();
        })(),
        SHUTDOWN_DRAIN_MS,
      );
      if (!drained)
        logger.warn(`[SHUTDOWN_TIMEOUT] work still running after ${SHUTDOWN_DRAIN_MS} ms; stopping anyway`);
      await Promise.allSettled([stores.close(), audit.close(), out.close()]);
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown());
    process.once('SIGINT', () => void shutdown());
  } catch (error) {
    await Promise.allSettled([stores.close(), audit.close(), out.close()]);
    throw error;
  }
}

/** How long a stopping bot waits for clicks in flight (Kubernetes gives 30 s between SIGTERM and SIGKILL). */
const SHUTDOWN_DRAIN_MS = 10_000;

/** True when `work` settled within `ms`. */
async function withDeadline(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function startApp(
  env: SlackEnv,
  profile: Profile,
  logger: ReturnType<typeof createLogger>,
  deps: Omit<Stores, 'close'> & {
    botId: string;
    botUserId: string;
    teamId: string;
    audit: AuditLog;
    work: WorkQueue;
    outbound: Outbound;
  },
): Promise<(() => Promise<unknown>)[]> {
  const slackApiUrl = env.slackApiUrl;
  const receiver =
    env.mode === 'http'
      ? httpReceiver({ signingSecret: env.signingSecret, logger, readiness: [deps.ready] })
      : socketReceiver({
          appToken: env.appToken,
          logger,
          ...(slackApiUrl !== undefined ? { slackApiUrl } : {}),
          ...(deps.outbound.dispatcher !== undefined ? { dispatcher: deps.outbound.dispatcher } : {}),
        });
  const app = createApp({
    runner: new FlowRunner({
      store: deps.store,
      templates: deps.templates,
      logger,
      maxTemplateBytes: env.maxUploadBytes,
      ...(profile !== undefined ? { profile } : {}),
    }),
    threads: deps.threads,
    receiver,
    botToken: env.botToken,
    botId: deps.botId,
    botUserId: deps.botUserId,
    teamId: deps.teamId,
    audit: deps.audit,
    work: deps.work,
    outbound: deps.outbound,
    logger,
    ...(deps.seen !== undefined ? { seen: deps.seen } : {}),
    ...(slackApiUrl !== undefined ? { slackApiUrl } : {}),
    policy: {
      fileHosts: env.fileHosts,
      maxUploadBytes: env.maxUploadBytes,
      ...(env.allowedChannels !== undefined ? { allowedChannels: env.allowedChannels } : {}),
    },
  });
  const stores = env.redisUrl !== undefined ? 'Redis' : 'files';
  if (env.mode === 'http') {
    const server = (await app.start(env.port)) as { address(): unknown };
    const address = server.address() as { port?: number } | null;
    logger.info(
      `ccnet ready (HTTP mode, sessions in ${stores}) on port ${address?.port ?? env.port}: POST /slack/events, GET /healthz, GET /readyz`,
    );
    return [() => app.stop()];
  }
  await app.start().catch((error: unknown) => {
    throw startFailure(error, {
      apiUrl: slackApiUrl,
      method: 'apps.connections.open',
      token: 'SLACK_APP_TOKEN',
    });
  });
  const socket: ReadinessCheck = async () =>
    (receiver as SocketModeReceiver).client.websocket?.isActive() === true
      ? null
      : 'the Socket Mode connection is down';
  const health =
    env.healthPort !== undefined
      ? await startHealthServer(env.healthPort, undefined, [deps.ready, socket])
      : undefined;
  const where =
    health !== undefined
      ? `; GET /readyz and /healthz on port ${health.port}`
      : ' (set HEALTH_PORT for GET /healthz and /readyz)';
  logger.info(`ccnet ready (Socket Mode, sessions in ${stores})${where}`);
  const stops: (() => Promise<unknown>)[] = [() => app.stop()];
  if (health !== undefined) stops.push(() => new Promise((resolve) => health.server.close(resolve)));
  return stops;
}

/** Starts the Slack app (CCNET_CONFIG read first, so a bad profile stops the start before anything is open). */
export async function startSlackApp(env: SlackEnv): Promise<void> {
  const profile =
    env.configPath !== undefined ? await loadProfileFile(path.resolve(env.configPath)) : undefined;
  await runBot(env, profile);
}
