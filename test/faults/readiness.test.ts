// GET /readyz (issue 9): liveness stays /healthz; readiness says whether this replica can serve a check now, so a
// load balancer stops sending to one whose Redis is gone or whose Socket Mode connection dropped.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGNING_SECRET } from '../bot/harness.ts';
import { FakeSlackApi } from '../fakes/slack-api.ts';
import { FakeSocketModeServer } from '../fakes/socket-mode-server.ts';
import { ROOT } from '../support/cli-process.ts';
import { redisSkipReason, startRedisServer } from '../support/redis-server.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

function startBot(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ccnet-ready-'));
  let output = '';
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: dataDir, CCNET_DATA_DIR: dataDir, ...env },
  });
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  cleanups.push(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { child, output: () => output };
}

async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function readiness(
  url: string,
): Promise<{ status: number; body: { status: string; reasons?: string[] } }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as { status: string; reasons?: string[] } };
}

describe.runIf(redisSkipReason === null)('GET /readyz with Redis (HTTP mode)', () => {
  it('is 200 while Redis answers, 503 naming it while it is gone, 200 again once it is back; /healthz stays 200', async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const slack = await FakeSlackApi.start();
    cleanups.push(() => slack.close());
    const bot = startBot({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: slack.url,
      REDIS_URL: redis.url,
    });
    const port = await until(() => /on port (\d+)/.exec(bot.output())?.[1], 'the bot to start');
    const ready = `http://127.0.0.1:${port}/readyz`;
    expect(await readiness(ready)).toEqual({ status: 200, body: { status: 'ready' } });

    await redis.stop();
    const down = await until(async () => {
      const r = await readiness(ready);
      return r.status === 503 ? r : undefined;
    }, '503 while Redis is stopped');
    expect(down.body.status).toBe('not ready');
    expect(down.body.reasons?.join(' ')).toContain('Redis');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    await redis.start();
    await until(
      async () => ((await readiness(ready)).status === 200 ? true : undefined),
      '200 once Redis is back',
    );
  }, 60_000);
});
if (redisSkipReason !== null) console.log(`readiness with Redis skipped: ${redisSkipReason}`);

describe('GET /readyz in Socket Mode', () => {
  it('is 200 while the socket is connected and 503 naming it when Slack drops it', async () => {
    const slack = await FakeSlackApi.start();
    const sm = await FakeSocketModeServer.start(slack.appId);
    slack.socketUrl = () => sm.issueUrl();
    cleanups.push(() => slack.close());
    const bot = startBot({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.url,
      HEALTH_PORT: '0',
    });
    const port = await until(() => /healthz on port (\d+)/.exec(bot.output())?.[1], 'the bot to start');
    const ready = `http://127.0.0.1:${port}/readyz`;
    await until(
      async () => ((await readiness(ready)).status === 200 ? true : undefined),
      'ready once connected',
    );

    await sm.close();
    const down = await until(async () => {
      const r = await readiness(ready);
      return r.status === 503 ? r : undefined;
    }, '503 once the socket is gone');
    expect(down.body.reasons).toContain('the Socket Mode connection is down');
  }, 60_000);
});
