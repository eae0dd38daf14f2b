// Messages: ccnet acts only in its own threads and in DMs to it; its own messages, other bots, mentions (left to the
// app_mention listener) and repeated deliveries are left alone.
import { describe, expect, it } from 'vitest';
import { onMessage } from '../../../bot/listeners/events/message.ts';
import { CHANNEL } from '../slack-payloads.ts';
import { buildArguments, testServices } from '../support/build-arguments.ts';

type Listener = ReturnType<typeof onMessage>;
const TIMEOUT_9443 = 'Timed out connecting to CycleCloud at https://10.0.0.4:9443';

async function deliver(
  services: ReturnType<typeof testServices>,
  event: Record<string, unknown>,
  eventId = 'Ev1',
) {
  const { args, calls } = buildArguments({ event_id: eventId, event }, { event });
  await onMessage(services)(args as unknown as Parameters<Listener>[0]);
  return calls;
}

const inThread = (threadTs: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channel: CHANNEL,
  channel_type: 'channel',
  user: 'U0ALICE',
  text: TIMEOUT_9443,
  ts: '1800000000.000100',
  thread_ts: threadTs,
  ...extra,
});

describe('message listener', () => {
  it('a known error in a ccnet thread gets the symptom reply there; a repeated delivery gets nothing', async () => {
    const services = testServices();
    const turn = await services.runner.start({
      owner: 'U0ALICE',
      meta: { channel: CHANNEL, thread_ts: '1.1' },
    });
    await services.threads.remember(CHANNEL, '1.1', turn.sessionId, 60_000);
    const calls = await deliver(services, inThread('1.1'), 'EvONCE');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1.1')).toBe(true);
    expect(JSON.stringify(calls[0]?.args.blocks)).toContain('9443');
    expect(await deliver(services, inThread('1.1'), 'EvONCE')).toEqual([]);
  });

  it.each([
    ['a thread ccnet did not start', inThread('9.9')],
    ['its own message', inThread('1.1', { user: 'U0CCNETBOT' })],
    ['another bot', inThread('1.1', { subtype: 'bot_message', bot_id: 'B0OTHER' })],
    [
      'a mention (the app_mention listener answers it)',
      inThread('1.1', { text: `<@U0CCNETBOT> ${TIMEOUT_9443}` }),
    ],
    ['a top-level channel message', { ...inThread('1.1'), thread_ts: undefined }],
  ])('ignores %s', async (_name, event) => {
    const services = testServices();
    const turn = await services.runner.start({
      owner: 'U0ALICE',
      meta: { channel: CHANNEL, thread_ts: '1.1' },
    });
    await services.threads.remember(CHANNEL, '1.1', turn.sessionId, 60_000);
    expect(await deliver(services, event)).toEqual([]);
  });
});
