// Fault injection: SIGTERM while a click is being handled. The bot stops taking work, finishes the click (its
// Web API calls reach Slack), then exits 0 within its bound (issue 9, item 2).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import { SIGNING_SECRET } from '../bot/harness.ts';
import { blockActions, buttonsOf, slashCommand } from '../bot/slack-payloads.ts';
import { FakeSlackApi } from '../fakes/slack-api.ts';
import { ROOT } from '../support/cli-process.ts';
import { postSigned } from '../support/signed-requests.ts';

const FORM = 'application/x-www-form-urlencoded';
const dataDir = mkdtempSync(path.join(tmpdir(), 'ccnet-shutdown-'));
let child: ChildProcessWithoutNullStreams | undefined;
let slack: FakeSlackApi | undefined;
afterAll(async () => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  await slack?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(check: () => T | undefined | false, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SIGTERM', () => {
  it('finishes the click in flight, refuses new requests, and exits 0', async () => {
    const fake = await FakeSlackApi.start();
    slack = fake;
    let output = '';
    const bot = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dataDir,
        CCNET_DATA_DIR: dataDir,
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PORT: '0',
        SLACK_API_URL: fake.url,
      },
    });
    child = bot;
    bot.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    bot.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
    const port = (await until(() => /on port (\d+)/.exec(output)?.[1], 'the bot to start')) as string;
    const origin = `http://127.0.0.1:${port}`;

    const command = new URLSearchParams(slashCommand(fake, '')).toString();
    expect((await postSigned(origin, SIGNING_SECRET, command, FORM)).status).toBe(200);
    const question = await until(() => fake.messages[1], 'the first question');
    const button = buttonsOf(question.blocks).find((b) => {
      const v = decodeButtonValue(b.value);
      return v.ok && v.value.c === 'main';
    });
    if (button === undefined) throw new Error('no button');

    // Slack is slow to take the next question: the click is still running when SIGTERM arrives.
    fake.slowNext('chat.postMessage', 1500);
    const click = new URLSearchParams({
      payload: JSON.stringify(blockActions(fake, question, button)),
    }).toString();
    expect((await postSigned(origin, SIGNING_SECRET, click, FORM)).status).toBe(200);
    await until(() => fake.callsTo('chat.postMessage').length >= 3, 'the click to reach Slack');
    bot.kill('SIGTERM');

    expect(await exited).toBe(0);
    // The click finished: the next question was posted and the answered one rewritten.
    expect(fake.messages.some((m) => m.text.includes('Which CycleCloud version'))).toBe(true);
    expect(fake.message(question.channel, question.ts)?.updates).toBe(1);
    await expect(fetch(`${origin}/healthz`)).rejects.toThrow();
    expect(output).toContain('taking no new work');
  }, 40_000);
});
