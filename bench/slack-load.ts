// The load generator of bench/slack.ts, in its own process so signing and sending requests does not share a CPU
// queue with the apps it measures. Forked with an IPC channel: `{ load: phase }` hands it the requests of one phase
// (sent to one port, either a fixed number in flight or at a fixed rate) and is answered `{ ok: true }`; `{ run: true }`
// then sends them, so the apps' process spends no time shipping bodies while it is measured. The answer is, per
// request, when it was sent (epoch ms, comparable with the fake Web API's arrival times) and how long its ack took.
import { Agent, request } from 'node:http';
import { sign } from '../test/support/signed-requests.ts';

export interface Phase {
  port: number;
  secret: string;
  bodies: string[];
  contentType: string;
  /** Requests in flight at once (closed loop); ignored when `rate` is set. */
  concurrency: number;
  /** Requests per second whatever the answers do (open loop). */
  rate?: number;
}

export interface PhaseResult {
  sentAt: number[];
  ackMs: number[];
}

const TIME_LIMIT_MS = 120_000;
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const epochNow = () => performance.timeOrigin + performance.now();

/**
 * A keep-alive socket the app's server closes as idle just when a request goes out on it resets that request before
 * the app saw it; Node's documented answer is to send it again (`req.reusedSocket`). Timed from the second send.
 */
async function send(phase: Phase, body: string): Promise<{ sentAt: number; ackMs: number }> {
  try {
    return await sendOnce(phase, body);
  } catch (error) {
    if ((error as { reusedSocket?: boolean }).reusedSocket !== true) throw error;
    return sendOnce(phase, body);
  }
}

function sendOnce(phase: Phase, body: string): Promise<{ sentAt: number; ackMs: number }> {
  const ts = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': phase.contentType,
    'content-length': Buffer.byteLength(body),
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': sign(body, ts, phase.secret),
  };
  return new Promise((resolve, reject) => {
    const sentAt = epochNow();
    const req = request(
      { host: '127.0.0.1', port: phase.port, path: '/slack/events', method: 'POST', agent, headers },
      (res) => {
        res.resume();
        res.on('error', reject);
        res.on('end', () =>
          res.statusCode === 200
            ? resolve({ sentAt, ackMs: epochNow() - sentAt })
            : reject(new Error(`HTTP ${res.statusCode} from the app`)),
        );
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no ack within 30 s')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(Object.assign(error, { reusedSocket: req.reusedSocket && error.code === 'ECONNRESET' })),
    );
    req.end(body);
  });
}

async function closedLoop(phase: Phase, result: PhaseResult): Promise<void> {
  let next = 0;
  const deadline = Date.now() + TIME_LIMIT_MS;
  const worker = async () => {
    while (next < phase.bodies.length && Date.now() < deadline) {
      const i = next++;
      const r = await send(phase, phase.bodies[i] ?? '');
      result.sentAt[i] = r.sentAt;
      result.ackMs[i] = r.ackMs;
    }
  };
  await Promise.all(Array.from({ length: phase.concurrency }, worker));
}

async function openLoop(phase: Phase, rate: number, result: PhaseResult): Promise<void> {
  const pending: Promise<void>[] = [];
  let failure: unknown;
  const start = performance.now();
  for (const [i, body] of phase.bodies.entries()) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // Settled as they go: a request failing while later ones wait their turn must not go unhandled.
    pending.push(
      send(phase, body).then(
        (r) => {
          result.sentAt[i] = r.sentAt;
          result.ackMs[i] = r.ackMs;
        },
        (error: unknown) => {
          failure ??= error;
        },
      ),
    );
  }
  await Promise.all(pending);
  if (failure !== undefined) throw failure;
}

let loaded: Phase | undefined;
process.on('message', (message: { load?: Phase; run?: true }) => {
  if (message.load !== undefined) {
    loaded = message.load;
    process.send?.({ ok: true });
    return;
  }
  const phase = loaded;
  if (phase === undefined) return void process.send?.({ ok: false, error: 'no phase loaded' });
  const result: PhaseResult = { sentAt: [], ackMs: [] };
  const run = phase.rate !== undefined ? openLoop(phase, phase.rate, result) : closedLoop(phase, result);
  run.then(
    () => process.send?.({ ok: true, result }),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
