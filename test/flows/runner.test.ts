// The FlowRunner's persistence: restore -> send -> persist per event gives what an actor that never stopped gives,
// sessions expire, concurrent answers are all kept, and records stay small.

import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { flowMachine } from '../../flows/machine.ts';
import type { PutOptions, SessionDraft, SessionStore } from '../../flows/ports/session-store.ts';
import { stateReplies } from '../../flows/replies.ts';
import { FLOW_VERSION, FlowRunner, SESSION_EXPIRED_TEXT } from '../../flows/runner.ts';
import { MAX_TEMPLATE_CHARS } from '../../flows/templates.ts';
import { TEMPLATE_SHA_META } from '../../flows/turn.ts';
import type { FlowEvent } from '../../flows/types.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { MESSAGES, TEMPLATES } from '../scenarios/scenarios.ts';
import { CountingStore } from '../support/counting-store.ts';

const answer = (questionId: string, choiceId: string): FlowEvent => ({
  type: 'ANSWER',
  questionId,
  choiceId,
});

const CONVERSATION: FlowEvent[] = [
  answer('entry', 'main'),
  { type: 'SYMPTOM', text: MESSAGES.timeout9443 },
  answer('serverLocation', 'other-vnet'),
  answer('peering', 'policy'),
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
    const runner = new FlowRunner({
      templates: new MemoryTemplateBlobs(),
      store,
      newId: () => 'same-session',
    });
    const { sessionId } = await runner.start({ owner: 'ann' });
    const live = createActor(flowMachine, { input: {} }).start();
    for (const event of CONVERSATION) {
      const { replies } = await runner.send(sessionId, event);
      live.send(event);
      const current = replies
        .filter((r) => r.kind === 'question' || r.kind === 'diagnosis' || r.kind === 'symptom')
        .at(-1);
      expect(current).toEqual({ ...stateReplies(live.getSnapshot(), sessionId).at(-1), audience: 'thread' });
    }
    expect((await runner.get(sessionId))?.snapshot).toEqual(
      JSON.parse(JSON.stringify(live.getPersistedSnapshot())),
    );
    const final = (await runner.current(sessionId)).replies;
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
    const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store });
    const { sessionId } = await runner.start({
      owner: 'ann',
      meta: { channel: 'C0123ABCD', threadTs: '1700000000.000100' },
    });
    for (const event of CONVERSATION.filter((e) => e.type !== 'TEMPLATE'))
      await runner.send(sessionId, event);
    const size = JSON.stringify(await runner.get(sessionId)).length;
    expect(size).toBeLessThan(4096);
  });
});

