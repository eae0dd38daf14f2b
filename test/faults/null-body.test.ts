// Fault injection: request bodies that are valid JSON but not an object. Bolt 5's HTTPReceiver reads
// `body.ssl_check` of whatever the body parses to, so `payload=null` or a JSON `null` used to throw outside every
// handler and end the process (issue 9, item 3). Now: 400, logged with a code, and the bot keeps serving.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpBot, SIGNING_SECRET, startHttpBot } from '../bot/harness.ts';
import { slashCommand } from '../bot/slack-payloads.ts';
import { FakeSlackApi } from '../fakes/slack-api.ts';
import { ROOT } from '../support/cli-process.ts';
import { postSigned } from '../support/signed-requests.ts';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const NOT_OBJECTS: Array<[string, string, string]> = [
  ['payload=null', 'payload=null', FORM],
  ['payload=1', 'payload=1', FORM],
  ['payload=[]', 'payload=%5B%5D', FORM],
  ['payload=null after another key', 'token=x&payload=null', FORM],
  ['an encoded payload key', 'pay%6Coad=null', FORM],
  ['payload with a leading space', 'payload=+null', FORM],
  ['JSON null', 'null', JSON_TYPE],
  ['JSON null after whitespace', ' \n null', JSON_TYPE],
  ['JSON number', '42', JSON_TYPE],
  ['JSON string', '"ssl_check"', JSON_TYPE],
];

describe('a signed body that is not an object, in process', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await startHttpBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it.each(NOT_OBJECTS)('%s is answered 400 and logged with a code', async (_name, body, type) => {
    const res = await bot.post(body, type);
    expect(res.status).toBe(400);
    expect(bot.logs.some((l) => l.includes('[SLACK_REQUEST_NOT_OBJECT]'))).toBe(true);
  });

  it('unsigned, the same bodies are refused too, and nothing reaches a listener', async () => {
    const before = bot.slack.calls.length;
    const res = await fetch(`${bot.origin}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': JSON_TYPE },
      body: 'null',
    });
    expect(res.status).toBe(400);
    expect(bot.slack.calls.length).toBe(before);
  });

  it('the next real request is served as usual', async () => {
    const res = await bot.command(slashCommand(bot.slack, ''));
    expect(res.status).toBe(200);
    await bot.slack.until(() => bot.slack.messages.length >= 2, 'root message and first question');
  });
});

describe('a signed body that is not an object, against the real process', () => {
  let child: ChildProcessWithoutNullStreams;
  let slack: FakeSlackApi;
  let output = '';
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ccnet-faults-'));

  beforeAll(async () => {
    slack = await FakeSlackApi.start();
    child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dataDir,
        CCNET_DATA_DIR: dataDir,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PORT: '0',
        SLACK_API_URL: slack.url,
      },
    });
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
  }, 30_000);
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function port(): Promise<string> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const m = /on port (\d+)/.exec(output);
      if (m?.[1] !== undefined) return m[1];
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`bot did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('keeps serving: every such body gets 400, then /healthz and a slash command still work', async () => {
    const origin = `http://127.0.0.1:${await port()}`;
    for (const [name, body, type] of NOT_OBJECTS) {
      const res = await postSigned(origin, SIGNING_SECRET, body, type);
      expect(res.status, name).toBe(400);
    }
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    const command = new URLSearchParams(slashCommand(slack, '')).toString();
    expect((await postSigned(origin, SIGNING_SECRET, command, FORM)).status).toBe(200);
    await slack.until(() => slack.messages.length >= 2, 'root message and first question');
    expect(child.exitCode).toBeNull();
    expect(output).not.toContain('UNHANDLED_REJECTION');
  }, 30_000);
});
