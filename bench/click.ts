// What a button click costs ccnet itself, without the network: the real App (Bolt's processEvent, ccnet's
// listener, decoding, the runner on a memory store, rendering, both Web API calls through Bolt's WebClient with ccnet's
// client options), against a plain Bolt listener that makes the same two calls with the same messages, and the
// runner's `send` alone on the same kind of click. The WebClient's fetch answers in-process, so HTTP is left out
// and the difference between the two apps is ccnet's own work, measured without bench:slack's loopback noise.
// Each round builds fresh sessions (one click each: the first answer of a new check), the three take turns in
// rotating order, and every figure printed is the median over the rounds of CPU time per click.
import type { Logger } from '@slack/bolt';
import { createApp, webClientOptions } from '../bot/app.ts';
import { renderReply } from '../bot/render/reply.ts';
import { createLogger } from '../bot/runtime/logger.ts';
import { inlineWork } from '../bot/runtime/work-queue.ts';
import { FlowRunner } from '../flows/runner.ts';
import type { FlowEvent, Reply } from '../flows/types.ts';
import { MemorySessionStore } from '../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../stores/memory/template-blobs.ts';
import { MemoryThreadIndex } from '../stores/memory/thread-index.ts';
import { blockActions, buttonsOf, CHANNEL, type Workspace } from '../test/bot/slack-payloads.ts';
import { MemoryReceiver } from '../test/bot/support/memory-receiver.ts';
import { profiled } from './profile.ts';
import { ccnetMessages, plainBoltApp } from './slack-apps.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CLICKS = Number(process.env.BENCH_CLICKS ?? 4000);
// Enough for the JIT to settle on the code both apps share (the WebClient), which the first rounds otherwise pay.
const WARMUP = 1000;
const logger = createLogger('error', () => {}) as Logger;
const workspace: Workspace = {
  teamId: 'T0BENCH',
  appId: 'A0BENCH',
  botUserId: 'U0BOT',
  botId: 'B0BOT',
  responseUrl: () => 'https://hooks.slack.com/actions/T0BENCH/1/x',
};

let stamps = 0;
const nextTs = () => `${1_700_000_000 + ++stamps}.000100`;

/** The Web API answered in-process: what Slack returns for the calls a click makes (and auth.test at start). */
const inProcessFetch: typeof fetch = async (input) => {
  const method = String(input instanceof Request ? input.url : input)
    .split('/')
    .pop();
  const body =
    method === 'auth.test'
      ? { ok: true, user_id: workspace.botUserId, bot_id: workspace.botId, team_id: workspace.teamId }
      : { ok: true, channel: CHANNEL, ts: nextTs() };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
};
const clientOptions = { fetch: inProcessFetch };
const apiUrl = 'https://slack.com/api/';

interface Click {
  /** The block_actions body Slack would send for a press on the question's first choice. */
  body: Record<string, unknown>;
  sessionId: string;
  event: FlowEvent;
  version: number;
}

function clickOn(reply: Reply | undefined, version: number, threadTs: string): Click {
  if (reply?.kind !== 'question' || reply.sessionId === null) throw new Error('bench: no first question');
  const rendered = renderReply(reply, version);
  const message = {
    channel: CHANNEL,
    ts: nextTs(),
    threadTs,
    text: rendered.text,
    blocks: rendered.blocks,
    user: workspace.botUserId,
    updates: 0,
    args: {},
  };
  const button = buttonsOf(rendered.blocks)[0];
  const choice = reply.choices[0];
  if (button === undefined || choice === undefined) throw new Error('bench: the question has no choice');
  return {
    body: blockActions(workspace, message, button),
    sessionId: reply.sessionId,
    event: { type: 'ANSWER', questionId: reply.questionId, choiceId: choice.id },
    version,
  };
}

function newRunner(): FlowRunner {
  return new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
}

/** A runner that adds up the CPU its `send` calls take (clicks run one at a time, so nothing else runs meanwhile). */
class TimedRunner extends FlowRunner {
  cpuUs = 0;
  calls = 0;

  override async send(...args: Parameters<FlowRunner['send']>) {
    const before = process.cpuUsage();
    try {
      return await super.send(...args);
    } finally {
      const used = process.cpuUsage(before);
      this.cpuUs += used.user + used.system;
      this.calls += 1;
    }
  }
}

/** CPU per runner.send inside the measured clicks of each ccnet round. */
const sendInClick: number[] = [];

/** Fresh checks, each with its first question posted in its own thread, and a click on it. */
async function openChecks(runner: FlowRunner, n: number): Promise<Click[]> {
  const clicks: Click[] = [];
  for (let i = 0; i < n; i++) {
    const root = nextTs();
    const turn = await runner.start({
      owner: 'U0ALICE',
      scope: CHANNEL,
      meta: { channel: CHANNEL, thread_ts: root },
    });
    clicks.push(clickOn(turn.replies[0], turn.version, root));
  }
  return clicks;
}

