// What each event does to a conversation, as an adapter sees it through the FlowRunner.
import { describe, expect, it } from 'vitest';
import type { TeamProfile } from '../../flows/profile.ts';
import { FlowRunner } from '../../flows/runner.ts';
import type { EntryPoint, FlowEvent, Reply } from '../../flows/types.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { MESSAGES, TEMPLATES } from '../scenarios/scenarios.ts';

const answer = (questionId: string, choiceId: string): FlowEvent => ({
  type: 'ANSWER',
  questionId,
  choiceId,
});

/** `null`: no entry point, so the first question asks for one. */
async function open(entry: EntryPoint | null = 'main', profile?: TeamProfile) {
  const store = new MemorySessionStore();
  const runner = new FlowRunner({
    templates: new MemoryTemplateBlobs(),
    store,
    ...(profile ? { profile } : {}),
  });
  const { sessionId, replies } = await runner.start({ owner: 'ann', ...(entry ? { entry } : {}) });
  const send = async (event: FlowEvent) => (await runner.send(sessionId, event)).replies;
  const version = async () => (await runner.get(sessionId))?.version;
  return { runner, sessionId, first: replies, send, version };
}

function question(replies: Reply[]) {
  const last = replies.at(-1);
  if (last?.kind !== 'question')
    throw new Error(`expected a question, got ${JSON.stringify(last)?.slice(0, 200)}`);
  return last;
}

function diagnosis(replies: Reply[]) {
  const last = replies.at(-1);
  if (last?.kind !== 'diagnosis')
    throw new Error(`expected a diagnosis, got ${JSON.stringify(last)?.slice(0, 200)}`);
  return last;
}

function kinds(replies: Reply[]): string[] {
  return replies.map((r) => (r.kind === 'notice' ? `notice:${r.code}` : r.kind));
}

describe('questions', () => {
  it('starts a fresh session with the three entry points', async () => {
    const { first } = await open(null);
    const q = question(first);
    expect(q.questionId).toBe('entry');
    expect(q.choices.map((c) => c.id)).toEqual(['main', 'symptom', 'user-access']);
    expect(q.canGoBack).toBe(false);
  });

  it('words choices plainly, with a one-line hint where the difference is not obvious', async () => {
    const { send } = await open();
    await send(answer('cyclecloudVersion', '8'));
    const peering = question(await send(answer('serverLocation', 'other-vnet')));
    expect(peering.choices.find((c) => c.id === 'one-way')?.hint).toBe(
      'The portal shows Initiated on one side',
    );
    for (const choice of peering.choices) expect(choice.hint ?? '').not.toContain('\n');
    expect(peering.canGoBack).toBe(true);
  });
});

describe('invalid answers', () => {
  it('answers an unknown choice, an old question or an unknown question with a notice and no change', async () => {
    const { send, version } = await open();
    await send(answer('cyclecloudVersion', '8'));
    const before = await version();

    const wrongChoice = await send(answer('serverLocation', 'mars'));
    expect(kinds(wrongChoice)).toEqual(['notice:INVALID_CHOICE', 'question']);
    expect(question(wrongChoice).questionId).toBe('serverLocation');

    expect(kinds(await send(answer('cyclecloudVersion', '7')))).toEqual(['notice:STALE_ANSWER', 'question']);
    expect(kinds(await send(answer('favouriteColour', 'blue')))).toEqual([
      'notice:UNKNOWN_QUESTION',
      'question',
    ]);
    expect(kinds(await send({ type: 'NOPE' } as unknown as FlowEvent))).toEqual([
      'notice:INVALID_EVENT',
      'question',
    ]);
    expect(await version()).toBe(before);
  });

  it('rejects answers once the diagnosis is shown', async () => {
    const { send } = await open('user-access');
    expect(kinds(await send(answer('proxyCandidateOs', 'linux')))).toEqual(['diagnosis']);
    expect(kinds(await send(answer('serverLocation', 'same-vnet')))).toEqual([
      'notice:STALE_ANSWER',
      'diagnosis',
    ]);
  });
});

