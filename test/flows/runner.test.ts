// The FlowRunner's persistence: restore -> send -> persist per event gives what an actor that never stopped gives,
// sessions expire, concurrent answers are all kept, and records stay small.

import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { flowMachine } from '../../flows/machine.ts';
import { stateReplies } from '../../flows/replies.ts';
import { FLOW_VERSION, FlowRunner, SESSION_EXPIRED_TEXT } from '../../flows/runner.ts';
import type { PutOptions, SessionDraft, SessionStore } from '../../flows/session-store.ts';
import type { FlowEvent } from '../../flows/types.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MESSAGES, TEMPLATES } from '../scenarios/scenarios.ts';
import { corpusAvailable, readCorpus } from '../support/corpus.ts';

const answer = (questionId: string, choiceId: string): FlowEvent => ({
  type: 'ANSWER',
  questionId,
  choiceId,
});

const CONVERSATION: FlowEvent[] = [
  answer('entry', 'main'),
  { type: 'SYMPTOM', text: MESSAGES.timeout9443 },
  answer('serverLocation', 'other-vnet'),
  answer('peering', 'impossible'),
  { type: 'TEMPLATE', fileName: 'slurm.txt', text: TEMPLATES.proxyOnNodearray },
  answer('hubAndSpoke', 'no'),
  { type: 'BACK' },
  answer('hubAndSpoke', 'no'),
  answer('privateLink', 'none'),
  answer('publicIpAllowed', 'yes'),
  answer('firewall', 'nsg'),
  { type: 'CHANGE', questionId: 'publicIpAllowed' },
  answer('publicIpAllowed', 'no'),
];

function clock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('FlowRunner persistence', () => {
  it('gives the same replies and snapshot as an actor that never stopped', async () => {
    const store = new MemorySessionStore();
    const runner = new FlowRunner({ store, newId: () => 'same-session' });
    const { sessionId } = await runner.start({ owner: 'ann' });
    const live = createActor(flowMachine, { input: {} }).start();
    for (const event of CONVERSATION) {
      const replies = await runner.send(sessionId, event);
      live.send(event);
      const current = replies
        .filter((r) => r.kind === 'question' || r.kind === 'diagnosis' || r.kind === 'symptom')
        .at(-1);
      expect(current).toEqual(stateReplies(live.getSnapshot(), sessionId).at(-1));
    }
    expect((await runner.get(sessionId))?.snapshot).toEqual(
      JSON.parse(JSON.stringify(live.getPersistedSnapshot())),
    );
    const final = await runner.current(sessionId);
    expect(final[0]).toMatchObject({ kind: 'diagnosis', diagnosis: { recommendation: { option: 'vpn' } } });
  });

  it('continues from a JSON round trip of the persisted snapshot in a second actor', () => {
    const split = 6;
    const first = createActor(flowMachine, { input: {} }).start();
    for (const event of CONVERSATION.slice(0, split)) first.send(event);
    const persisted = JSON.parse(JSON.stringify(first.getPersistedSnapshot()));
    first.stop();
    const second = createActor(flowMachine, { snapshot: persisted, input: {} }).start();
    const never = createActor(flowMachine, { input: {} }).start();
    for (const event of CONVERSATION.slice(0, split)) never.send(event);
    for (const event of CONVERSATION.slice(split)) {
      second.send(event);
      never.send(event);
    }
    expect(second.getPersistedSnapshot()).toEqual(never.getPersistedSnapshot());
  });

  it('keeps a full conversation under 4 KB', async () => {
    const store = new MemorySessionStore();
    const runner = new FlowRunner({ store });
    const { sessionId } = await runner.start({
      owner: 'ann',
      meta: { channel: 'C0123ABCD', threadTs: '1700000000.000100' },
    });
    for (const event of CONVERSATION.filter((e) => e.type !== 'TEMPLATE'))
      await runner.send(sessionId, event);
    const size = JSON.stringify(await runner.get(sessionId)).length;
    expect(size).toBeLessThan(4096);
  });

  it.runIf(corpusAvailable)('keeps an uploaded corpus template compressed', async () => {
    const runner = new FlowRunner({ store: new MemorySessionStore() });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main' });
    const text = readCorpus('Azure__cyclecloud-slurm__templates__slurm.txt');
    await runner.send(sessionId, { type: 'TEMPLATE', fileName: 'slurm.txt', text });
    const size = JSON.stringify(await runner.get(sessionId)).length;
    expect(size).toBeLessThan(text.length / 3);
  });
});

