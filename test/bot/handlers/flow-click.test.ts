// A press on a flow button: one runner call, whose Turn decides what Slack shows; a press that lacks what it stands
// for is told so privately; the same press delivered twice is handled once.
import { describe, expect, it } from 'vitest';
import { handleFlowClick } from '../../../bot/handlers/flow-click.ts';
import type { Click } from '../../../bot/slack/payload.ts';
import { FlowRunner } from '../../../flows/runner.ts';
import { MemorySessionStore } from '../../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../../stores/memory/template-blobs.ts';
import { BOB, CHANNEL } from '../slack-payloads.ts';
import { fakeClient, testServices } from '../support/build-arguments.ts';

const THREAD = '1700000001.000100';

class CountingRunner extends FlowRunner {
  sends: Parameters<FlowRunner['send']>[] = [];
  override async send(...args: Parameters<FlowRunner['send']>) {
    this.sends.push(args);
    return super.send(...args);
  }
}

async function openCheck() {
  const runner = new CountingRunner({
    store: new MemorySessionStore(),
    templates: new MemoryTemplateBlobs(),
  });
  const services = testServices({ runner });
  const turn = await runner.start({
    owner: 'U0ALICE',
    entry: 'main',
    meta: { channel: CHANNEL, thread_ts: THREAD },
  });
  return { runner, services, turn };
}

function press(kind: Click['kind'], value: Click['value']): Click {
  return {
    kind,
    userId: BOB,
    channelId: CHANNEL,
    messageTs: '1700000100.000100',
    threadTs: THREAD,
    ephemeral: false,
    value,
    start: undefined,
  };
}

describe('handleFlowClick', () => {
  it.each([
    [
      'choice',
      { q: 'cyclecloudVersion', c: '8' },
      { type: 'ANSWER', questionId: 'cyclecloudVersion', choiceId: '8' },
    ],
    ['back', {}, { type: 'BACK' }],
    ['restart', {}, { type: 'RESTART' }],
    ['change', { q: 'firewall' }, { type: 'CHANGE', questionId: 'firewall' }],
  ] as const)(
    'a %s press is one runner call with that event, who pressed and the version shown',
    async (kind, extra, event) => {
      const { runner, services, turn } = await openCheck();
      await handleFlowClick(
        services,
        fakeClient().client,
        press(kind, { s: turn.sessionId, v: turn.version, ...extra }),
      );
      expect(runner.sends).toHaveLength(1);
      expect(runner.sends[0]?.[1]).toEqual(event);
      expect(runner.sends[0]?.[2]).toMatchObject({ actor: BOB, expectedVersion: turn.version });
    },
  );

  it('a choice button without its question and choice is told so privately, and changes nothing', async () => {
    const { runner, services, turn } = await openCheck();
    const { client, calls } = fakeClient();
    await handleFlowClick(services, client, press('choice', { s: turn.sessionId, v: turn.version }));
    expect(runner.sends).toEqual([]);
    expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral']);
    expect(String(calls[0]?.args.text)).toContain('missing what it stands for');
  });

  it('the same press delivered twice is handled once', async () => {
    const { runner, services, turn } = await openCheck();
    const same = press('choice', { s: turn.sessionId, v: turn.version, q: 'cyclecloudVersion', c: '8' });
    const { client, calls } = fakeClient();
    await handleFlowClick(services, client, same);
    const once = calls.length;
    await handleFlowClick(services, client, same);
    expect(runner.sends).toHaveLength(1);
    expect(calls).toHaveLength(once);
  });
});
