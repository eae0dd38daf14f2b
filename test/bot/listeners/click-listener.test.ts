// Every button goes through clickListener: ack first, then the decoded click to its handler; what cannot be
// decoded, or comes from a channel ccnet does not serve, gets a private note and reaches no handler.
import { describe, expect, it, vi } from 'vitest';
import { clickListener } from '../../../bot/listeners/actions/click-listener.ts';
import type { Click } from '../../../bot/slack/payload.ts';
import { encodeButtonValue } from '../../../bot/slack/payload.ts';
import { ALICE, CHANNEL } from '../slack-payloads.ts';
import { actionBody, buildArguments, testServices } from '../support/build-arguments.ts';

const choice = {
  action_id: 'ccnet_choice:1',
  value: encodeButtonValue({ s: 'sess-1', v: 2, q: 'peering', c: 'none' }),
};
type Listener = ReturnType<typeof clickListener>;
const run = (listener: Listener, args: ReturnType<typeof buildArguments>['args']) =>
  listener(args as unknown as Parameters<Listener>[0]);

describe('clickListener', () => {
  it('acks before the handler runs, and hands it the decoded click', async () => {
    const order: string[] = [];
    const handled: Click[] = [];
    const listener = clickListener(testServices(), async (_services, _client, click) => {
      order.push('handler');
      handled.push(click);
    });
    const { args, ack } = buildArguments(actionBody(choice));
    ack.mockImplementation(async () => void order.push('ack'));
    await run(listener, args);
    expect(order).toEqual(['ack', 'handler']);
    expect(handled[0]).toMatchObject({
      kind: 'choice',
      userId: ALICE,
      channelId: CHANNEL,
      value: { s: 'sess-1', v: 2, q: 'peering', c: 'none' },
    });
  });

  it('a payload that does not decode gets a private hint naming the problem, and no handler', async () => {
    const services = testServices();
    const handler = vi.fn(async () => {});
    const { args, ack, calls } = buildArguments(actionBody({ ...choice, value: '{"s":' }));
    await run(clickListener(services, handler), args);
    expect(ack).toHaveBeenCalledTimes(1);
    expect(handler).not.toHaveBeenCalled();
    expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral']);
    expect(calls[0]?.args).toMatchObject({ channel: CHANNEL, user: ALICE });
    expect(String(calls[0]?.args.text)).toContain('not JSON');
    expect(services.logs.some((l) => l.includes('BAD_PAYLOAD'))).toBe(true);
  });

  it('a click from a channel ccnet does not serve is told where it does, and reaches no handler', async () => {
    const handler = vi.fn(async () => {});
    const services = testServices({
      policy: { fileHosts: [], maxUploadBytes: 1, allowedChannels: ['C0ALLOWED'] },
    });
    const { args, calls } = buildArguments(actionBody(choice));
    await run(clickListener(services, handler), args);
    expect(handler).not.toHaveBeenCalled();
    expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral']);
    expect(String(calls[0]?.args.text)).toContain('<#C0ALLOWED>');
  });

  it('a handler that throws is logged with its code, never thrown back to Bolt', async () => {
    const services = testServices();
    const listener = clickListener(services, async () => {
      throw new Error('boom');
    });
    const { args } = buildArguments(actionBody(choice));
    await expect(run(listener, args)).resolves.toBeUndefined();
    expect(services.logs.some((l) => l.includes('button click failed: INTERNAL'))).toBe(true);
  });
});
