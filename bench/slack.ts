// What ccnet's own work costs a button click, in one run over loopback HTTP, against a plain Bolt app that answers a
// click with the same two Web API calls (bench/slack-apps.ts), and a bare ack for reference.
//   Throughput: SATURATED requests with CONCURRENCY in flight; a request counts once its work is done (the fake
//   Web API received its last call), req/s = requests / (last call - first send). Ack: the HTTP response time.
//   Paced: PACED requests at PACED_RATE/s, below every app's capacity, so ack time is not queueing; reply latency
//   is the click's send -> the arrival of its last Web API call at the fake.
// The apps take turns in rotating order within each round (the machine is shared and noisy), the load generator
// (bench/slack-load.ts) and the fake Web API (bench/fake-slack-process.ts) run in their own processes, and each
// figure and ratio printed is the median over the rounds. Bounded in count and time; loopback only.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createLogger } from '../bot/runtime/logger.ts';
import { profiled } from './profile.ts';
import { type AppName, type AppUnderTest, type Fake, type Prepared, startApp } from './slack-apps.ts';
import type { Phase, PhaseResult } from './slack-load.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP = 300;
const SATURATED = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PACED_RATE = 200;
// 10 s of paced clicks per app and round.
const PACED = Number(process.env.BENCH_PACED ?? 2000);
const TIME_LIMIT_MS = 60_000;
const SECRET = 'benchsecretbenchsecret0123456789';
/** BENCH_APPS=ccnet,plain narrows the run (for profiling one app); the ratios need ccnet and plain. */
const ORDER = (process.env.BENCH_APPS ?? 'ccnet,plain,bare').split(',') as AppName[];
const silent = createLogger('error', () => {});

interface Figures {
  rate: number;
  p50: number;
  p99: number;
  pacedP50: number;
  pacedP99: number;
  replyP50: number;
  replyP99: number;
  /** CPU time the apps' process spent per request of the saturated phase (its share of the work, whatever the load). */
  cpuUs: number;
}

const children: ChildProcess[] = [];
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** The fake Web API process: its workspace, and the calls it received (method, channel, ts or thread, arrival). */
async function startFake() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./fake-slack-process.ts', import.meta.url).pathname],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const ask = (command: string) =>
    new Promise<string>((resolve) => {
      waiting.push(resolve);
      if (command !== '') child.stdin.write(`${command}\n`);
    });
  const info = JSON.parse(await ask('')) as Omit<Fake, 'responseUrl'>;
  let responses = 0;
  const fake: Fake = {
    ...info,
    responseUrl: () => `${info.url.replace(/api\/$/, '')}response/${++responses}`,
  };
  let calls: [string, string, string, number][] = [];
  return {
    fake,
    clear: async () => {
      await ask('clear');
      calls = [];
    },
    /** Forgets the calls so far (the setup's), keeping the messages they posted. */
    forget: async () => {
      await ask('forget');
      calls = [];
    },
    /** Resolves once the fake holds `n` calls (since the last forget). */
    waitFor: async (n: number) => {
      await ask(`wait ${n}`);
    },
    /** Every call so far, fetched incrementally. */
    calls: async () => {
      calls = calls.concat(JSON.parse(await ask(`calls ${calls.length}`)));
      return calls;
    },
  };
}