describe('FlowRunner sessions', () => {
  it('answers an unknown, malformed or expired session with SESSION_EXPIRED', async () => {
    const time = clock();
    const runner = new FlowRunner({
      store: new MemorySessionStore({ now: time.now }),
      now: time.now,
      ttlMs: 60_000,
    });
    const expired = [{ kind: 'notice', code: 'SESSION_EXPIRED', text: SESSION_EXPIRED_TEXT }];
    expect(await runner.send('nope', { type: 'BACK' })).toMatchObject(expired);
    expect(await runner.send('../../etc/passwd', { type: 'BACK' })).toMatchObject(expired);
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main' });
    time.advance(59_999);
    expect((await runner.send(sessionId, answer('cyclecloudVersion', '8')))[0]?.kind).toBe('question');
    time.advance(59_999);
    expect((await runner.current(sessionId))[0]?.kind).toBe('question');
    time.advance(1);
    expect(await runner.send(sessionId, answer('serverLocation', 'same-vnet'))).toMatchObject(expired);
    expect(await runner.current(sessionId)).toMatchObject(expired);
  });

  it('treats a session written by another flow definition as expired, and logs why', async () => {
    const store = new MemorySessionStore();
    const warnings: string[] = [];
    const runner = new FlowRunner({ store, logger: { warn: (m) => warnings.push(m) } });
    const { sessionId } = await runner.start({ owner: 'ann' });
    const record = await store.get(sessionId);
    if (!record) throw new Error('not stored');
    const { version, expiresAt, ...rest } = record;
    await store.put({ ...rest, flow: 'ccnet-flow@0' }, { ttlMs: 60_000, expectedVersion: version });
    expect((await runner.send(sessionId, { type: 'BACK' }))[0]).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(warnings[0]).toContain('unreadable snapshot');
    expect(FLOW_VERSION).not.toBe('ccnet-flow@0');
  });

  it('keeps both of two answers sent at the same time', async () => {
    const runner = new FlowRunner({ store: new MemorySessionStore() });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main' });
    await Promise.all([
      runner.send(sessionId, { type: 'SYMPTOM', text: MESSAGES.timeout9443 }, { actor: 'U1' }),
      runner.send(
        sessionId,
        { type: 'TEMPLATE', fileName: 'hpc.txt', text: TEMPLATES.windowsProxy },
        { actor: 'U2' },
      ),
    ]);
    const record = await runner.get(sessionId);
    expect(record?.facts).toEqual({
      cyclecloudVersion: 8,
      link: 'node-to-cyclecloud',
      proxyCandidateOs: 'windows',
    });
    expect(record?.version).toBe(3);
  });

  it('re-applies the event when another process wrote in between', async () => {
    const inner = new MemorySessionStore();
    let interfere = true;
    const store: SessionStore = {
      get: (id) => inner.get(id),
      delete: (id) => inner.delete(id),
      listByOwner: (owner) => inner.listByOwner(owner),
      async put(draft: SessionDraft, options: PutOptions) {
        if (interfere && options.expectedVersion > 1) {
          interfere = false;
          const other = new FlowRunner({ store: inner });
          await other.send(draft.id, { type: 'SYMPTOM', text: MESSAGES.timeout9443 });
        }
        return inner.put(draft, options);
      },
    };
    const runner = new FlowRunner({ store });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main' });
    await runner.send(sessionId, answer('cyclecloudVersion', '7'));
    const replies = await runner.send(sessionId, answer('serverLocation', 'same-vnet'));
    expect(replies.at(-1)).toMatchObject({ kind: 'question', questionId: 'firewall' });
    const record = await runner.get(sessionId);
    expect(record?.sources).toMatchObject({
      cyclecloudVersion: 'answer',
      serverLocation: 'answer',
      link: 'symptom',
    });
  });

  it('answers a click on an outdated message with where the check is now', async () => {
    const runner = new FlowRunner({ store: new MemorySessionStore() });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main' });
    await runner.send(sessionId, answer('cyclecloudVersion', '8'), { expectedVersion: 1 });
    const stale = await runner.send(sessionId, answer('cyclecloudVersion', '7'), { expectedVersion: 1 });
    expect(stale.map((r) => r.kind)).toEqual(['notice', 'question']);
    expect(stale[0]).toMatchObject({ code: 'STALE_ANSWER' });
    expect((await runner.get(sessionId))?.facts.cyclecloudVersion).toBe(8);
  });

  it('records the outcome for recent checks, newest first, and forgets it on restart', async () => {
    const time = clock();
    const runner = new FlowRunner({ store: new MemorySessionStore({ now: time.now }), now: time.now });
    const a = await runner.start({ owner: 'ann', entry: 'user-access' });
    await runner.send(a.sessionId, answer('proxyCandidateOs', 'windows'));
    time.advance(1000);
    const b = await runner.start({ owner: 'ann', entry: 'main' });
    await runner.start({ owner: 'bob', entry: 'main' });
    time.advance(1000);
    for (const [q, c] of [
      ['cyclecloudVersion', '8'],
      ['serverLocation', 'same-vnet'],
      ['firewall', 'nsg'],
    ] as const) {
      await runner.send(b.sessionId, answer(q, c), { actor: 'U7' });
    }
    const recent = await runner.recent('ann');
    expect(recent.map((r) => r.id)).toEqual([b.sessionId, a.sessionId]);
    expect(recent[0]?.outcome).toEqual({ option: 'direct', errors: 0, warnings: 0, at: time.now() });
    expect(recent[0]?.updatedBy).toBe('U7');
    expect(recent[1]?.outcome?.option).toBe('bastion');
    expect(await runner.recent('ann', 1)).toHaveLength(1);
    await runner.send(b.sessionId, { type: 'RESTART' });
    expect((await runner.get(b.sessionId))?.outcome).toBeUndefined();
  });

  it('merges adapter metadata without touching the flow', async () => {
    const runner = new FlowRunner({ store: new MemorySessionStore() });
    const { sessionId } = await runner.start({ owner: 'ann', meta: { channel: 'C1' } });
    const before = await runner.get(sessionId);
    await runner.setMeta(sessionId, { threadTs: '17.1' });
    const after = await runner.get(sessionId);
    expect(after?.meta).toEqual({ channel: 'C1', threadTs: '17.1' });
    expect(after?.snapshot).toEqual(before?.snapshot);
    await runner.setMeta('missing', { x: 'y' });
  });
});
