// The composition root as a process: `npm start` with each kind of environment.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack-api.ts';
import { FakeSocketModeServer } from '../fakes/socket-mode-server.ts';
import { redisSkipReason, startRedisServer } from '../support/redis-server.ts';
import { SIGNING_SECRET, sign } from './harness.ts';
import { slashCommand } from './slack-payloads.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>, stdin?: string, entry = 'bin/start.ts'): Started {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ccnet-main-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: dataDir, CCNET_DATA_DIR: dataDir, NO_COLOR: '1', ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  if (stdin !== undefined) child.stdin.end(stdin);
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  });
  return { child, output: () => out, exited };
}

async function waitFor(started: Started, pattern: RegExp): Promise<RegExpMatchArray> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const m = started.output().match(pattern);
    if (m !== null) return m;
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`no ${pattern} in output:\n${started.output()}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('npm start (bin/start.ts)', () => {
  it('without Slack credentials opens the terminal chat', async () => {
    const started = start({}, 'q\n');
    expect(await started.exited).toBe(0);
    expect(started.output()).toContain('What do you need help with?');
  });

  it('the Slack app alone (bot/main.ts) without credentials says what is missing, exit 2', async () => {
    const started = start({}, undefined, 'bot/main.ts');
    expect(await started.exited).toBe(2);
    expect(started.output().trim()).toMatch(/^ccnet: SLACK_BOT_TOKEN is missing: .*terminal chat\.$/);
  });

  it('a malformed token is one line naming the variable, exit 2, value not echoed', async () => {
    const started = start({ SLACK_BOT_TOKEN: 'xoxp-SECRET-123', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' });
    expect(await started.exited).toBe(2);
    expect(started.output().trim()).toMatch(/^ccnet: SLACK_BOT_TOKEN is malformed: expected .*xoxb-/);
    expect(started.output()).not.toContain('SECRET');
  });

  it('a token Slack refuses stops the start with the reason', async () => {
    const slack = await FakeSlackApi.start();
    cleanups.push(() => slack.close());
    const started = start({
      SLACK_BOT_TOKEN: 'xoxb-9-9-revoked',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: slack.url,
    });
    expect(await started.exited).toBe(2);
    expect(started.output()).toContain('refused by Slack (invalid_auth)');
    expect(started.output()).not.toContain('xoxb-9-9-revoked');
  });

  it('an app token Slack refuses in Socket Mode stops the start in one line, token not echoed', async () => {
    const slack = await FakeSlackApi.start();
    cleanups.push(() => slack.close());
    const started = start({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: 'xapp-1-A0WRONG-9-revokedapptoken',
      SLACK_API_URL: slack.url,
    });
    expect(await started.exited).toBe(2);
    const lines = started.output().trim().split('\n');
    expect(lines.at(-1)).toBe(
      "ccnet: SLACK_APP_TOKEN was refused by Slack (invalid_auth): check the token and the app's installation (it needs connections:write).",
    );
    expect(started.output()).not.toMatch(/\n\s+at /);
    expect(started.output()).not.toContain('revokedapptoken');
  });

  it('a CCNET_DATA_DIR that is a file stops the start in one line instead of failing every check later', async () => {
    const slack = await FakeSlackApi.start();
    cleanups.push(() => slack.close());
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ccnet-main-file-')), 'sessions.txt');
    writeFileSync(file, 'not a folder');
    const started = start({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: slack.url,
      CCNET_DATA_DIR: file,
    });
    expect(await started.exited).toBe(2);
    expect(started.output().trim().split('\n').at(-1)).toBe(
      `ccnet: CCNET_DATA_DIR ${file}: is a file, or lies under one; point it at a folder`,
    );
  });

  it('HTTP mode: health check, a signed slash command, and a clean stop', async () => {
    const slack = await FakeSlackApi.start();
    cleanups.push(() => slack.close());
    const started = start({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: slack.url,
    });
    const port = (await waitFor(started, /HTTP mode, sessions in files\) on port (\d+)/))[1];
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const body = new URLSearchParams(slashCommand(slack, '')).toString();
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(body, ts),
      },
      body,
    });
    expect(res.status).toBe(200);
    await slack.until(() => slack.messages.length >= 2, 'root and first question');
    expect(slack.callsTo('auth.test')).toHaveLength(1);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(started.output()).not.toContain(slack.botToken);
  });

  it('Socket Mode: connects through SLACK_API_URL and serves /healthz on HEALTH_PORT', async () => {
    const slack = await FakeSlackApi.start();
    const sm = await FakeSocketModeServer.start(slack.appId);
    slack.socketUrl = () => sm.issueUrl();
    cleanups.push(
      () => slack.close(),
      () => sm.close(),
    );
    const started = start({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.url,
      HEALTH_PORT: '0',
    });
    const port = (await waitFor(started, /healthz on port (\d+)/))[1];
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({
      status: 'ok',
      mode: 'socket',
    });
    await sm.waitForAck(sm.sendCommand(slashCommand(slack, '')));
    await slack.until(() => slack.messages.length >= 2, 'root and first question');
    expect(started.output()).not.toContain(slack.appToken);
  });
});

describe.runIf(redisSkipReason === null)('npm start with REDIS_URL', () => {
  it('keeps sessions in Redis and closes the connection on stop', async () => {
    const redis = await startRedisServer();
    const slack = await FakeSlackApi.start();
    cleanups.push(
      () => redis.stop(),
      () => slack.close(),
    );
    const started = start({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: slack.url,
      REDIS_URL: redis.url,
    });
    const port = (await waitFor(started, /sessions in Redis\) on port (\d+)/))[1];
    const body = new URLSearchParams(slashCommand(slack, '')).toString();
    const ts = Math.floor(Date.now() / 1000);
    await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(body, ts),
      },
      body,
    });
    await slack.until(() => slack.messages.length >= 2, 'root and first question');
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });
});