describe('BACK, RESTART and CHANGE', () => {
  it('has nothing to undo on the first question', async () => {
    const { send } = await open();
    expect(kinds(await send({ type: 'BACK' }))).toEqual(['notice:NOTHING_TO_UNDO', 'question']);
  });

  it('goes back through the entry question to the start', async () => {
    const { send } = await open(null);
    await send(answer('entry', 'main'));
    await send(answer('cyclecloudVersion', '8'));
    expect(question(await send({ type: 'BACK' })).questionId).toBe('cyclecloudVersion');
    expect(question(await send({ type: 'BACK' })).questionId).toBe('entry');
  });

  it('undoes the last answer, not a template that came after it', async () => {
    const { send } = await open();
    await send(answer('cyclecloudVersion', '8'));
    await send(answer('serverLocation', 'on-premises'));
    await send({ type: 'TEMPLATE', fileName: 'hpcpack.txt', text: TEMPLATES.windowsProxy });
    const back = question(await send({ type: 'BACK' }));
    expect(back.questionId).toBe('serverLocation');
    await send(answer('serverLocation', 'on-premises'));
    await send(answer('privateLink', 'none'));
    await send(answer('publicIpAllowed', 'yes'));
    const d = diagnosis(await send(answer('firewall', 'nsg')));
    expect(d.sources.proxyCandidateOs).toBe('template');
  });

  it('re-asks a question even when another source knows its answer', async () => {
    const { send } = await open('symptom');
    await send({ type: 'SYMPTOM', text: MESSAGES.timeout9443 });
    const location = question(await send(answer('symptomNext', 'continue')));
    expect(location.questionId).toBe('serverLocation');
    const again = await send({ type: 'BACK' });
    expect(again.at(-1)).toMatchObject({ kind: 'symptom', questionId: 'symptomNext' });
  });

  it('cancels a change with BACK, leaving the diagnosis as it was', async () => {
    const { send } = await open();
    await send(answer('cyclecloudVersion', '8'));
    await send(answer('serverLocation', 'same-vnet'));
    const before = diagnosis(await send(answer('firewall', 'nsg')));
    const reopened = question(await send({ type: 'CHANGE', questionId: 'serverLocation' }));
    expect(reopened.hint).toContain("Now: In the cluster's VNet");
    expect(reopened.canGoBack).toBe(true);
    const after = diagnosis(await send({ type: 'BACK' }));
    expect(after.situation).toEqual(before.situation);
  });

  it('lists what a diagnosis lets people change, with where pre-filled facts came from', async () => {
    const { send } = await open('main', { defaults: { cyclecloudVersion: 8 }, channels: {} });
    await send(answer('serverLocation', 'same-vnet'));
    const d = diagnosis(await send(answer('firewall', 'nsg')));
    expect(d.changeable).toEqual([
      { id: 'cyclecloudVersion', label: 'CycleCloud version: CycleCloud 8', hint: 'From your team profile' },
      { id: 'serverLocation', label: "CycleCloud location: In the cluster's VNet" },
      { id: 'firewall', label: 'Firewall: Network security groups (NSGs)' },
    ]);
  });

  it('refuses to change a question the check does not use', async () => {
    const { send } = await open();
    await send(answer('cyclecloudVersion', '8'));
    await send(answer('serverLocation', 'same-vnet'));
    await send(answer('firewall', 'nsg'));
    expect(kinds(await send({ type: 'CHANGE', questionId: 'peering' }))).toEqual([
      'notice:CANNOT_CHANGE',
      'diagnosis',
    ]);
  });

  it('keeps answers of a branch left by a change, and uses them again on return', async () => {
    const { send } = await open();
    await send(answer('cyclecloudVersion', '8'));
    await send(answer('serverLocation', 'other-vnet'));
    await send(answer('peering', 'connected'));
    const peered = diagnosis(await send(answer('firewall', 'nsg')));
    expect(peered.situation.peering).toBe('connected');
    await send({ type: 'CHANGE', questionId: 'serverLocation' });
    const same = diagnosis(await send(answer('serverLocation', 'same-vnet')));
    expect(same.situation.peering).toBeUndefined();
    await send({ type: 'CHANGE', questionId: 'serverLocation' });
    const back = diagnosis(await send(answer('serverLocation', 'other-vnet')));
    expect(back.situation).toEqual(peered.situation);
  });

  it('restarts from the first question and forgets answers, templates and messages', async () => {
    const { send } = await open();
    await send({ type: 'SYMPTOM', text: MESSAGES.timeout9443 });
    await send({ type: 'TEMPLATE', fileName: 'slurm.txt', text: TEMPLATES.proxyOnNodearray });
    await send(answer('serverLocation', 'same-vnet'));
    const restarted = question(await send({ type: 'RESTART' }));
    expect(restarted).toMatchObject({ questionId: 'cyclecloudVersion', canGoBack: false });
  });
});