describe('FlowRunner sessions', () => {
  it('answers an unknown, malformed or expired session with SESSION_EXPIRED', async () => {
    const time = clock();
    const runner = new FlowRunner({
      templates: new MemoryTemplateBlobs(),
      store: new MemorySessionStore({ now: time.now }),
      now: time.now,
      ttlMs: 60_000,
    });
    const expired = [{ kind: 'notice', code: 'SESSION_EXPIRED', text: SESSION_EXPIRED_TEXT }];
    expect((await runner.send('nope', { type: 'BACK' })).replies).toMatchObject(expired);
    expect((await runner.send('../../etc/passwd', { type: 'BACK' })).replies).toMatchObject(expired);
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main' });
    time.advance(59_999);
    expect((await runner.send(sessionId, answer('cyclecloudVersion', '8'))).replies[0]?.kind).toBe(
      'question',
    );
    time.advance(59_999);
    expect((await runner.current(sessionId)).replies[0]?.kind).toBe('question');
    time.advance(1);
    expect((await runner.send(sessionId, answer('serverLocation', 'same-vnet'))).replies).toMatchObject(
      expired,
    );
    expect((await runner.current(sessionId)).replies).toMatchObject(expired);
  });

  it('treats a session written by another flow definition as expired, and logs why', async () => {
    const store = new MemorySessionStore();
    const warnings: string[] = [];
    const runner = new FlowRunner({
      templates: new MemoryTemplateBlobs(),
      store,
      logger: { warn: (m) => warnings.push(m) },
    });
    const { sessionId } = await runner.start({ owner: 'ann' });
    const record = await store.get(sessionId);
    if (!record) throw new Error('not stored');
    const { version, expiresAt, ...rest } = record;
    await store.put({ ...rest, flow: 'ccnet-flow@0' }, { ttlMs: 60_000, expectedVersion: version });
    expect((await runner.send(sessionId, { type: 'BACK' })).replies[0]).toMatchObject({
      code: 'SESSION_EXPIRED',
    });
    expect(warnings[0]).toContain('unreadable snapshot');
    expect(FLOW_VERSION).not.toBe('ccnet-flow@0');
  });

  it('keeps both of two answers sent at the same time', async () => {
    const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
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
          const other = new FlowRunner({ templates: new MemoryTemplateBlobs(), store: inner });
          await other.send(draft.id, { type: 'SYMPTOM', text: MESSAGES.timeout9443 });
        }
        return inner.put(draft, options);
      },
    };
    const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main' });
    await runner.send(sessionId, answer('cyclecloudVersion', '7'));
    const { replies } = await runner.send(sessionId, answer('serverLocation', 'same-vnet'));
    expect(replies.at(-1)).toMatchObject({ kind: 'question', questionId: 'firewall' });
    const record = await runner.get(sessionId);
    expect(record?.sources).toMatchObject({
      cyclecloudVersion: 'answer',
      serverLocation: 'answer',
      link: 'symptom',
    });
  });

  it('answers a click on an outdated message with where the check is now', async () => {
    const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main' });
    await runner.send(sessionId, answer('cyclecloudVersion', '8'), { expectedVersion: 1 });
    const { replies: stale } = await runner.send(sessionId, answer('cyclecloudVersion', '7'), {
      expectedVersion: 1,
    });
    expect(stale.map((r) => r.kind)).toEqual(['notice', 'question']);
    expect(stale[0]).toMatchObject({ code: 'STALE_ANSWER' });
    expect((await runner.get(sessionId))?.facts.cyclecloudVersion).toBe(8);
  });

  it('records the outcome for recent checks, newest first, and forgets it on restart', async () => {
    const time = clock();
    const runner = new FlowRunner({
      templates: new MemoryTemplateBlobs(),
      store: new MemorySessionStore({ now: time.now }),
      now: time.now,
    });
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

  it('writes adapter meta in the same write as the event, and nothing when the event changes nothing', async () => {
    const store = new CountingStore(new MemorySessionStore());
    const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main', meta: { channel: 'C1' } });
    const written = await runner.send(sessionId, answer('cyclecloudVersion', '8'), {
      meta: { thread_ts: '17.1' },
    });
    expect(written.meta).toEqual({ channel: 'C1', thread_ts: '17.1' });
    expect(store.puts).toBe(2);
    const refused = await runner.send(sessionId, answer('cyclecloudVersion', '7'), { meta: { x: 'y' } });
    expect(refused.replies[0]).toMatchObject({ kind: 'notice', code: 'STALE_ANSWER' });
    expect(store.puts).toBe(2);
    expect((await store.get(sessionId))?.meta).toEqual({ channel: 'C1', thread_ts: '17.1' });
  });

  it('returns the version and meta of the record it wrote, even when another write lands right after', async () => {
    const inner = new MemorySessionStore();
    let after: (() => Promise<void>) | undefined;
    const store: SessionStore = {
      get: (id) => inner.get(id),
      delete: (id) => inner.delete(id),
      listByOwner: (owner) => inner.listByOwner(owner),
      async put(draft, options) {
        const result = await inner.put(draft, options);
        await after?.();
        after = undefined;
        return result;
      },
    };
    const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main' });
    after = async () => {
      await new FlowRunner({ templates: new MemoryTemplateBlobs(), store: inner }).send(
        sessionId,
        answer('serverLocation', 'same-vnet'),
      );
    };
    const turn = await runner.send(sessionId, answer('cyclecloudVersion', '8'));
    expect(turn.version).toBe(2);
    expect(turn.replies.at(-1)).toMatchObject({ kind: 'question', questionId: 'serverLocation' });
    expect((await inner.get(sessionId))?.version).toBe(3);
  });

  it('a template hash written with the upload goes with the template on Start over', async () => {
    const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main', meta: { channel: 'C1' } });
    const upload = { type: 'TEMPLATE', fileName: 'hpc.txt', text: TEMPLATES.windowsProxy } as const;
    const read = await runner.send(sessionId, upload, { meta: { [TEMPLATE_SHA_META]: 'a'.repeat(64) } });
    expect(read.meta).toEqual({ channel: 'C1', [TEMPLATE_SHA_META]: 'a'.repeat(64) });
    const again = await runner.send(sessionId, answer('cyclecloudVersion', '8'));
    expect(again.meta[TEMPLATE_SHA_META]).toBe('a'.repeat(64));
    const restarted = await runner.send(sessionId, { type: 'RESTART' }, { expectedVersion: again.version });
    expect(restarted.version).toBe(again.version + 1);
    expect(restarted.meta).toEqual({ channel: 'C1' });
  });
});

