// Behind a corporate proxy (HTTPS_PROXY / HTTP_PROXY / NO_PROXY): every outbound call of the Slack app — Web API,
// file download, upload, Socket Mode's WebSocket — goes through a loopback CONNECT proxy that logs what passed;
// NO_PROXY hosts bypass it; the bot token crosses it only inside tunnels to allowed hosts, never in a header the
// proxy reads itself.
import type { App } from '@slack/bolt';
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, webClientOptions } from '../../bot/app.ts';
import { createLogger } from '../../bot/runtime/logger.ts';
import { socketReceiver } from '../../bot/runtime/receivers.ts';
import { whoAmI } from '../../bot/slack/identity.ts';
import { type Outbound, outbound } from '../../bot/slack/outbound.ts';
import { uploadFiles } from '../../bot/slack/post.ts';
import { loadEnv } from '../../config/env.ts';
import { FlowRunner } from '../../flows/runner.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { MemoryThreadIndex } from '../../stores/memory/thread-index.ts';
import { type HttpBot, startHttpBot, TEST_RETRY } from '../bot/harness.ts';
import { eventCallback, messageEvent, messageShortcut, slashCommand } from '../bot/slack-payloads.ts';
import { type FakeMessage, FakeSlackApi } from '../fakes/slack-api.ts';
import { FakeSocketModeServer } from '../fakes/socket-mode-server.ts';
import { ConnectProxy } from '../support/connect-proxy.ts';

const TEMPLATE =
  '[cluster slurm]\n[[node scheduler]]\nImageName = cycle.image.ubuntu22\n[[nodearray hpc]]\nIsReturnProxy = true\n';
const texts = (m: FakeMessage | undefined) => JSON.stringify(m?.blocks ?? []) + (m?.text ?? '');

let proxy: ConnectProxy;
let slack: FakeSlackApi;
let via: Outbound | undefined;
const opened: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  proxy = await ConnectProxy.start();
  slack = await FakeSlackApi.start();
});
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
  await via?.close();
  via = undefined;
  await slack.close();
  await proxy.close();
});

/** The proxy settings as the bot reads them, from variables a deployment would set. */
function proxyFrom(vars: Record<string, string>): Outbound {
  const env = loadEnv({ SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, ...vars });
  const made = outbound(env.proxy);
  via = made;
  return made;
}

/** Nothing the proxy read itself (CONNECT lines, forwarded requests) carries the token or any authorization. */
function expectNoTokenInProxyHeaders(): void {
  expect(proxy.log.filter((e) => e.kind === 'forward')).toEqual([]);
  for (const entry of proxy.log) {
    expect(JSON.stringify(entry.headers)).not.toContain(slack.botToken);
    expect(entry.headers.authorization).toBeUndefined();
  }
}

async function startCheck(bot: HttpBot): Promise<FakeMessage> {
  expect((await bot.command(slashCommand(slack, ''))).status).toBe(200);
  await slack.until(() => slack.messages.length >= 2, 'root message and first question');
  const root = slack.messages[0];
  if (root === undefined) throw new Error('no root');
  return root;
}

