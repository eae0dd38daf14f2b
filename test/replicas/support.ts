// Real bot processes (`bot/main.ts` in HTTP mode) sharing one Redis and one loopback fake Web API, driven with
// requests signed the way Slack signs them. Each replica is its own process, as behind a load balancer.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import { SIGNING_SECRET } from '../bot/harness.ts';
import { blockActions, buttonsOf, slashCommand } from '../bot/slack-payloads.ts';
import { type FakeMessage, FakeSlackApi } from '../fakes/slack-api.ts';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { postSigned } from '../support/signed-requests.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Replica {
  name: string;
  origin: string;
  child: ChildProcessWithoutNullStreams;
  /** What the process wrote to stdout (the audit log by default) and to stderr (human log lines). */
  stdout(): string;
  stderr(): string;
  post(body: string, contentType: string, headers?: Record<string, string>): Promise<Response>;
  command(payload: Record<string, string>): Promise<Response>;
  interact(payload: unknown): Promise<Response>;
  event(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Resolves once `pattern` occurs `times` times in the log (stderr). */
  waitForLog(pattern: RegExp, times?: number): Promise<void>;
  count(pattern: RegExp): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startReplica(
  name: string,
  slack: FakeSlackApi,
  env: Record<string, string>,
): Promise<Replica> {
  const home = mkdtempSync(path.join(tmpdir(), `ccnet-replica-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      CCNET_DATA_DIR: home,
      NO_COLOR: '1',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: slack.url,
      CCNET_FILE_HOSTS: slack.host,
      // Debug level names each repeated delivery dropped, which is how the tests know a duplicate was handled.
      LOG_LEVEL: 'debug',
      ...env,
    },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const count = (pattern: RegExp) => err.match(new RegExp(pattern.source, `${pattern.flags}g`))?.length ?? 0;
  const waitForLog = async (pattern: RegExp, times = 1) => {
    const deadline = Date.now() + 20_000;
    while (count(pattern) < times) {
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
        throw new Error(
          `replica ${name}: ${pattern} not seen ${times} times in its log:\n${err.slice(-4000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitForLog(/HTTP mode, sessions in \w+\) on port \d+/);
  const port = /on port (\d+)/.exec(err)?.[1];
  const origin = `http://127.0.0.1:${port}`;
  const post = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    postSigned(origin, SIGNING_SECRET, body, contentType, headers);
  const form = 'application/x-www-form-urlencoded';
  return {
    name,
    origin,
    child,
    stdout: () => out,
    stderr: () => err,
    post,
    command: (payload) => post(new URLSearchParams(payload).toString(), form),
    interact: (payload) => post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), form),
    event: (body, headers) => post(JSON.stringify(body), 'application/json', headers),
    waitForLog,
    count,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        await exited;
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export const texts = (m: FakeMessage | undefined) => JSON.stringify(m?.blocks ?? []) + (m?.text ?? '');

/** The button of `message` for `choiceId` (a choice on a question). */
export function choiceButton(message: FakeMessage | undefined, choiceId: string) {
  const button = buttonsOf(message?.blocks).find((b) => {
    const v = decodeButtonValue(b.value);
    return v.ok && v.value.c === choiceId;
  });
  if (button === undefined) throw new Error(`no button for ${choiceId} in ${texts(message).slice(0, 300)}`);
  return button;
}

/** The session a message's buttons belong to. */
export function sessionOf(message: FakeMessage | undefined): string {
  for (const b of buttonsOf(message?.blocks)) {
    const v = decodeButtonValue(b.value);
    if (v.ok) return v.value.s;
  }
  throw new Error('no ccnet button on the message');
}

export interface Cluster {
  redis: RedisServer;
  slack: FakeSlackApi;
  /** The replicas by name, started in parallel. */
  replicas: Record<string, Replica>;
  thread(root: FakeMessage): FakeMessage[];
  latest(root: FakeMessage): FakeMessage | undefined;
  /** `/ccnet` through `replica` → the root message and the first question in its thread. */
  startCheck(replica: Replica, user?: string): Promise<{ root: FakeMessage; question: FakeMessage }>;
  /** Clicks `choiceId` on the open question through `replica` and waits for the next step in the thread. */
  answer(replica: Replica, root: FakeMessage, choiceId: string, user?: string): Promise<void>;
}

/**
 * The one setup the replica suites share: a redis-server of their own, one fake Web API and the named replicas on
 * them (each with REDIS_URL plus its own env), started before the suite's tests and stopped after them. The suite
 * reads them through the returned getter.
 */
export function useReplicas(envs: () => Record<string, Record<string, string>>): () => Cluster {
  let cluster: Cluster | undefined;
  let stopAll = async () => {};
  beforeAll(async () => {
    const redis = await startRedisServer();
    const slack = await FakeSlackApi.start();
    const named = Object.entries(envs());
    const started = await Promise.all(
      named.map(([name, env]) => startReplica(name, slack, { REDIS_URL: redis.url, ...env })),
    );
    const replicas = Object.fromEntries(started.map((r) => [r.name, r]));
    stopAll = async () => {
      await Promise.allSettled(started.map((r) => r.stop()));
      await slack.close();
      await redis.stop();
    };
    const thread = (root: FakeMessage) => slack.thread(root.channel, root.ts);
    cluster = {
      redis,
      slack,
      replicas,
      thread,
      latest: (root) => thread(root).at(-1),
      async startCheck(replica, user) {
        const before = slack.messages.length;
        const res = await replica.command(slashCommand(slack, '', user !== undefined ? { user } : {}));
        expect(res.status).toBe(200);
        const [root, question] = await slack.until(() => {
          const fresh = slack.messages.slice(before);
          return fresh.length >= 2 ? fresh : undefined;
        }, 'root message and first question');
        if (root === undefined || question === undefined) throw new Error('no root and first question');
        return { root, question };
      },
      async answer(replica, root, choiceId, user) {
        const question = thread(root).at(-1);
        const before = thread(root).length;
        if (question === undefined) throw new Error('empty thread');
        const res = await replica.interact(
          blockActions(slack, question, choiceButton(question, choiceId), user !== undefined ? { user } : {}),
        );
        expect(res.status).toBe(200);
        await slack.until(
          () => thread(root).length > before,
          `the step after ${choiceId} (via ${replica.name})`,
        );
        // The answered question is rewritten once the next step is in the thread.
        await slack.until(
          () => (slack.message(question.channel, question.ts)?.updates ?? 0) > 0,
          `${choiceId} shown as answered`,
        );
      },
    };
  });
  afterAll(() => stopAll());
  return () => {
    if (cluster === undefined) throw new Error('useReplicas: read the cluster inside a test');
    return cluster;
  };
}