describe('templates and error messages mid-flow', () => {
  it('reports a template with its findings and keeps the open question and the answers', async () => {
    const { send, runner, sessionId } = await open();
    await send(answer('cyclecloudVersion', '7'));
    const replies = await send({ type: 'TEMPLATE', fileName: 'hpcpack.txt', text: TEMPLATES.windowsProxy });
    expect(kinds(replies)).toEqual(['template', 'question']);
    const [template] = replies;
    if (template?.kind !== 'template') throw new Error('no template reply');
    expect(template.fileName).toBe('hpcpack.txt');
    expect(template.findings.map((f) => f.rule)).toContain('CCN003');
    expect(template.learned).toEqual({ proxyCandidateOs: 'windows' });
    expect(question(replies).questionId).toBe('serverLocation');
    expect((await runner.get(sessionId))?.facts).toMatchObject({
      cyclecloudVersion: 7,
      proxyCandidateOs: 'windows',
    });
  });

  it('refuses a template too large to be one', async () => {
    const { send } = await open();
    const huge = `[cluster x]\n${'# padding\n'.repeat(120_000)}`;
    expect(kinds(await send({ type: 'TEMPLATE', fileName: 'huge.txt', text: huge }))).toEqual([
      'notice:TEMPLATE_TOO_LARGE',
      'question',
    ]);
  });

  it('replies to a known message and merges what it reveals', async () => {
    const { send } = await open();
    const replies = await send({ type: 'SYMPTOM', text: MESSAGES.timeout9443 });
    expect(kinds(replies)).toEqual(['symptom', 'question']);
    expect(replies[0]).toMatchObject({ kind: 'symptom', match: { recognised: true }, choices: [] });
    expect(question(replies).questionId).toBe('serverLocation');
  });

  it('answers an unknown message as not recognised and learns nothing', async () => {
    const { send, runner, sessionId } = await open();
    const replies = await send({ type: 'SYMPTOM', text: 'the printer is on fire' });
    expect(replies[0]).toMatchObject({ kind: 'symptom', match: { recognised: false } });
    expect(question(replies).questionId).toBe('cyclecloudVersion');
    expect((await runner.get(sessionId))?.facts).toEqual({});
  });

  it('takes a message pasted at the first question as the error-message entry', async () => {
    const { send } = await open(null);
    const replies = await send({ type: 'SYMPTOM', text: MESSAGES.timeout9443 });
    expect(kinds(replies)).toEqual(['symptom']);
    expect(replies[0]).toMatchObject({
      questionId: 'symptomNext',
      choices: [
        {
          id: 'continue',
          hint: 'Already known: Problem: nodes reaching CycleCloud, CycleCloud version: CycleCloud 8',
        },
      ],
    });
  });

  it('shows an unrecognised message in the error-message entry, with the way on', async () => {
    const { send } = await open('symptom');
    const replies = await send({ type: 'SYMPTOM', text: 'it does not work' });
    expect(replies.at(-1)).toMatchObject({
      kind: 'symptom',
      match: { recognised: false },
      questionId: 'symptomNext',
    });
  });
});

describe('diagnosis reply', () => {
  it("says which facts came from the team profile, and the channel's section wins", async () => {
    const profile: TeamProfile = {
      defaults: { cyclecloudVersion: 8, firewall: 'nsg' },
      channels: { C42: { serverLocation: 'same-vnet' } },
    };
    const runner = new FlowRunner({
      templates: new MemoryTemplateBlobs(),
      store: new MemorySessionStore(),
      profile,
    });
    const { replies } = await runner.start({ owner: 'ann', scope: 'C42', entry: 'main' });
    const d = diagnosis(replies);
    expect(d.sources).toEqual({
      cyclecloudVersion: 'profile',
      firewall: 'profile',
      serverLocation: 'profile',
    });
    expect(d.diagnosis.recommendation.option).toBe('direct');
  });

  it('uses facts given at start and says so', async () => {
    const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
    const { replies } = await runner.start({
      owner: 'ann',
      entry: 'main',
      facts: { cyclecloudVersion: 8, serverLocation: 'on-premises', privateLink: 'vpn', firewall: 'nsg' },
    });
    expect(diagnosis(replies).sources.privateLink).toBe('situation');
  });
});

describe('Back is offered only where it does something', () => {
  const settled: TeamProfile = {
    defaults: { cyclecloudVersion: 8, serverLocation: 'same-vnet', firewall: 'nsg' },
    channels: {},
  };

  it('not on an answer no question led to; on the question a Change opens; not again once Back cancelled it', async () => {
    const { first, send } = await open('main', settled);
    expect(diagnosis(first).canGoBack).toBe(false);
    const reopened = question(await send({ type: 'CHANGE', questionId: 'firewall' }));
    expect(reopened.canGoBack).toBe(true);
    const back = await send({ type: 'BACK' });
    expect(kinds(back)).toEqual(['diagnosis']);
    expect(diagnosis(back).canGoBack).toBe(false);
  });

  it('on an answer reached by answering questions, where Back asks the last one again', async () => {
    const { send } = await open();
    await send(answer('cyclecloudVersion', '8'));
    await send(answer('serverLocation', 'same-vnet'));
    const result = diagnosis(await send(answer('firewall', 'nsg')));
    expect(result.canGoBack).toBe(true);
    expect(question(await send({ type: 'BACK' }))).toMatchObject({ questionId: 'firewall', canGoBack: true });
  });
});
