// Two replicas of the bot (`bot/main.ts`, HTTP mode) on one Redis, under a mixed load over loopback:
//   1. redis-server, the fake Web API (own process) and two replicas (child processes) start;
//   2. 10,000 checks are opened straight through the runner against the same Redis, each with its first question
//      posted to the fake; each replica's resident memory (VmRSS) is read with them open;
//   3. button clicks arrive at a fixed rate (open loop, whatever the responses do), alternately at each replica, with
//      a template shared in a thread as every 20th request; each request's ack time is measured (sent → response).
// Prints replies/s (messages posted or updated, counted by the fake) and, as the last line, `ack p50 N ms p99 N ms`.
// Bounded in count and time, loopback only; every child process is stopped on the way out, error or not.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { webApi } from '@slack/bolt';
import { renderReply } from '../bot/render/reply.ts';
import { FlowRunner } from '../flows/runner.ts';
import { openRedisStores } from '../stores/redis/index.ts';
import {
  blockActions,
  buttonsOf,
  CHANNEL,
  eventCallback,
  messageEvent,
  type Workspace,
} from '../test/bot/slack-payloads.ts';
import type { FakeMessage } from '../test/fakes/slack-api.ts';
import { startRedisServer } from '../test/support/redis-server.ts';
import { timedPost } from '../test/support/signed-requests.ts';

const SESSIONS = 10_000;
const CLICK_RATE = Number(process.env.BENCH_CLICK_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
/** Every UPLOAD_EVERY-th request shares a template instead of clicking (5%). */
const UPLOAD_EVERY = 20;
const SETUP_CONCURRENCY = 32;
const TIME_LIMIT_MS = 240_000;
const SECRET = 'benchsecretbenchsecret0123456789';
const ROOT = fileURLToPath(new URL('../', import.meta.url));

interface FakeInfo {
  url: string;
  host: string;
  botToken: string;
  botId: string;
  botUserId: string;
  teamId: string;
  appId: string;
  file: Record<string, unknown>;
}

const children: ChildProcess[] = [];
const killAll = () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
const deadline = Date.now() + TIME_LIMIT_MS;
const timeLeft = (what: string) => {
  if (Date.now() > deadline) throw new Error(`bench: out of time (${TIME_LIMIT_MS / 1000} s) during ${what}`);
};

function spawnTs(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

interface Fake {
  info: FakeInfo;
  /** Web API calls the fake answered so far, by method. */
  counts(): Promise<Record<string, number>>;
}

/** The fake Web API: its coordinates, and its Web API call counts on request. */
async function startFake(): Promise<Fake> {
  const child = spawnTs('bench/load-fake-slack.ts', {});
  child.stderr?.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  lines.on('line', (line) => waiting.shift()?.resolve(line));
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`fake Slack API exited (${code})`));
  });
  const nextLine = () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
  const info = JSON.parse(await nextLine()) as FakeInfo;
  return {
    info,
    counts: async (): Promise<Record<string, number>> => {
      const answer = nextLine();
      child.stdin?.write('counts\n');
      return JSON.parse(await answer) as Record<string, number>;
    },
  };
}

interface Replica {
  name: string;
  pid: number;
  port: number;
  agent: Agent;
}

async function startReplica(name: string, fake: FakeInfo, redisUrl: string): Promise<Replica> {
  const child = spawnTs('bot/main.ts', {
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    PORT: '0',
    SLACK_API_URL: fake.url,
    CCNET_FILE_HOSTS: fake.host,
    REDIS_URL: redisUrl,
    CCNET_AUDIT_LOG: 'off',
    // Info: the ready line names the port; nothing is logged per request at this level.
    LOG_LEVEL: 'info',
  });
  let log = '';
  child.stdout?.resume();
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-8_000);
      const m = /on port (\d+)/.exec(log);
      if (m !== null) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`replica ${name} exited (${code}):\n${log}`)));
    setTimeout(() => reject(new Error(`replica ${name} not ready after 30 s:\n${log}`)), 30_000).unref();
  });
  if (child.pid === undefined) throw new Error(`replica ${name} has no pid`);
  return { name, pid: child.pid, port, agent: new Agent({ keepAlive: true, maxSockets: 512 }) };
}

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Opens the checks through the runner (as a replica would) and posts each first question to the fake. */
async function openChecks(fake: FakeInfo, redisUrl: string): Promise<FakeMessage[]> {
  const stores = await openRedisStores(redisUrl);
  const runner = new FlowRunner({ store: stores.sessions, templates: stores.templates });
  const client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.url });
  const questions: FakeMessage[] = new Array(SESSIONS);
  let next = 0;
  const worker = async () => {
    while (next < SESSIONS) {
      const i = next++;
      timeLeft('opening checks');
      const root = `${1_600_000_000 + i}.000001`;
      const user = `UBENCH${i % 100}`;
      const turn = await runner.start({
        owner: user,
        scope: CHANNEL,
        meta: { channel: CHANNEL, thread_ts: root, started_by: user },
      });
      await stores.threads.remember(CHANNEL, root, turn.sessionId, 24 * 60 * 60 * 1000);
      const first = turn.replies[0];
      if (first === undefined) throw new Error('no first question');
      const rendered = renderReply(first, turn.version);
      const posted = await client.chat.postMessage({
        channel: CHANNEL,
        thread_ts: root,
        text: rendered.text,
        blocks: rendered.blocks,
      });
      questions[i] = {
        channel: CHANNEL,
        ts: posted.ts ?? '',
        threadTs: root,
        text: rendered.text,
        blocks: rendered.blocks,
        user: fake.botUserId,
        updates: 0,
        args: {},
      };
    }
  };
  try {
    await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, worker));
  } finally {
    await stores.close();
  }
  return questions;
}

