// Small factories for listener and handler unit tests (bolt-ts-starter-template's `buildArguments`): the arguments
// Bolt passes a listener, a WebClient that records its calls and answers in memory, and the Services the listeners
// get, all with test defaults a test overrides where it matters.
import type { webApi } from '@slack/bolt';
import { vi } from 'vitest';
import type { DiagnosisFields } from '../../../bot/runtime/audit.ts';
import { createLogger } from '../../../bot/runtime/logger.ts';
import type { Services } from '../../../bot/runtime/services.ts';
import { inlineWork } from '../../../bot/runtime/work-queue.ts';
import { FlowRunner } from '../../../flows/runner.ts';
import { MemoryDeliveryDedupe } from '../../../stores/memory/dedupe.ts';
import { MemorySessionStore } from '../../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../../stores/memory/template-blobs.ts';
import { MemoryThreadIndex } from '../../../stores/memory/thread-index.ts';
import { ALICE, CHANNEL } from '../slack-payloads.ts';

export interface RecordedWebCall {
  method: string;
  args: Record<string, unknown>;
}

/** A WebClient stand-in: each call is recorded, posts get a fresh ts, everything answers ok. */
export function fakeClient(): { client: webApi.WebClient; calls: RecordedWebCall[] } {
  const calls: RecordedWebCall[] = [];
  let ts = 1_700_000_000;
  const call =
    (method: string) =>
    async (args: Record<string, unknown> = {}) => {
      calls.push({ method, args });
      return { ok: true, ts: `${++ts}.000100`, channel: args.channel };
    };
  const client = {
    chat: {
      postMessage: call('chat.postMessage'),
      update: call('chat.update'),
      postEphemeral: call('chat.postEphemeral'),
    },
    views: { publish: call('views.publish') },
    files: { info: call('files.info') },
    filesUploadV2: call('filesUploadV2'),
  };
  return { client: client as unknown as webApi.WebClient, calls };
}

export interface TestServices extends Services {
  logs: string[];
  audited: DiagnosisFields[];
}

export function testServices(overrides: Partial<Services> = {}): TestServices {
  const logs: string[] = [];
  const audited: DiagnosisFields[] = [];
  const services: Services = {
    runner: new FlowRunner({ store: new MemorySessionStore(), templates: new MemoryTemplateBlobs() }),
    threads: new MemoryThreadIndex(),
    seen: new MemoryDeliveryDedupe(),
    seenHere: new MemoryDeliveryDedupe(),
    audit: { diagnosis: (fields) => audited.push(fields), close: async () => {} },
    teamId: 'T0FAKE',
    logger: createLogger('debug', (line) => logs.push(line)),
    botUserId: 'U0CCNETBOT',
    botToken: 'xoxb-test',
    policy: { fileHosts: ['files.slack.com'], maxUploadBytes: 64 * 1024 },
    work: inlineWork(),
    ...overrides,
  };
  return { ...services, logs, audited };
}

/** What Bolt hands a listener, with a recording ack, respond and client; `body` is the request as Slack sends it. */
export function buildArguments(body: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const { client, calls } = fakeClient();
  const ack = vi.fn(async (_response?: unknown) => {});
  const respond = vi.fn(async (_message: unknown) => {});
  const args = {
    body,
    payload: body,
    ack,
    respond,
    client,
    logger: createLogger('error', () => {}),
    context: { botUserId: 'U0CCNETBOT', botId: 'B0CCNETBOT' },
    next: async () => {},
    ...extra,
  };
  return { args, ack, respond, calls };
}

/** A block_actions body for one button, as Slack sends it for a message in a thread. */
export function actionBody(button: { action_id: string; value?: string }, user = ALICE) {
  return {
    type: 'block_actions',
    user: { id: user },
    channel: { id: CHANNEL },
    container: { type: 'message', channel_id: CHANNEL, message_ts: '1700000100.000100' },
    message: { ts: '1700000100.000100', thread_ts: '1700000001.000100' },
    actions: [{ type: 'button', block_id: 'b', ...button }],
  };
}
