// Slack adapter cost, in one run over loopback HTTP:
//   bare Bolt: an HTTPReceiver app whose only listener acks a signed slash command;
//   ccnet: button clicks on open questions (verify, ack, restore the session, transition, persist, chat.update the
//   question and post the next one to the fake Web API).
// Throughput: a fixed number of requests with a fixed number in flight; a request counts once its work is done (for
// ccnet: the question updated and the next one posted). Ack latency: the HTTP response time, compared at one offered
// load below both capacities, where it is not queueing. Bounded in count and time; loopback only.
import { spawn } from 'node:child_process';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import { createApp } from '../bot/app.ts';
import { renderReply } from '../bot/render/reply.ts';
import { createLogger } from '../bot/runtime/logger.ts';
import { httpReceiver } from '../bot/runtime/receivers.ts';
import { keepAliveFetch } from '../bot/slack/keep-alive-fetch.ts';
import { FlowRunner } from '../flows/runner.ts';
import { MemorySessionStore } from '../stores/memory/session-store.ts';
import { MemoryThreadIndex } from '../stores/memory/thread-index.ts';
import { blockActions, buttonsOf, CHANNEL, slashCommand } from '../test/bot/slack-payloads.ts';
import type { FakeMessage } from '../test/fakes/slack-api.ts';
import { timedPost } from '../test/support/signed-requests.ts';

/** What bench/fake-slack-process.ts prints: enough of FakeSlackApi for the payload builders. */
interface Fake {
  url: string;
  host: string;
  botToken: string;
  botId: string;
  botUserId: string;
  teamId: string;
  appId: string;
  responseUrl(): string;
}

const WARMUP = 300;
const SATURATED = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
/** Offered load for the latency comparison: well under both apps' capacity, so ack time is not queueing. */
const PACED_RATE = 200;
// 15 s of paced clicks: p99 over fewer samples swung with a single GC pause.
const PACED = 3000;
const TOTAL = WARMUP + SATURATED + PACED;
const TIME_LIMIT_MS = 120_000;
const SECRET = 'benchsecretbenchsecret0123456789';
const silent = createLogger('error', () => {});

/** A running app: send request i, and wait until the work of the first n requests is done. */
interface Target {
  send(i: number): Promise<number>;
  done(n: number): Promise<void>;
  stop(): Promise<void>;
}

interface Figures {
  rate: number;
  p50: number;
  p99: number;
  pacedP50: number;
  pacedP99: number;
}

/** Sends bodies[from..to) with CONCURRENCY in flight; resolves with each request's response time. */
async function load(send: (i: number) => Promise<number>, from: number, to: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = from;
  const deadline = Date.now() + TIME_LIMIT_MS;
  const worker = async (): Promise<void> => {
    while (next < to && Date.now() < deadline) {
      const i = next++;
      latencies.push(await send(i));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return latencies;
}

/** Sends requests from..to at `rate` per second whatever the responses do (open loop), with a bound on in-flight. */
async function paced(
  send: (i: number) => Promise<number>,
  from: number,
  to: number,
  rate: number,
): Promise<number[]> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = from; i < to; i++) {
    const wait = start + ((i - from) * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(i).then((ms) => void latencies.push(ms)));
  }
  await Promise.all(pending);
  return latencies;
}

