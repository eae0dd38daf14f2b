// postTurn shows a Turn in Slack from the Turn alone: thread replies in the session's thread with buttons at the
// turn's version, private replies to the person who acted, the pressed question rewritten, repeats only when asked,
// and one audit line per new diagnosis.
import { describe, expect, it } from 'vitest';
import { postTurn } from '../../../bot/handlers/post-turn.ts';
import { decodeButtonValue } from '../../../bot/slack/payload.ts';
import { TEMPLATE_SHA_META, type Turn } from '../../../flows/turn.ts';
import type { FlowEvent } from '../../../flows/types.ts';
import { BOB, buttonsOf, CHANNEL } from '../slack-payloads.ts';
import { fakeClient, testServices } from '../support/build-arguments.ts';

const THREAD = '1700000001.000100';
const PRESSED = '1700000100.000100';
const where = { channel: CHANNEL, threadTs: THREAD };
const answer = (questionId: string, choiceId: string): FlowEvent => ({
  type: 'ANSWER',
  questionId,
  choiceId,
});
const TO_BASTION = [answer('entry', 'user-access'), answer('proxyCandidateOs', 'linux')];

async function started() {
  const services = testServices();
  const turn = await services.runner.start({
    owner: 'U0ALICE',
    meta: { channel: CHANNEL, thread_ts: THREAD },
  });
  return { services, turn };
}

const versionOn = (blocks: unknown) => {
  const v = decodeButtonValue(buttonsOf(blocks as unknown[])[0]?.value);
  return v.ok ? v.value.v : undefined;
};

describe('postTurn', () => {
  it('an answered press: the pressed question shows who chose what, the next step goes to the thread', async () => {
    const { services, turn: first } = await started();
    const turn = await services.runner.send(first.sessionId, answer('entry', 'main'), {
      actor: BOB,
      expectedVersion: first.version,
    });
    const { client, calls } = fakeClient();
    await postTurn(services, client, turn, { where, user: BOB, pressedTs: PRESSED });
    const update = calls.find((c) => c.method === 'chat.update');
    expect(update?.args).toMatchObject({ channel: CHANNEL, ts: PRESSED });
    expect(JSON.stringify(update?.args.blocks)).toContain(`<@${BOB}>`);
    expect(JSON.stringify(update?.args.blocks)).toContain('Nodes and CycleCloud');
    const posted = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted.map((c) => c.args.thread_ts)).toEqual([THREAD]);
    expect(versionOn(posted[0]?.args.blocks)).toBe(turn.version);
  });

  it('a refused press: only the person who pressed hears why; the thread gets nothing, nothing is rewritten', async () => {
    const { services, turn: first } = await started();
    await services.runner.send(first.sessionId, answer('entry', 'main'), { expectedVersion: first.version });
    const stale = await services.runner.send(first.sessionId, answer('entry', 'symptom'), {
      actor: BOB,
      expectedVersion: first.version,
    });
    const { client, calls } = fakeClient();
    await postTurn(services, client, stale, { where, user: BOB, pressedTs: PRESSED });
    expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral']);
    expect(calls[0]?.args).toMatchObject({ channel: CHANNEL, user: BOB, thread_ts: THREAD });
    expect(String(calls[0]?.args.text)).toContain('Someone answered first');
  });

  it('where the check is, when asked for: posted as it is, and a diagnosis shown again is not audited again', async () => {
    const { services, turn: first } = await started();
    let turn: Turn = first;
    for (const event of TO_BASTION) turn = await services.runner.send(first.sessionId, event, { actor: BOB });
    const { client, calls } = fakeClient();
    await postTurn(services, client, turn, { where, user: BOB });
    expect(services.audited).toHaveLength(1);
    expect(services.audited[0]).toMatchObject({
      channel: CHANNEL,
      user: BOB,
      option: 'bastion',
      session: turn.sessionId,
    });

    const open = await services.runner.current(first.sessionId);
    await postTurn(services, client, open, { where });
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    await postTurn(services, client, open, { where, repeats: 'thread' });
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    expect(services.audited).toHaveLength(1);
  });

  it('the audit line names the template hash written with the upload', async () => {
    const { services, turn: first } = await started();
    const sha = 'ab'.repeat(32);
    const template = '[cluster c]\n[[node scheduler]]\nImageName = cycle.image.ubuntu22\n';
    await services.runner.send(first.sessionId, answer('entry', 'user-access'));
    let turn = await services.runner.send(
      first.sessionId,
      { type: 'TEMPLATE', fileName: 'c.txt', text: template },
      { meta: { [TEMPLATE_SHA_META]: sha } },
    );
    if (turn.replies.at(-1)?.kind !== 'diagnosis') {
      turn = await services.runner.send(first.sessionId, answer('proxyCandidateOs', 'linux'));
    }
    expect(turn.replies.at(-1)?.kind).toBe('diagnosis');
    await postTurn(services, fakeClient().client, turn, { where });
    expect(services.audited[0]?.template_sha256).toBe(sha);
  });

  it('an expired session: the notice goes where the event happened, privately for a press', async () => {
    const services = testServices();
    const gone = await services.runner.send('no-such-session', answer('entry', 'main'), { actor: BOB });
    const { client, calls } = fakeClient();
    await postTurn(services, client, gone, { where, user: BOB, pressedTs: PRESSED });
    expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral']);
    expect(String(calls[0]?.args.text)).toContain('expired');
    const message = await services.runner.send('no-such-session', { type: 'SYMPTOM', text: 'x' });
    const thread = fakeClient();
    await postTurn(services, thread.client, message, { where });
    expect(thread.calls.map((c) => [c.method, c.args.thread_ts])).toEqual([['chat.postMessage', THREAD]]);
  });
});
