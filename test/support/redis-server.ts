// A throwaway redis-server on a free loopback port, for the Redis store tests. Without the binary the tests are
// skipped with a printed reason (CI installs it: .ci/run). Nothing is persisted: --save "" --appendonly no.
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const REDIS_SERVER_BINARY = findOnPath('redis-server');

/** Why the Redis tests cannot run here, or null when they can. */
export const redisSkipReason: string | null =
  REDIS_SERVER_BINARY === null
    ? 'redis-server is not installed (apt-get install redis-server): the Redis store tests are skipped'
    : null;

if (redisSkipReason !== null) console.warn(`[redis] ${redisSkipReason}`);

export interface RedisServer {
  readonly port: number;
  /** redis://127.0.0.1:<port>; the port stays the same across stop and start. */
  readonly url: string;
  /** Starts the server again on the same port (after stop) and waits until it answers PING. */
  start(): Promise<void>;
  /** Stops the server and waits until the process has exited. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing answers, like a hung server. */
  pause(): void;
  resume(): void;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts a redis-server; call `stop()` in afterAll. Throws when the binary is missing (check redisSkipReason). */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = REDIS_SERVER_BINARY;
  if (binary === null) throw new Error(redisSkipReason ?? 'redis-server is not installed');
  let port = await freePort();
  // Nothing is written there (no snapshots, no append-only file), but redis-server wants a working directory.
  const dir = tmpdir();
  let child: ChildProcess | null = null;

  const start = async () => {
    if (child !== null) return;
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const spawned = spawn(binary, [...args, '--dir', dir, '--logfile', ''], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4_000);
    };
    spawned.stdout?.on('data', collect);
    spawned.stderr?.on('data', collect);
    child = spawned;
    running.add(spawned);
    spawned.once('exit', () => {
      running.delete(spawned);
      if (child === spawned) child = null;
    });
    try {
      await waitForPong(port, spawned);
    } catch (error) {
      spawned.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not start: ${String(error)}\n${output}`);
    }
  };

  const stop = async () => {
    const current = child;
    if (current === null) return;
    const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    current.kill('SIGTERM');
    await exited;
  };

  // The borrowed port may be taken again before redis-server binds it: try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      port = await freePort();
    }
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    async restart() {
      await stop();
      await start();
    },
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
  };
}

/** Redis cannot listen on port 0: borrow a free port from the OS, release it, hand it to redis-server. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port from the OS');
  return address.port;
}

async function waitForPong(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    if (await ping(port)) return;
    await sleep(25);
  }
  throw new Error('no PONG after 5 s');
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return null;
}
