// `/ccnet`: what needs no Slack call is answered in the ack itself, privately; starting a check acks empty first,
// then opens the thread; a channel ccnet does not serve is told so in the ack.
import { describe, expect, it } from 'vitest';
import { ccnetCommand } from '../../../bot/listeners/commands/ccnet.ts';
import { ALICE, CHANNEL } from '../slack-payloads.ts';
import { buildArguments, testServices } from '../support/build-arguments.ts';

type Listener = ReturnType<typeof ccnetCommand>;

function command(text: string, channel = CHANNEL) {
  const body = {
    command: '/ccnet',
    text,
    channel_id: channel,
    user_id: ALICE,
    trigger_id: `t-${text}-${channel}`,
  };
  return buildArguments(body, { command: body });
}
const run = (listener: Listener, args: ReturnType<typeof command>['args']) =>
  listener(args as unknown as Parameters<Listener>[0]);

describe('/ccnet listener', () => {
  it.each([
    ['help', 'ccnet_start:0'],
    ['check', 'Upload the template file'],
    ['frobnicate now', '`frobnicate`'],
    ['explain', 'Topics'],
  ])('/ccnet %s answers in the ack, privately, and calls nothing', async (text, shown) => {
    const { args, ack, calls } = command(text);
    await run(ccnetCommand(testServices()), args);
    expect(ack).toHaveBeenCalledTimes(1);
    expect(ack.mock.calls[0]?.[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(ack.mock.calls[0]?.[0])).toContain(shown);
    expect(calls).toEqual([]);
  });

  it('/ccnet acks empty, then posts the root message and the first question in its thread', async () => {
    const services = testServices();
    const { args, ack, calls } = command('');
    await run(ccnetCommand(services), args);
    expect(ack.mock.calls).toEqual([[]]);
    const posts = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(String(posts[0]?.args.text)).toContain(`<@${ALICE}>`);
    expect(posts[1]?.args.thread_ts).toBeDefined();
    const sessionId = await services.threads.lookup(CHANNEL, String(posts[1]?.args.thread_ts));
    expect(sessionId).not.toBeNull();
  });

  it('the same request again (a replay, same trigger_id) starts nothing more', async () => {
    const services = testServices();
    const first = command('');
    await run(ccnetCommand(services), first.args);
    const again = command('');
    await run(ccnetCommand(services), again.args);
    expect(again.ack).toHaveBeenCalledTimes(1);
    expect(again.calls).toEqual([]);
  });

  it('in a channel ccnet does not serve, the ack says where it does', async () => {
    const services = testServices({
      policy: { fileHosts: [], maxUploadBytes: 1, allowedChannels: ['C0ALLOWED'] },
    });
    const { args, ack, calls } = command('');
    await run(ccnetCommand(services), args);
    expect(JSON.stringify(ack.mock.calls[0]?.[0])).toContain('<#C0ALLOWED>');
    expect(calls).toEqual([]);
  });
});
