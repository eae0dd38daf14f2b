// Uploaded templates live in TemplateBlobs, once each, under the sha256 of their text; a session holds only that
// key. Another process (a replica, a resumed terminal chat) diagnoses from the stored template; one that is gone is
// said to be gone. A module registry reset stands for another process: its cache of parsed templates starts empty.
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { FlowRunner } from '../../flows/runner.ts';
import type { FlowEvent } from '../../flows/types.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { TEMPLATES } from '../scenarios/fixtures.ts';
import { corpusAvailable, readCorpus } from '../support/corpus.ts';
import { CountingBlobs } from '../support/counting-store.ts';

const DAY = 24 * 60 * 60 * 1000;
const answer = (questionId: string, choiceId: string): FlowEvent => ({
  type: 'ANSWER',
  questionId,
  choiceId,
});
const upload = (text: string): FlowEvent => ({ type: 'TEMPLATE', fileName: 'slurm.txt', text });
/** After the upload: to a return-proxy diagnosis, which flags the proxy on the nodearray (CCN002). */
const TO_DIAGNOSIS = [
  answer('cyclecloudVersion', '8'),
  answer('serverLocation', 'other-vnet'),
  answer('peering', 'policy'),
  answer('hubAndSpoke', 'no'),
  answer('privateLink', 'none'),
  answer('publicIpAllowed', 'yes'),
  answer('firewall', 'nsg'),
  answer('proxyCandidateOs', 'linux'),
];

/** A FlowRunner class from a fresh module registry: nothing parsed in "this process" yet. */
async function runnerOfAnotherProcess(): Promise<typeof FlowRunner> {
  vi.resetModules();
  return (await import('../../flows/runner.ts')).FlowRunner;
}

function clock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('uploaded templates', () => {
  it('are stored once each under the sha256 of their text; sessions keep only that key', async () => {
    const store = new MemorySessionStore();
    const blobs = new CountingBlobs(new MemoryTemplateBlobs());
    const runner = new FlowRunner({ store, templates: blobs });
    const text = TEMPLATES.proxyOnNodearray;
    const key = createHash('sha256').update(text).digest('hex');
    const a = await runner.start({ owner: 'ann', entry: 'main' });
    const b = await runner.start({ owner: 'bob', entry: 'main' });
    const read = await runner.send(a.sessionId, upload(text));
    expect(read.replies[0]).toMatchObject({ kind: 'template', fileName: 'slurm.txt' });
    await runner.send(b.sessionId, upload(text));
    expect(blobs.puts).toBe(2);
    expect(await blobs.inner.get(key)).not.toBeNull();
    for (const id of [a.sessionId, b.sessionId]) {
      const stored = JSON.stringify(await store.get(id));
      expect(stored).toContain(key);
      expect(stored).not.toContain('IsReturnProxy');
    }
  });

  it.runIf(corpusAvailable)('keep a session with a 45 KB corpus template under 4 KB', async () => {
    const store = new MemorySessionStore();
    const blobs = new MemoryTemplateBlobs();
    const runner = new FlowRunner({ store, templates: blobs });
    const { sessionId } = await runner.start({ owner: 'ann', entry: 'main' });
    const text = readCorpus('Azure__cyclecloud-slurm__templates__slurm.txt');
    await runner.send(sessionId, upload(text));
    for (const event of TO_DIAGNOSIS.slice(0, 3)) await runner.send(sessionId, event);
    expect(JSON.stringify(await store.get(sessionId)).length).toBeLessThan(4096);
    const blob = await blobs.get(createHash('sha256').update(text).digest('hex'));
    expect(blob?.length).toBeLessThan(text.length / 3);
  });

  it('are read back by another process for the diagnosis, with the same findings', async () => {
    const store = new MemorySessionStore();
    const blobs = new CountingBlobs(new MemoryTemplateBlobs());
    const here = new FlowRunner({ store, templates: blobs });
    const { sessionId } = await here.start({ owner: 'ann', entry: 'main' });
    await here.send(sessionId, upload(TEMPLATES.proxyOnNodearray));
    for (const event of TO_DIAGNOSIS.slice(0, -1)) await here.send(sessionId, event);

    const There = await runnerOfAnotherProcess();
    const there = new There({ store, templates: blobs });
    const last = TO_DIAGNOSIS.at(-1) as FlowEvent;
    const turn = await there.send(sessionId, last);
    expect(blobs.gets).toBe(1);
    const diagnosis = turn.replies.find((r) => r.kind === 'diagnosis');
    expect(diagnosis?.kind === 'diagnosis' && diagnosis.diagnosis.findings.map((f) => f.rule)).toContain(
      'CCN002',
    );
    expect(turn.replies.some((r) => r.kind === 'notice')).toBe(false);
  });

  it('that are no longer stored: the diagnosis says so and leaves their findings out', async () => {
    const store = new MemorySessionStore();
    const here = new FlowRunner({ store, templates: new MemoryTemplateBlobs() });
    const { sessionId } = await here.start({ owner: 'ann', entry: 'main' });
    await here.send(sessionId, upload(TEMPLATES.proxyOnNodearray));
    for (const event of TO_DIAGNOSIS.slice(0, -1)) await here.send(sessionId, event);

    const There = await runnerOfAnotherProcess();
    const there = new There({ store, templates: new MemoryTemplateBlobs() });
    const turn = await there.send(sessionId, TO_DIAGNOSIS.at(-1) as FlowEvent);
    expect(turn.replies[0]).toMatchObject({ kind: 'notice', code: 'TEMPLATE_GONE', audience: 'thread' });
    expect(turn.replies[0]?.kind === 'notice' && turn.replies[0].text).toContain('slurm.txt');
    const diagnosis = turn.replies.find((r) => r.kind === 'diagnosis');
    expect(diagnosis?.kind === 'diagnosis' && diagnosis.diagnosis.findings.map((f) => f.rule)).not.toContain(
      'CCN002',
    );
  });

  it('outlive the sessions that use them, however long those go on', async () => {
    const time = clock();
    const store = new MemorySessionStore({ now: time.now });
    const blobs = new CountingBlobs(new MemoryTemplateBlobs({ now: time.now }));
    const ttlMs = 7 * DAY;
    const here = new FlowRunner({ store, templates: blobs, now: time.now, ttlMs });
    const { sessionId } = await here.start({ owner: 'ann', entry: 'main' });
    await here.send(sessionId, upload(TEMPLATES.proxyOnNodearray));
    // An answer every five days keeps the session alive for three weeks, well past the template's first week.
    for (const event of TO_DIAGNOSIS.slice(0, 4)) {
      time.advance(5 * DAY);
      await here.send(sessionId, event);
    }
    // Several answers within a day extend the template once.
    const touches = blobs.touches;
    for (const event of TO_DIAGNOSIS.slice(4, -1)) await here.send(sessionId, event);
    expect(blobs.touches).toBe(touches);
    time.advance(5 * DAY);
    const There = await runnerOfAnotherProcess();
    const turn = await new There({ store, templates: blobs, now: time.now, ttlMs }).send(
      sessionId,
      TO_DIAGNOSIS.at(-1) as FlowEvent,
    );
    expect(turn.replies.map((r) => r.kind)).toEqual(['diagnosis']);
  });
});