function startLoad() {
  const child = fork(new URL('./slack-load.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  const ask = <T>(message: unknown) =>
    new Promise<T>((resolve, reject) => {
      // A load generator that died answers nothing: fail the run instead of waiting for ever.
      const died = (code: number | null) => reject(new Error(`load generator exited (${code})`));
      child.once('exit', died);
      child.once('message', (m: { ok: boolean; result?: T; error?: string }) => {
        child.off('exit', died);
        m.ok ? resolve(m.result as T) : reject(new Error(`load generator: ${m.error}`));
      });
      child.send(message as Parameters<typeof child.send>[0]);
    });
  return {
    /** Ships a phase's requests (not measured). */
    load: (phase: Phase) => ask<undefined>({ load: phase }),
    /** Sends the loaded requests. */
    run: () => ask<PhaseResult>({ run: true }),
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const median = (values: number[]) => percentile(values, 50);

type FakeControl = Awaited<ReturnType<typeof startFake>>;

/** Waits until the fake holds every call of `requests`; returns each request's last call arrival. */
async function lastCalls(control: FakeControl, requests: Prepared[]): Promise<number[]> {
  const deadline = Date.now() + TIME_LIMIT_MS;
  for (;;) {
    const byKey = new Map<string, number>();
    for (const [method, , key, at] of await control.calls()) byKey.set(`${method} ${key}`, at);
    const last = requests.map((r) => {
      const update = byKey.get(`chat.update ${r.messageTs}`);
      const post = byKey.get(`chat.postMessage ${r.threadTs}`);
      return update !== undefined && post !== undefined ? Math.max(update, post) : Number.NaN;
    });
    if (last.every((at) => !Number.isNaN(at))) return last;
    if (Date.now() > deadline) throw new Error('bench: timed out waiting for the Web API calls of a phase');
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Load = ReturnType<typeof startLoad>;

async function measure(name: AppName, app: AppUnderTest, control: FakeControl, load: Load) {
  const prepared = await app.prepare(WARMUP + SATURATED + PACED);
  // The setup posted each question into the thread its click answers in: only the clicks' calls count.
  await control.forget();
  let expected = 0;
  /** Sends `requests` and waits, in the other processes, until the acks and their Web API calls are all in. */
  const phase = async (requests: Prepared[], rate?: number) => {
    await load.load({
      port: app.port,
      secret: SECRET,
      contentType: app.contentType,
      bodies: requests.map((r) => r.body),
      concurrency: CONCURRENCY,
      ...(rate !== undefined ? { rate } : {}),
    });
    return async () => {
      const result = await load.run();
      expected += requests.length * app.callsPerRequest;
      await control.waitFor(expected);
      return result;
    };
  };
  /** When each request's work was done: its last Web API call, or its ack when it makes none. */
  const finished = async (requests: Prepared[], result: PhaseResult) =>
    app.callsPerRequest === 0
      ? result.sentAt.map((at, i) => at + (result.ackMs[i] ?? 0))
      : lastCalls(control, requests);

  const warm = prepared.slice(0, WARMUP);
  await (await phase(warm))();
  const busy = prepared.slice(WARMUP, WARMUP + SATURATED);
  const runBusy = await phase(busy);
  const cpu = process.cpuUsage();
  const saturated = await profiled(name, runBusy);
  const used = process.cpuUsage(cpu);
  const busyDone = await finished(busy, saturated);
  const calm = prepared.slice(WARMUP + SATURATED);
  const paced = await (await phase(calm, PACED_RATE))();
  const calmDone = await finished(calm, paced);
  await app.stop();
  const seconds = (Math.max(...busyDone) - Math.min(...saturated.sentAt)) / 1000;
  const replies = calmDone.map((at, i) => at - (paced.sentAt[i] ?? Number.NaN));
  if (replies.some((ms) => !(ms >= 0))) throw new Error('bench: a reply arrived before its click was sent');
  return {
    rate: SATURATED / seconds,
    p50: percentile(saturated.ackMs, 50),
    p99: percentile(saturated.ackMs, 99),
    pacedP50: percentile(paced.ackMs, 50),
    pacedP99: percentile(paced.ackMs, 99),
    replyP50: percentile(replies, 50),
    replyP99: percentile(replies, 99),
    cpuUs: (used.user + used.system) / SATURATED,
  };
}

const LABELS: Record<AppName, string> = {
  ccnet: 'ccnet: click (restore, transition, persist, post, update)',
  plain: 'plain Bolt: ack, then the same post, update',
  bare: 'bare Bolt: ack a slash command, no call',
};

function report(name: AppName, rounds: Figures[]): void {
  const m = (key: keyof Figures) => median(rounds.map((f) => f[key]));
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  const reply = name === 'bare' ? '' : ` | reply p50 ${ms(m('replyP50'))} p99 ${ms(m('replyP99'))}`;
  console.log(
    `${LABELS[name].padEnd(58)} ${m('rate').toFixed(0).padStart(5)} req/s  ack p50 ${ms(m('p50'))} p99 ${ms(m('p99'))} | at ${PACED_RATE}/s: ack p50 ${ms(m('pacedP50'))} p99 ${ms(m('pacedP99'))}${reply} | cpu ${m('cpuUs').toFixed(0)} µs/req`,
  );
}

const control = await startFake();
const load = startLoad();
try {
  console.log(
    `loopback HTTP, ${ROUNDS} rounds, apps in rotating order; throughput: ${SATURATED} requests after ${WARMUP} warm-up, ${CONCURRENCY} in flight, done = last Web API call arrived; paced: ${PACED} requests at ${PACED_RATE}/s; medians over rounds`,
  );
  const figures: Record<AppName, Figures[]> = { ccnet: [], plain: [], bare: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = ORDER.map((_, i) => ORDER[(i + round) % ORDER.length] as AppName);
    for (const name of order) {
      await control.clear();
      const app = await startApp(name, control.fake, SECRET, silent);
      figures[name].push(await measure(name, app, control, load));
    }
    const [c, p] = [figures.ccnet.at(-1), figures.plain.at(-1)];
    if (c && p) {
      console.error(
        `round ${round + 1}: ccnet ${c.rate.toFixed(0)} req/s ack p99 ${c.pacedP99.toFixed(2)} reply p99 ${c.replyP99.toFixed(2)}; plain ${p.rate.toFixed(0)} req/s ack p99 ${p.pacedP99.toFixed(2)} reply p99 ${p.replyP99.toFixed(2)}`,
      );
    }
  }
  for (const name of ORDER) report(name, figures[name]);
  if (figures.ccnet.length === 0 || figures.plain.length === 0) process.exit(0);
  const ratio = (key: keyof Figures) =>
    median(figures.ccnet.map((c, i) => c[key] / (figures.plain[i]?.[key] ?? Number.NaN))).toFixed(2);
  // What ccnet adds to the same click, in CPU: the part of a click that is ccnet's own work rather than Bolt, HTTP
  // and the WebClient (the target, throughput ≥ 0.9, allows about a tenth).
  const own = figures.ccnet.map((c, i) => c.cpuUs - (figures.plain[i]?.cpuUs ?? Number.NaN));
  console.log(
    `ccnet's own CPU per click (ccnet − plain, same round): ${median(own).toFixed(0)} µs, ${(median(figures.ccnet.map((c, i) => (own[i] ?? Number.NaN) / c.cpuUs)) * 100).toFixed(0)}% of its click`,
  );
  console.log(
    `ratio throughput ccnet/plain: ${ratio('rate')}  ratio p99 ccnet/plain: ${ratio('pacedP99')}  ratio reply-p99 ccnet/plain: ${ratio('replyP99')}`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
}