async function measure(target: Target): Promise<Figures> {
  await load(target.send, 0, WARMUP);
  await target.done(WARMUP);
  const started = performance.now();
  const saturated = await load(target.send, WARMUP, WARMUP + SATURATED);
  await target.done(WARMUP + SATURATED);
  const seconds = (performance.now() - started) / 1000;
  const calm = await paced(target.send, WARMUP + SATURATED, TOTAL, PACED_RATE);
  await target.done(TOTAL);
  await target.stop();
  return {
    rate: saturated.length / seconds,
    p50: percentile(saturated, 50),
    p99: percentile(saturated, 99),
    pacedP50: percentile(calm, 50),
    pacedP99: percentile(calm, 99),
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function bareBolt(slack: Fake): Promise<Target> {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logger: silent });
  const app = new App({
    token: slack.botToken,
    botId: slack.botId,
    botUserId: slack.botUserId,
    receiver,
    logger: silent,
  });
  app.command('/ccnet', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as { address(): AddressInfo };
  const port = server.address().port;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const bodies = Array.from({ length: TOTAL }, () => new URLSearchParams(slashCommand(slack, '')).toString());
  return {
    send: (i) =>
      timedPost(
        { agent, port, secret: SECRET, label: 'the app' },
        bodies[i] ?? '',
        'application/x-www-form-urlencoded',
      ),
    // The ack is all the work there is.
    done: async () => {},
    stop: async () => {
      agent.destroy();
      await app.stop();
    },
  };
}

/** Counts finished Web API calls by method, seen from the bot's side of the wire. */
function countingFetch(counts: Map<string, number>): typeof fetch {
  const inner = keepAliveFetch();
  return async (input, init) => {
    const response = await inner(input, init);
    const method = String(input).split('/').pop() ?? '';
    counts.set(method, (counts.get(method) ?? 0) + 1);
    return response;
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + TIME_LIMIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function ccnet(slack: Fake): Promise<Target> {
  const runner = new FlowRunner({ store: new MemorySessionStore() });
  const counts = new Map<string, number>();
  const app = createApp({
    runner,
    threads: new MemoryThreadIndex(),
    receiver: httpReceiver({ signingSecret: SECRET, logger: silent }),
    botToken: slack.botToken,
    botId: slack.botId,
    botUserId: slack.botUserId,
    logger: silent,
    slackApiUrl: slack.url,
    clientOptions: { fetch: countingFetch(counts) },
    policy: { fileHosts: [slack.host], maxUploadBytes: 1024 * 1024 },
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as { address(): AddressInfo };
  const port = server.address().port;
  // One open check per click, its first question posted in its thread (setup, not measured).
  const bodies: string[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const root = `${1_600_000_000 + i}.000001`;
    const turn = await runner.start({
      owner: 'UBENCH',
      scope: CHANNEL,
      meta: { channel: CHANNEL, thread_ts: root },
    });
    const first = turn.replies[0];
    if (first === undefined) throw new Error('no first question');
    const rendered = renderReply(first, turn.version);
    const posted = await app.client.chat.postMessage({
      channel: CHANNEL,
      thread_ts: root,
      text: rendered.text,
      blocks: rendered.blocks,
    });
    const message: FakeMessage = {
      channel: CHANNEL,
      ts: posted.ts ?? '',
      threadTs: root,
      text: rendered.text,
      blocks: rendered.blocks,
      user: slack.botUserId,
      updates: 0,
      args: {},
    };
    const button = buttonsOf(message.blocks)[0];
    if (button === undefined) throw new Error('no question message');
    bodies.push(
      new URLSearchParams({ payload: JSON.stringify(blockActions(slack, message, button)) }).toString(),
    );
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return {
    send: (i) =>
      timedPost(
        { agent, port, secret: SECRET, label: 'the app' },
        bodies[i] ?? '',
        'application/x-www-form-urlencoded',
      ),
    // A click is done when its question was updated and the next question posted.
    done: (n) =>
      until(
        () => (counts.get('chat.update') ?? 0) >= n && (counts.get('chat.postMessage') ?? 0) >= TOTAL + n,
        `${n} clicks handled`,
      ),
    stop: async () => {
      agent.destroy();
      await app.stop();
    },
  };
}

function report(name: string, f: Figures): void {
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  console.log(
    `${name.padEnd(60)} ${f.rate.toFixed(0).padStart(5)} req/s  ack p50 ${ms(f.p50)} p99 ${ms(f.p99)} | at ${PACED_RATE} req/s: ack p50 ${ms(f.pacedP50)} p99 ${ms(f.pacedP99)}`,
  );
}

async function startFake(): Promise<{ fake: Fake; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./fake-slack-process.ts', import.meta.url).pathname],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      if (buffered.includes('\n')) resolve(buffered.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`fake Slack API exited (${code})`)));
  });
  let responses = 0;
  const info = JSON.parse(line) as Omit<Fake, 'responseUrl'>;
  const fake: Fake = {
    ...info,
    responseUrl: () => `${info.url.replace(/api\/$/, '')}response/${++responses}`,
  };
  return { fake, stop: () => child.kill('SIGTERM') };
}

const { fake: slack, stop } = await startFake();
try {
  console.log(
    `loopback HTTP; throughput: ${SATURATED} requests after ${WARMUP} warm-up, ${CONCURRENCY} in flight, done = work finished; latency: ${PACED} requests at ${PACED_RATE} req/s`,
  );
  const bolt = await measure(await bareBolt(slack));
  report('bare Bolt: ack a signed slash command', bolt);
  const ours = await measure(await ccnet(slack));
  report('ccnet: button click (restore, transition, persist, chat.update)', ours);
  console.log(
    `ratio throughput ccnet/bolt: ${(ours.rate / bolt.rate).toFixed(2)}  ratio p99 ccnet/bolt: ${(ours.pacedP99 / bolt.pacedP99).toFixed(2)}`,
  );
} finally {
  stop();
}