describe('FlowRunner turns', () => {
  it('a press on the open question says what was answered, by whom, and what comes next, in the thread', async () => {
    const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
    const started = await runner.start({ owner: 'ann', entry: 'main' });
    const asked = started.replies[0];
    const turn = await runner.send(started.sessionId, answer('cyclecloudVersion', '8'), {
      actor: 'U0BOB',
      expectedVersion: started.version,
    });
    if (asked?.kind !== 'question') throw new Error('no first question');
    expect(turn.answered).toEqual({
      questionId: 'cyclecloudVersion',
      text: asked.text,
      action: 'choice',
      label: asked.choices.find((c) => c.id === '8')?.label,
      by: 'U0BOB',
    });
    expect(turn.actor).toBe('U0BOB');
    expect(turn.replies.map((r) => [r.kind, r.audience, r.repeat])).toEqual([
      ['question', 'thread', undefined],
    ]);
  });

  it('a refused press is told privately, and the step it leaves the check at is a repeat', async () => {
    const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main' });
    await runner.send(sessionId, answer('cyclecloudVersion', '8'), { expectedVersion: 1 });
    const stale = await runner.send(sessionId, answer('cyclecloudVersion', '7'), { expectedVersion: 1 });
    expect(stale.answered).toBeUndefined();
    expect(stale.version).toBe(2);
    expect(stale.replies.map((r) => [r.kind, r.audience, r.repeat])).toEqual([
      ['notice', 'private', undefined],
      ['question', 'thread', true],
    ]);
    const gone = await runner.send('missing', { type: 'BACK' });
    expect(gone).toMatchObject({ version: 0, replies: [{ code: 'SESSION_EXPIRED', audience: 'private' }] });
  });

  it('a refused message (a template or an error text) is answered in the thread', async () => {
    const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main' });
    const big = { type: 'TEMPLATE', fileName: 'huge.txt', text: 'x'.repeat(MAX_TEMPLATE_CHARS + 1) } as const;
    const refused = await runner.send(sessionId, big);
    expect(refused.replies.map((r) => [r.kind, r.audience, r.repeat])).toEqual([
      ['notice', 'thread', undefined],
      ['question', 'thread', undefined],
    ]);
    expect((await runner.send('missing', big)).replies[0]).toMatchObject({ audience: 'thread' });
  });

  it('where the check is now comes as a repeat, with the version and meta buttons need', async () => {
    const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main', meta: { channel: 'C1' } });
    const open = await runner.current(sessionId);
    expect(open).toMatchObject({ sessionId, version: 1, meta: { channel: 'C1' }, actor: 'ann' });
    expect(open.replies.map((r) => [r.kind, r.repeat])).toEqual([['question', true]]);
  });
});
