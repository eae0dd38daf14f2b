// Full conversations through the FlowRunner on the file store, as the bot and the terminal run them: every answer
// restores the machine from disk, sends, persists with compare-and-set and stops. Prints the persisted session size
// and, as the last line, the throughput in answers per second.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FlowRunner } from '../flows/runner.ts';
import type { FlowEvent } from '../flows/types.ts';
import { FileSessionStore } from '../stores/file-store.ts';

const answer = (questionId: string, choiceId: string): FlowEvent => ({
  type: 'ANSWER',
  questionId,
  choiceId,
});

const CONVERSATIONS: FlowEvent[][] = [
  [answer('cyclecloudVersion', '8'), answer('serverLocation', 'same-vnet'), answer('firewall', 'nsg')],
  [
    answer('cyclecloudVersion', '8'),
    answer('serverLocation', 'other-vnet'),
    answer('peering', 'impossible'),
    answer('hubAndSpoke', 'no'),
    answer('privateLink', 'none'),
    answer('publicIpAllowed', 'yes'),
    answer('firewall', 'nsg'),
    answer('proxyCandidateOs', 'linux'),
  ],
  [
    { type: 'SYMPTOM', text: 'Timed out connecting to CycleCloud at https://10.0.0.4:9443' },
    answer('serverLocation', 'on-premises'),
    answer('privateLink', 'none'),
    answer('publicIpAllowed', 'no'),
    answer('firewall', 'azure-firewall'),
    { type: 'CHANGE', questionId: 'privateLink' },
    answer('privateLink', 'vpn'),
  ],
  [
    answer('cyclecloudVersion', '7'),
    answer('serverLocation', 'other-vnet'),
    { type: 'BACK' },
    answer('serverLocation', 'other-vnet'),
    answer('peering', 'none'),
    answer('hubAndSpoke', 'yes'),
    answer('firewall', 'unknown'),
  ],
];

const ROUNDS = Number(process.argv[2] ?? 150);
const CONCURRENCY = 4;

const dir = await mkdtemp(path.join(tmpdir(), 'ccnet-bench-flows-'));
try {
  const store = new FileSessionStore({
    dir,
    onProblem: (p) => console.error(`store problem: ${p.file}: ${p.problem}`),
  });
  const runner = new FlowRunner({ store });

  const converse = async (events: FlowEvent[]): Promise<string> => {
    const { sessionId } = await runner.start({
      owner: 'bench',
      entry: 'main',
      meta: { channel: 'C0123ABCD', threadTs: '1700000000.000100' },
    });
    for (const event of events) {
      const replies = await runner.send(sessionId, event);
      if (replies.some((r) => r.kind === 'notice'))
        throw new Error(`unexpected notice: ${JSON.stringify(replies[0])}`);
    }
    return sessionId;
  };

  // Warm-up: JIT, module caches, the evaluator.
  for (const events of CONVERSATIONS) await converse(events);

  const sizes = await Promise.all(
    CONVERSATIONS.map(
      async (events) => (await stat(path.join(dir, 'sessions', `${await converse(events)}.json`))).size,
    ),
  );
  console.log(
    `persisted session size: ${Math.min(...sizes)}-${Math.max(...sizes)} bytes (full conversation, no template)`,
  );

  const perRound = CONVERSATIONS.reduce((n, c) => n + c.length, 0);
  const sequentialStart = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const events of CONVERSATIONS) await converse(events);
  }
  const sequential = (ROUNDS * perRound) / ((performance.now() - sequentialStart) / 1000);

  const roundsEach = Math.ceil(ROUNDS / CONCURRENCY);
  const concurrentStart = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let round = 0; round < roundsEach; round++) {
        for (const events of CONVERSATIONS) await converse(events);
      }
    }),
  );
  const concurrent = (roundsEach * CONCURRENCY * perRound) / ((performance.now() - concurrentStart) / 1000);

  const files = (await readdir(path.join(dir, 'sessions'))).length;
  console.log(`${files} sessions written, ${(ROUNDS + roundsEach * CONCURRENCY) * perRound} answers timed`);
  console.log(`${CONCURRENCY} conversations at a time: ${Math.round(concurrent)} answers/s`);
  console.log(`one conversation at a time (restore -> send -> persist per answer, file store):`);
  console.log(`${Math.round(sequential)} answers/s`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
