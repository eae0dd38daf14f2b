// Fault injection at start: auth.test failing in each way it can. Only a refusal by Slack blames the token; an
// unreachable Web API or a 5xx says so in one line (issue 9, item 8).
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webClientOptions } from '../../bot/app.ts';
import { whoAmI } from '../../bot/slack/identity.ts';
import { CcnetError } from '../../knowledge/errors.ts';
import { FakeSlackApi } from '../fakes/slack-api.ts';

const QUICK = { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 20 };
let slack: FakeSlackApi;
beforeAll(async () => {
  slack = await FakeSlackApi.start();
});
afterAll(async () => {
  await slack.close();
});

async function failure(promise: Promise<unknown>): Promise<CcnetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CcnetError)) throw new Error(`expected a CcnetError, got ${String(error)}`);
  return error;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('auth.test at start', () => {
  it('a refused token names the token and Slack’s reason', async () => {
    const error = await failure(whoAmI('xoxb-9-9-revoked', { slackApiUrl: slack.url, retryConfig: QUICK }));
    expect(error.code).toBe('CONFIG');
    expect(error.hint).toBe(
      "SLACK_BOT_TOKEN was refused by Slack (invalid_auth): check the token and the app's installation.",
    );
  });

  it('an HTTP 500 from the Web API blames Slack or the URL, not the token', async () => {
    slack.httpErrorNext('auth.test', 500, 5);
    const error = await failure(whoAmI(slack.botToken, { slackApiUrl: slack.url, retryConfig: QUICK }));
    expect(error.hint).toContain(`the Slack Web API at ${slack.url} answered HTTP 500 to auth.test`);
    expect(error.hint).not.toContain('refused');
    expect(error.hint).not.toContain(slack.botToken);
  });

  it('an unreachable Web API says it cannot reach it, with the system’s reason', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const expected = `cannot reach the Slack Web API at ${url} (ECONNREFUSED): check the network, HTTPS_PROXY / NO_PROXY, or SLACK_API_URL.`;
    // Through the platform fetch (the reason sits on the error's cause) and the bot's own keep-alive fetch.
    const viaFetch = await failure(whoAmI(slack.botToken, { slackApiUrl: url, retryConfig: QUICK }));
    expect(viaFetch.hint).toBe(expected);
    const viaBot = await failure(
      whoAmI(slack.botToken, webClientOptions({ slackApiUrl: url, clientOptions: { retryConfig: QUICK } })),
    );
    expect(viaBot.hint).toBe(expected);
  });
});