async function redisUsedMb(redisUrl: string): Promise<number> {
  const stores = await openRedisStores(redisUrl);
  try {
    const info = await stores.redis.info('memory');
    return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? Number.NaN) / (1024 * 1024);
  } finally {
    await stores.close();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const sum = (counts: Record<string, number>, methods: string[]) =>
  methods.reduce((total, m) => total + (counts[m] ?? 0), 0);
const REPLY_METHODS = ['chat.postMessage', 'chat.update'];
const ms = (n: number) => n.toFixed(1);

interface Planned {
  body: string;
  type: string;
  upload: boolean;
}

/** `count` requests on the checks from `first` on: a click on each one's first question, every 20th an upload. */
function schedule(
  questions: FakeMessage[],
  first: number,
  count: number,
  workspace: Workspace,
  fake: FakeInfo,
): Planned[] {
  if (first + count > questions.length) throw new Error('more requests than open checks');
  return Array.from({ length: count }, (_, i) => {
    const question = questions[first + i];
    if (question === undefined) throw new Error('no open check');
    if (i % UPLOAD_EVERY === UPLOAD_EVERY - 1) {
      const event = messageEvent({
        threadTs: question.threadTs,
        files: [fake.file],
        extra: { parent_user_id: fake.botUserId },
      });
      const body = JSON.stringify(eventCallback(workspace, event, `EvLOAD${first + i}`));
      return { body, type: 'application/json', upload: true };
    }
    const button = buttonsOf(question.blocks)[0];
    if (button === undefined) throw new Error('no button to click');
    const payload = JSON.stringify(blockActions(workspace, question, button));
    return {
      body: new URLSearchParams({ payload }).toString(),
      type: 'application/x-www-form-urlencoded',
      upload: false,
    };
  });
}

interface Run {
  /** Ack times in ms, in request order (NaN for a failed request). */
  acks: number[];
  uploads: boolean[];
  failures: number;
  sentIn: number;
  started: number;
  before: Record<string, number>;
}

/** Sends request i at i / rate seconds (open loop: whatever the responses do), alternately to each replica. */
async function run(fake: Fake, replicas: Replica[], planned: Planned[], rate: number): Promise<Run> {
  const before = await fake.counts();
  const acks: number[] = new Array(planned.length).fill(Number.NaN);
  let failures = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (const [i, item] of planned.entries()) {
    timeLeft('sending requests');
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const replica = replicas[i % replicas.length];
    if (replica === undefined) continue;
    pending.push(
      timedPost({ ...replica, secret: SECRET, label: `replica ${replica.name}` }, item.body, item.type).then(
        (took) => {
          acks[i] = took;
        },
        () => {
          failures += 1;
        },
      ),
    );
  }
  const sentIn = (performance.now() - started) / 1000;
  await Promise.all(pending);
  return {
    acks: acks.filter((x) => !Number.isNaN(x)),
    uploads: planned.filter((_, i) => !Number.isNaN(acks[i] ?? Number.NaN)).map((p) => p.upload),
    failures,
    sentIn,
    started,
    before,
  };
}

/** Waits until the fake saw `expected` replies since the run began (or none for 3 s); the replies and their rate. */
async function settle(fake: Fake, from: Run, expected: number) {
  let last = from.before;
  let lastChange = performance.now();
  for (;;) {
    timeLeft('waiting for replies');
    const now = await fake.counts();
    if (sum(now, REPLY_METHODS) !== sum(last, REPLY_METHODS)) lastChange = performance.now();
    last = now;
    if (sum(now, REPLY_METHODS) - sum(from.before, REPLY_METHODS) >= expected) break;
    if (performance.now() - lastChange > 3_000) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    replies: sum(last, REPLY_METHODS) - sum(from.before, REPLY_METHODS),
    notes: (last['chat.postEphemeral'] ?? 0) - (from.before['chat.postEphemeral'] ?? 0),
    seconds: (lastChange - from.started) / 1000,
  };
}

const redis = await startRedisServer();
try {
  const fake = await startFake();
  const [a, b] = await Promise.all([
    startReplica('A', fake.info, redis.url),
    startReplica('B', fake.info, redis.url),
  ]);
  const replicas = [a, b];
  console.log(
    `loopback HTTP; 2 replicas (pids ${a.pid}, ${b.pid}) on one redis-server; ${SESSIONS} open checks; ${CLICK_RATE} clicks/s for ${SECONDS} s, every ${UPLOAD_EVERY}th request a template upload`,
  );

  const setupStarted = performance.now();
  const questions = await openChecks(fake.info, redis.url);
  console.log(`opened ${SESSIONS} checks in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);
  console.log(
    `resident memory with ${SESSIONS} open sessions: replica A ${ms(rssMb(a.pid))} MB, replica B ${ms(rssMb(b.pid))} MB; redis used_memory ${ms(await redisUsedMb(redis.url))} MB`,
  );

  const workspace = { ...fake.info, responseUrl: () => `${fake.info.url.replace(/api\/$/, '')}response/1` };
  // Requests per second such that the clicks among them arrive at CLICK_RATE.
  const perSecond = (CLICK_RATE * UPLOAD_EVERY) / (UPLOAD_EVERY - 1);
  const warmup = schedule(questions, 0, Math.ceil(perSecond * WARMUP_SECONDS), workspace, fake.info);
  const measured = schedule(questions, warmup.length, Math.ceil(perSecond * SECONDS), workspace, fake.info);

  // Warm-up, not counted: fresh processes compile and optimise their hot paths and open their connections.
  const cold = await run(fake, replicas, warmup, perSecond);
  await settle(fake, cold, 2 * warmup.length);
  console.log(
    `warm-up (not counted): ${warmup.length} requests in ${WARMUP_SECONDS} s, ack p50 ${ms(percentile(cold.acks, 50))} ms p99 ${ms(percentile(cold.acks, 99))} ms`,
  );

  const load = await run(fake, replicas, measured, perSecond);
  // Each click updates its question and posts the next; each upload posts the findings and the next question.
  const expected = 2 * measured.length;
  const done = await settle(fake, load, expected);
  const clickAcks = load.acks.filter((_, i) => !load.uploads[i]);
  const uploadAcks = load.acks.filter((_, i) => load.uploads[i]);

  console.log(
    `sent ${measured.length} requests (${clickAcks.length} clicks, ${uploadAcks.length} uploads acked, ${load.failures} failed) in ${load.sentIn.toFixed(1)} s: ${(measured.length / load.sentIn).toFixed(0)} req/s offered`,
  );
  console.log(
    `replies: ${done.replies} of ${expected} expected messages posted or updated in ${done.seconds.toFixed(1)} s: ${(done.replies / done.seconds).toFixed(0)} replies/s; ${done.notes} private notes (errors)`,
  );
  console.log(
    `ack clicks p50 ${ms(percentile(clickAcks, 50))} ms p99 ${ms(percentile(clickAcks, 99))} ms; uploads p50 ${ms(percentile(uploadAcks, 50))} ms p99 ${ms(percentile(uploadAcks, 99))} ms; max ${ms(Math.max(...load.acks))} ms`,
  );
  console.log(
    `resident memory after the load: replica A ${ms(rssMb(a.pid))} MB (peak ${ms(rssMb(a.pid, 'VmHWM'))}), replica B ${ms(rssMb(b.pid))} MB (peak ${ms(rssMb(b.pid, 'VmHWM'))})`,
  );
  for (const replica of replicas) replica.agent.destroy();
  console.log(`ack p50 ${ms(percentile(load.acks, 50))} ms p99 ${ms(percentile(load.acks, 99))} ms`);
} finally {
  killAll();
  await redis.stop();
}
