// Before a replica takes traffic, walk the flows and render every reply a few hundred times in memory. A cold V8 runs
// this code several times slower; a replica that started cold under full load queued requests for seconds, past
// Slack's 3 s ack deadline (bench:load's warm-up phase). Nothing here touches Slack or the session store.

import { FlowRunner } from '../../flows/runner.ts';
import type { Turn } from '../../flows/turn.ts';
import type { EntryPoint, FlowEvent } from '../../flows/types.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { renderReply } from '../render/reply.ts';
import { decodeButtonValue, encodeButtonValue } from '../slack/payload.ts';

const TEMPLATE = `[cluster warm]
  [[node defaults]]
  SubnetId = $SubnetId
  [[node scheduler]]
  IsReturnProxy = $ReturnProxy
  ImageName = cycle.image.ubuntu22
  [[nodearray hpc]]
  ImageName = cycle.image.ubuntu22
[parameters Networking]
  [[parameters Network]]
    [[[parameter ReturnProxy]]]
    DefaultValue = false
    [[[parameter SubnetId]]]
    DefaultValue = rg/vnet/subnet
`;
const SYMPTOM = 'Timed out connecting to CycleCloud at https://10.0.0.4:9443';
const ENTRIES: readonly EntryPoint[] = ['main', 'symptom', 'user-access'];
/** Questions answered per conversation at most: every flow ends in a diagnosis well before. */
const MAX_STEPS = 20;

function render(turn: Turn): void {
  for (const reply of turn.replies) renderReply(reply, turn.version);
}

/** Answers each question with its `pick`-th choice (wrapping) until a diagnosis, rendering every reply. */
async function converse(runner: FlowRunner, entry: EntryPoint, pick: number): Promise<void> {
  let turn = await runner.start({ owner: 'warm-up', entry });
  const { sessionId } = turn;
  render(turn);
  const extra: FlowEvent[] = [
    { type: 'TEMPLATE', fileName: 'warm.txt', text: TEMPLATE },
    { type: 'SYMPTOM', text: SYMPTOM },
  ];
  for (const event of extra) {
    turn = await runner.send(sessionId, event);
    render(turn);
  }
  for (let step = 0; step < MAX_STEPS; step++) {
    const question = turn.replies.findLast((r) => r.kind === 'question');
    if (question?.kind !== 'question' || question.choices.length === 0) break;
    const choice = question.choices[pick % question.choices.length];
    if (choice === undefined) break;
    decodeButtonValue(
      encodeButtonValue({ s: sessionId, v: turn.version, q: question.questionId, c: choice.id }),
    );
    turn = await runner.send(
      sessionId,
      { type: 'ANSWER', questionId: question.questionId, choiceId: choice.id },
      { actor: 'warm-up', expectedVersion: turn.version },
    );
    render(turn);
  }
  render(await runner.send(sessionId, { type: 'BACK' }));
}

/** Runs conversations over every entry point and choice index until `budgetMs` is spent; returns how many ran. */
export async function warmUp(
  budgetMs = 1500,
  now: () => number = performance.now.bind(performance),
): Promise<number> {
  const runner = new FlowRunner({ templates: new MemoryTemplateBlobs(), store: new MemorySessionStore() });
  const deadline = now() + budgetMs;
  let conversations = 0;
  for (let round = 0; now() < deadline; round++) {
    for (const entry of ENTRIES) {
      await converse(runner, entry, round);
      conversations += 1;
    }
  }
  return conversations;
}
