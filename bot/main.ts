// Composition root: read the environment, pick the mode, build the stores, profile, runner and app, start.
// Without Slack credentials it opens the same guided flow as a terminal chat.
import { homedir } from 'node:os';
import path from 'node:path';
import { FlowRunner } from '../flows/runner.ts';
import { FileSessionStore } from '../stores/file-store.ts';
import { loadProfileFile, ProfileError } from '../stores/profile-file.ts';
import { createApp, webClientOptions } from './app.ts';
import { type BotEnv, EnvError, loadEnv } from './env.ts';
import { startHealthServer } from './health.ts';
import { whoAmI } from './identity.ts';
import { createLogger } from './logger.ts';
import { httpReceiver, socketReceiver } from './receivers.ts';
import { StoreThreadIndex } from './threads.ts';

/** Thread index entries outlive the sessions they point to by a margin; an expired session reads as expired. */
const THREAD_INDEX_TTL_MS = 30 * 24 * 60 * 60 * 1000;

async function runTerminal(env: BotEnv, profile: Awaited<ReturnType<typeof loadProfileFile>> | undefined) {
  const [{ runChat }, { wantsColor }] = await Promise.all([
    import('../cli/chat.ts'),
    import('../cli/render/text.ts'),
  ]);
  const store = new FileSessionStore({
    dir: path.resolve(env.dataDir ?? path.join(homedir(), '.ccnet')),
    onProblem: ({ file, problem }) => process.stderr.write(`ccnet: skipped ${file}: ${problem}\n`),
  });
  return runChat({
    input: process.stdin,
    output: process.stdout,
    store,
    color: wantsColor(process.stdout, process.env),
    ...(profile !== undefined ? { profile } : {}),
  });
}

async function runBot(
  env: Exclude<BotEnv, { mode: 'terminal' }>,
  profile: Awaited<ReturnType<typeof loadProfileFile>> | undefined,
) {
  const logger = createLogger(env.logLevel);
  const store = new FileSessionStore({
    dir: path.resolve(env.dataDir ?? '.data'),
    onProblem: ({ file, problem }) => logger.warn(`skipped session file ${file}: ${problem}`),
  });
  const runner = new FlowRunner({ store, logger, ...(profile !== undefined ? { profile } : {}) });
  const slackApiUrl = env.slackApiUrl;
  const { botId, botUserId } = await whoAmI(env.botToken, webClientOptions({ slackApiUrl }));
  const receiver =
    env.mode === 'http'
      ? httpReceiver({ signingSecret: env.signingSecret, logger })
      : socketReceiver({
          appToken: env.appToken,
          logger,
          ...(slackApiUrl !== undefined ? { slackApiUrl } : {}),
        });
  const app = createApp({
    runner,
    threads: new StoreThreadIndex(store, { ttlMs: THREAD_INDEX_TTL_MS }),
    receiver,
    botToken: env.botToken,
    botId,
    botUserId,
    logger,
    ...(slackApiUrl !== undefined ? { slackApiUrl } : {}),
    policy: {
      fileHosts: env.fileHosts,
      maxUploadBytes: env.maxUploadBytes,
      ...(env.allowedChannels !== undefined ? { allowedChannels: env.allowedChannels } : {}),
    },
  });
  const stops: (() => Promise<unknown>)[] = [() => app.stop()];
  if (env.mode === 'http') {
    const server = (await app.start(env.port)) as { address(): unknown };
    const address = server.address() as { port?: number } | null;
    logger.info(
      `ccnet ready (HTTP mode) on port ${address?.port ?? env.port}: POST /slack/events, GET /healthz`,
    );
  } else {
    await app.start();
    const health = env.healthPort !== undefined ? await startHealthServer(env.healthPort) : undefined;
    if (health !== undefined) stops.push(() => new Promise((resolve) => health.server.close(resolve)));
    const where =
      health !== undefined ? `; GET /healthz on port ${health.port}` : ' (set HEALTH_PORT for GET /healthz)';
    logger.info(`ccnet ready (Socket Mode)${where}`);
  }
  const shutdown = () => {
    logger.info('ccnet stopping');
    void Promise.allSettled(stops.map((stop) => stop())).then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

async function main(): Promise<number | undefined> {
  try {
    const env = loadEnv();
    const profile =
      env.configPath !== undefined ? await loadProfileFile(path.resolve(env.configPath)) : undefined;
    if (env.mode === 'terminal') return await runTerminal(env, profile);
    await runBot(env, profile);
    return undefined;
  } catch (error) {
    if (error instanceof EnvError || error instanceof ProfileError) {
      const prefix = error instanceof ProfileError ? 'CCNET_CONFIG ' : '';
      process.stderr.write(`ccnet: ${prefix}${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

const code = await main();
if (code !== undefined) process.exitCode = code;