/** Runs `each` over the clicks after a warm-up (`measuring` marks its end); CPU µs per measured click. */
async function cpuPerClick(
  name: string,
  clicks: Click[],
  each: (click: Click) => Promise<unknown>,
  measuring?: () => void,
): Promise<number> {
  // Bolt reads a fresh body per request: parse each from its text, as the receiver would.
  const bodies = clicks.map((c) => JSON.stringify(c.body));
  const fresh = (i: number) => ({ ...(clicks[i] as Click), body: JSON.parse(bodies[i] ?? '{}') });
  for (let i = 0; i < WARMUP; i++) await each(fresh(i));
  const measured = clicks.length - WARMUP;
  const prepared = Array.from({ length: measured }, (_, i) => fresh(WARMUP + i));
  measuring?.();
  return profiled(
    name,
    async () => {
      const before = process.cpuUsage();
      for (const click of prepared) await each(click);
      const used = process.cpuUsage(before);
      return (used.user + used.system) / measured;
    },
    50,
  );
}

async function ccnetClick(): Promise<number> {
  const runner = new TimedRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
  const receiver = new MemoryReceiver();
  createApp({
    runner,
    threads: new MemoryThreadIndex(),
    receiver,
    botToken: 'xoxb-bench',
    botId: workspace.botId,
    botUserId: workspace.botUserId,
    logger,
    slackApiUrl: apiUrl,
    clientOptions,
    policy: { fileHosts: [], maxUploadBytes: 1024 * 1024 },
    // The click's work is done when the delivery returns, so each measured click is a whole click.
    work: inlineWork(),
  });
  const clicks = await openChecks(runner, CLICKS);
  const perClick = await cpuPerClick(
    'ccnet',
    clicks,
    async (click) => {
      const delivered = await receiver.deliver(click.body);
      if (!delivered.acked) throw new Error('bench: ccnet did not ack a click');
    },
    () => {
      runner.cpuUs = 0;
      runner.calls = 0;
    },
  );
  sendInClick.push(runner.cpuUs / runner.calls);
  return perClick;
}

async function plainClick(): Promise<number> {
  const receiver = new MemoryReceiver();
  plainBoltApp({
    ...workspace,
    token: 'xoxb-bench',
    receiver,
    logger,
    clientOptions: webClientOptions({ slackApiUrl: apiUrl, clientOptions }),
    messages: await ccnetMessages(),
  });
  const clicks = await openChecks(newRunner(), CLICKS);
  return cpuPerClick('plain', clicks, async (click) => {
    const delivered = await receiver.deliver(click.body);
    if (!delivered.acked) throw new Error('bench: the plain app did not ack a click');
  });
}

async function runnerSend(): Promise<number> {
  const runner = newRunner();
  const clicks = await openChecks(runner, CLICKS);
  return cpuPerClick('runner', clicks, (click) =>
    runner.send(click.sessionId, click.event, {
      actor: 'U0ALICE',
      expectedVersion: click.version,
      expectedMeta: { channel: CHANNEL },
    }),
  );
}

const MEASURES = { ccnet: ccnetClick, plain: plainClick, runner: runnerSend };
type Name = keyof typeof MEASURES;
const NAMES = Object.keys(MEASURES) as Name[];
const figures: Record<Name, number[]> = { ccnet: [], plain: [], runner: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const [i] of NAMES.entries()) {
    const name = NAMES[(i + round) % NAMES.length] as Name;
    figures[name].push(await MEASURES[name]());
  }
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const own = figures.ccnet.map((c, i) => c - (figures.plain[i] ?? Number.NaN));
const us = (n: number) => `${n.toFixed(0)} µs`;
console.log(
  `in-process click, Web API answered in-process, ${CLICKS - WARMUP} clicks after ${WARMUP} warm-up, ${ROUNDS} rounds in rotating order; CPU per click, medians`,
);
console.log(`ccnet: the whole click (decode, runner, render, both calls)  ${us(median(figures.ccnet))}`);
console.log(`plain Bolt listener: the same two calls                      ${us(median(figures.plain))}`);
console.log(`runner.send alone (restore, transition, persist, replies)    ${us(median(figures.runner))}`);
console.log(`runner.send inside ccnet's click (the same calls)            ${us(median(sendInClick))}`);
console.log(
  `ccnet's own work per click (ccnet − plain, same round): ${us(median(own))}, of which runner.send ${us(median(sendInClick))}`,
);
const ratio = median(figures.ccnet.map((c, i) => (figures.plain[i] ?? Number.NaN) / c));
console.log(`ratio CPU per click plain/ccnet (throughput ccnet/plain if CPU-bound): ${ratio.toFixed(2)}`);
