// Evidence in the guided check: exports and probe output settle facts (their questions are skipped, the diagnosis
// says they came from the exports), the diagnosis checks every required connection, a file that is not evidence gets
// one line, and the session survives a restart.
import { describe, expect, it } from 'vitest';
import { FlowRunner } from '../../flows/runner.ts';
import type { Reply } from '../../flows/types.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { fixture } from '../evidence/support.ts';

function runner(store = new MemorySessionStore(), templates = new MemoryTemplateBlobs()) {
  return new FlowRunner({ store, templates });
}

const evidence = (name: string) => ({
  type: 'EVIDENCE' as const,
  fileName: name.split('/').at(-1) ?? name,
  text: fixture(name),
});

function questionIds(replies: readonly Reply[]): string[] {
  return replies.flatMap((r) => (r.kind === 'question' ? [r.questionId] : []));
}

describe('evidence in the guided check', () => {
  it('uploaded exports settle where CycleCloud runs, the peering and the firewall: those questions are skipped', async () => {
    const r = runner();
    const { sessionId } = await r.start({ owner: 'ann' });
    const first = await r.send(sessionId, evidence('peered/vnet-list.json'), { actor: 'ann' });
    expect(first.replies.find((x) => x.kind === 'evidence')).toMatchObject({
      kind: 'evidence',
      fileName: 'vnet-list.json',
      kinds: ['vnet'],
    });
    await r.send(sessionId, evidence('peered/nsg-list.json'), { actor: 'ann' });
    const third = await r.send(sessionId, evidence('peered/nic-list.json'), { actor: 'ann' });
    const read = third.replies.find((x) => x.kind === 'evidence');
    expect(read?.kind === 'evidence' ? read.learned : {}).toMatchObject({
      serverLocation: 'other-vnet',
      peering: 'connected',
      firewall: 'nsg',
      blockedPorts: [9443],
    });
    let replies = third.replies;
    const asked: string[] = [];
    for (let i = 0; i < 12 && !replies.some((x) => x.kind === 'diagnosis'); i++) {
      const question = replies.find((x) => x.kind === 'question');
      if (question?.kind !== 'question') break;
      asked.push(question.questionId);
      const choice = question.choices[0];
      if (!choice) break;
      replies = (
        await r.send(
          sessionId,
          { type: 'ANSWER', questionId: question.questionId, choiceId: choice.id },
          { actor: 'ann' },
        )
      ).replies;
    }
    expect(asked).not.toContain('serverLocation');
    expect(asked).not.toContain('peering');
    expect(asked).not.toContain('firewall');
    const diagnosis = replies.find((x) => x.kind === 'diagnosis');
    if (diagnosis?.kind !== 'diagnosis') throw new Error('no diagnosis');
    expect(diagnosis.sources).toMatchObject({
      serverLocation: 'evidence',
      peering: 'evidence',
      firewall: 'evidence',
    });
    const toCc = diagnosis.diagnosis.verification?.connections.find((c) => c.connection.port === 9443);
    expect(toCc).toMatchObject({ verdict: 'deny' });
    expect(toCc?.check?.fix).toMatch(/--nsg-name cyclecloud-nsg .*--priority 4095/);
    expect(diagnosis.diagnosis.assumptions.join(' ')).toMatch(
      /taken to be in subnet hpc-vnet\/compute, the only other subnet/,
    );
  });

  it('a file that is not evidence gets one line naming what was expected, and changes nothing', async () => {
    const r = runner();
    const { sessionId } = await r.start({ owner: 'ann' });
    const turn = await r.send(
      sessionId,
      {
        type: 'EVIDENCE',
        fileName: 'vm.json',
        text: '{"type": "Microsoft.Compute/virtualMachines", "name": "vm1"}',
      },
      { actor: 'ann' },
    );
    const notice = turn.replies.find((x) => x.kind === 'notice');
    expect(notice).toMatchObject({ code: 'EVIDENCE_UNREADABLE' });
    expect(notice?.kind === 'notice' ? notice.text : '').toMatch(
      /^vm\.json: not an evidence export ccnet reads \(found type Microsoft\.Compute\/virtualMachines; expected/,
    );
    expect(questionIds(turn.replies)).toEqual(['entry']);
  });

  it('probe output pasted into the check is read link by link and its ports count', async () => {
    const r = runner();
    const { sessionId } = await r.start({ owner: 'ann' });
    const probe = [
      '=== ccnet-probe v1 ===',
      'node=hpc-1',
      'cyclecloud.url=https://10.0.1.4:9443',
      'cyclecloud.resolve=ok 10.0.1.4',
      'cyclecloud.https=failed curl=7 http=000',
      '=== end ccnet-probe v1 ===',
    ].join('\n');
    const turn = await r.send(
      sessionId,
      { type: 'EVIDENCE', fileName: 'pasted text', text: probe },
      { actor: 'ann' },
    );
    const read = turn.replies.find((x) => x.kind === 'evidence');
    if (read?.kind !== 'evidence') throw new Error('no evidence reply');
    expect(read.probe?.links.find((l) => l.id === 'cyclecloud-https')?.meaning).toMatch(
      /refused or there is no route/,
    );
    expect(read.learned).toMatchObject({ blockedPorts: [9443] });
  });

  it('the evidence survives a restart of the process (it lives in the session)', async () => {
    const store = new MemorySessionStore();
    const templates = new MemoryTemplateBlobs();
    const first = runner(store, templates);
    const { sessionId } = await first.start({ owner: 'ann' });
    await first.send(sessionId, evidence('peered/vnet-list.json'), { actor: 'ann' });
    await first.send(sessionId, evidence('peered/nic-list.json'), { actor: 'ann' });
    const again = await runner(store, templates).current(sessionId);
    expect(questionIds(again.replies)).not.toContain('serverLocation');
  });
});