describe('HTTPS_PROXY for the Web API and file downloads', () => {
  it('auth.test at start, the replies of a check and the template download all go through the proxy', async () => {
    const outboundViaProxy = proxyFrom({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
    const me = await whoAmI(
      slack.botToken,
      webClientOptions({ slackApiUrl: slack.url, outbound: outboundViaProxy }),
    );
    expect(me.botUserId).toBe(slack.botUserId);

    const bot = await startHttpBot({ slack, outbound: outboundViaProxy });
    opened.push(() => bot.stop());
    const root = await startCheck(bot);
    const file = slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    await bot.event(
      eventCallback(slack, messageEvent({ threadTs: root.ts, files: [slack.fileEventObject(file)] })),
    );
    await slack.until(() => slack.thread(root.channel, root.ts).length >= 4, 'template findings');
    expect(texts(slack.thread(root.channel, root.ts)[2])).toContain('CCN002');

    // Every call the fake served came through a tunnel; the token crossed the proxy only inside them.
    expect(proxy.tunnelsTo(slack.host).length).toBeGreaterThan(0);
    expect(proxy.log.every((e) => e.kind === 'connect' && e.target === slack.host)).toBe(true);
    expect(proxy.carried('POST /api/chat.postMessage', slack.host)).toBe(true);
    expect(proxy.carried('POST /api/auth.test', slack.host)).toBe(true);
    expect(proxy.carried(`GET /files-pri/${slack.teamId}-${file.id}`, slack.host)).toBe(true);
    expect(proxy.carried(slack.botToken, slack.host)).toBe(true);
    expectNoTokenInProxyHeaders();
  });

  it('the message shortcut downloads an attached log through the proxy too', async () => {
    const bot = await startHttpBot({
      slack,
      outbound: proxyFrom({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }),
    });
    opened.push(() => bot.stop());
    const file = slack.addFile({
      name: 'jetpack.log',
      content: 'Phase timeout expired while awaiting system boot-up\n',
    });
    const ts = '1800000000.000950';
    await bot.interact(
      messageShortcut(slack, { ts, text: 'any idea?', files: [slack.fileEventObject(file)] }),
    );
    const reply = await slack.until(() => slack.messages.find((m) => m.threadTs === ts), 'the reply');
    expect(texts(reply)).toContain('Phase timeout expired while awaiting system boot-up');
    expect(proxy.carried(`GET /files-pri/${slack.teamId}-${file.id}`, slack.host)).toBe(true);
    expectNoTokenInProxyHeaders();
  });

  it('a file on a host not in CCNET_FILE_HOSTS is refused before anything reaches the proxy', async () => {
    const bot = await startHttpBot({
      slack,
      outbound: proxyFrom({ https_proxy: proxy.url, http_proxy: proxy.url }),
    });
    opened.push(() => bot.stop());
    const root = await startCheck(bot);
    const port = slack.host.split(':')[1];
    const file = slack.addFile({ name: 'slurm.txt', content: TEMPLATE, host: `localhost:${port}` });
    await bot.event(
      eventCallback(slack, messageEvent({ threadTs: root.ts, files: [slack.fileEventObject(file)] })),
    );
    await slack.until(() => slack.thread(root.channel, root.ts).length >= 3, 'the refusal');
    expect(texts(slack.thread(root.channel, root.ts).at(-1))).toContain('I only download files from');
    expect(proxy.log.filter((e) => e.target.startsWith('localhost'))).toEqual([]);
    expect(slack.requests.filter((r) => r.path.includes(file.id))).toEqual([]);
    expectNoTokenInProxyHeaders();
  });

  it('files.uploadV2 (snippets as a file) goes through the proxy: API calls and the upload URL', async () => {
    const client = new webApi.WebClient(
      slack.botToken,
      webClientOptions({
        slackApiUrl: slack.url,
        outbound: proxyFrom({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }),
      }),
    );
    await uploadFiles(client, { channel: 'C0OPS', threadTs: '1700000000.000100' }, [
      {
        filename: 'nsg.sh',
        title: 'NSG rules',
        content: 'az network nsg rule create …\n',
        snippetType: 'shell',
      },
    ]);
    expect(slack.uploads).toHaveLength(1);
    expect(slack.uploads[0]?.content.toString('utf8')).toBe('az network nsg rule create …\n');
    expect(proxy.carried('POST /api/files.getUploadURLExternal', slack.host)).toBe(true);
    expect(proxy.carried(`POST /upload/v1/${slack.uploads[0]?.id}`, slack.host)).toBe(true);
    expect(proxy.carried('POST /api/files.completeUploadExternal', slack.host)).toBe(true);
    expectNoTokenInProxyHeaders();
  });

  it('NO_PROXY hosts are reached directly: the proxy sees nothing', async () => {
    const bot = await startHttpBot({
      slack,
      outbound: proxyFrom({
        HTTPS_PROXY: proxy.url,
        HTTP_PROXY: proxy.url,
        NO_PROXY: `example.com, ${slack.host}`,
      }),
    });
    opened.push(() => bot.stop());
    const root = await startCheck(bot);
    const file = slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    await bot.event(
      eventCallback(slack, messageEvent({ threadTs: root.ts, files: [slack.fileEventObject(file)] })),
    );
    await slack.until(() => slack.thread(root.channel, root.ts).length >= 4, 'template findings');
    expect(proxy.log).toEqual([]);
  });
});

describe('HTTPS_PROXY for Socket Mode', () => {
  it('apps.connections.open and the WebSocket go through the proxy; envelopes are acked', async () => {
    const sm = await FakeSocketModeServer.start(slack.appId);
    opened.push(() => sm.close());
    slack.socketUrl = () => sm.issueUrl();
    const viaProxy = proxyFrom({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
    const logger = createLogger('error', () => {});
    const app: App = createApp({
      runner: new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() }),
      threads: new MemoryThreadIndex(),
      receiver: socketReceiver({
        appToken: slack.appToken,
        logger,
        slackApiUrl: slack.url,
        ...(viaProxy.dispatcher !== undefined ? { dispatcher: viaProxy.dispatcher } : {}),
      }),
      botToken: slack.botToken,
      botId: slack.botId,
      botUserId: slack.botUserId,
      logger,
      slackApiUrl: slack.url,
      clientOptions: { retryConfig: TEST_RETRY },
      outbound: viaProxy,
      policy: { fileHosts: [slack.host], maxUploadBytes: 64 * 1024 },
    });
    await app.start();
    opened.push(() => app.stop());
    await sm.waitForConnections(1);
    const started = sm.sendCommand(slashCommand(slack, ''));
    expect(await sm.waitForAck(started)).toEqual({});
    await slack.until(() => slack.messages.length >= 2, 'root message and first question');

    const socketHost = new URL(sm.issueUrl()).host;
    expect(proxy.tunnelsTo(socketHost)).toHaveLength(1);
    expect(proxy.carried('GET /link/?ticket=', socketHost)).toBe(true);
    expect(proxy.carried('POST /api/apps.connections.open', slack.host)).toBe(true);
    expect(proxy.carried(slack.appToken, slack.host)).toBe(true);
    expect(proxy.carried(slack.appToken, socketHost)).toBe(false);
    expect(proxy.carried('POST /api/chat.postMessage', slack.host)).toBe(true);
    for (const entry of proxy.log) expect(JSON.stringify(entry.headers)).not.toContain(slack.appToken);
    expectNoTokenInProxyHeaders();
  });
});

describe('the proxy variables', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' };

  it('are read in either case, the lower-case one winning, host:port meaning http://', () => {
    expect(loadEnv(base).proxy).toBeUndefined();
    expect(
      loadEnv({ ...base, HTTPS_PROXY: 'http://upper:3128', https_proxy: 'lower:8080', NO_PROXY: '.corp' })
        .proxy,
    ).toEqual({ httpsProxy: 'http://lower:8080', noProxy: '.corp' });
    expect(loadEnv({ ...base, HTTP_PROXY: 'http://u:p@proxy:3128' }).proxy).toEqual({
      httpProxy: 'http://u:p@proxy:3128',
    });
  });

  it('a malformed proxy is one line naming the variable, never echoing its value', () => {
    let message = '';
    try {
      loadEnv({ ...base, https_proxy: 'socks5://user:s3cret@proxy:1080' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('https_proxy is malformed: expected an http:// proxy URL');
    expect(message).not.toContain('s3cret');
  });

  it('the ccnet command, which never calls out, does not read them', () => {
    expect(loadEnv({ HTTPS_PROXY: 'not a url' }, 'terminal').proxy).toBeUndefined();
  });
});
