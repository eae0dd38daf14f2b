// End to end through Socket Mode: apps.connections.open on the fake Web API points at the local WebSocket server,
// which greets, delivers envelopes, collects acks and asks for a reconnect midway through a check.
import type { App } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../bot/app.ts';
import { startHealthServer } from '../../bot/runtime/health.ts';
import { createLogger } from '../../bot/runtime/logger.ts';
import { socketReceiver } from '../../bot/runtime/receivers.ts';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import { FlowRunner } from '../../flows/runner.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { MemoryThreadIndex } from '../../stores/memory/thread-index.ts';
import { type FakeMessage, FakeSlackApi } from '../fakes/slack-api.ts';
import { FakeSocketModeServer } from '../fakes/socket-mode-server.ts';
import { TEST_RETRY } from './harness.ts';
import { blockActions, buttonsOf, eventCallback, messageEvent, slashCommand } from './slack-payloads.ts';

let slack: FakeSlackApi;
let sm: FakeSocketModeServer;
let app: App;
let logs: string[];

beforeEach(async () => {
  slack = await FakeSlackApi.start();
  sm = await FakeSocketModeServer.start(slack.appId);
  slack.socketUrl = () => sm.issueUrl();
  logs = [];
  const logger = createLogger('debug', (line) => logs.push(line));
  app = createApp({
    runner: new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() }),
    threads: new MemoryThreadIndex(),
    // A short ping timeout is also a short reconnect delay.
    receiver: socketReceiver({
      appToken: slack.appToken,
      logger,
      slackApiUrl: slack.url,
      clientPingTimeout: 400,
    }),
    botToken: slack.botToken,
    botId: slack.botId,
    botUserId: slack.botUserId,
    logger,
    slackApiUrl: slack.url,
    clientOptions: { retryConfig: TEST_RETRY },
    policy: { fileHosts: [slack.host], maxUploadBytes: 64 * 1024 },
  });
  await app.start();
});

afterEach(async () => {
  await app.stop();
  await sm.close();
  await slack.close();
});

function choose(message: FakeMessage | undefined, choiceId: string): string {
  const button = buttonsOf(message?.blocks).find((b) => {
    const v = decodeButtonValue(b.value);
    return v.ok && v.value.c === choiceId;
  });
  if (message === undefined || button === undefined) throw new Error(`no button for ${choiceId}`);
  return sm.sendInteractive(blockActions(slack, message, button));
}

describe('Socket Mode', () => {
  it('connects with the app token through apps.connections.open and acks every envelope', async () => {
    expect(sm.connections).toBe(1);
    const open = slack.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe(slack.appToken);

    const help = sm.sendCommand(slashCommand(slack, 'help'));
    const ack = (await sm.waitForAck(help)) as { response_type?: string; blocks?: unknown[] };
    expect(ack.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack.blocks)).toContain('/ccnet explain');
  });

  it('runs a check, survives a refresh_requested disconnect, and finishes it after reconnecting', async () => {
    const start = sm.sendCommand(slashCommand(slack, ''));
    expect(await sm.waitForAck(start)).toEqual({});
    await slack.until(() => slack.messages.length >= 2, 'root and first question');
    const [root, first] = slack.messages;
    if (root === undefined) throw new Error('no root');

    const answered = choose(first, 'main');
    await sm.waitForAck(answered);
    await slack.until(() => slack.thread(root.channel, root.ts).length >= 3, 'version question');

    sm.disconnect('refresh_requested');
    await sm.waitForConnections(2);
    expect(slack.callsTo('apps.connections.open')).toHaveLength(2);

    const steps: [string, string][] = [
      ['Which CycleCloud version', '8'],
      ['Where does the CycleCloud server run', 'same-vnet'],
    ];
    for (const [question, choice] of steps) {
      const latest = slack.thread(root.channel, root.ts).at(-1);
      expect(JSON.stringify(latest?.blocks)).toContain(question);
      const before = slack.thread(root.channel, root.ts).length;
      await sm.waitForAck(choose(latest, choice));
      await slack.until(() => slack.thread(root.channel, root.ts).length > before, `after ${choice}`);
    }
    const firewall = slack.thread(root.channel, root.ts).at(-1);
    await sm.waitForAck(choose(firewall, 'nsg'));
    await slack.until(
      () => JSON.stringify(slack.thread(root.channel, root.ts).at(-1)?.blocks).includes('Recommendation:'),
      'diagnosis',
    );
  });

  it('a redelivered event (retry_attempt) produces one reply', async () => {
    sm.sendCommand(slashCommand(slack, ''));
    await slack.until(() => slack.messages.length >= 2, 'root and first question');
    const root = slack.messages[0];
    if (root === undefined) throw new Error('no root');
    const body = eventCallback(
      slack,
      messageEvent({
        threadTs: root.ts,
        text: 'Timed out connecting to CycleCloud at https://10.0.0.4:9443',
      }),
      'EvSOCKET1',
    );
    const first = sm.sendEvent(body);
    await sm.waitForAck(first);
    await slack.until(() => slack.thread(root.channel, root.ts).length >= 3, 'symptom reply');
    const again = sm.sendEvent(body, { attempt: 1, reason: 'timeout' });
    await sm.waitForAck(again);
    // A later, different error message: once its reply is in, the redelivery (sent before it) was handled too.
    const proxy = 'Connection refused while connecting to the return-proxy tunnel at https://10.1.0.5:37140';
    sm.sendEvent(eventCallback(slack, messageEvent({ threadTs: root.ts, text: proxy })));
    const has = (text: string) => (m: FakeMessage) => JSON.stringify(m.blocks).includes(text);
    await slack.until(() => slack.thread(root.channel, root.ts).some(has('37140')), 'second symptom reply');
    expect(slack.thread(root.channel, root.ts).filter(has('Recognised:* Timed out'))).toHaveLength(1);
  });
});

describe('health check in Socket Mode', () => {
  it('GET /healthz answers on its own port', async () => {
    const { server, port } = await startHealthServer(0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', mode: 'socket' });
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
