// Full conversations through the FlowRunner on the file store, as the bot and the terminal run them: every answer
// restores the machine from disk, sends, persists with compare-and-set and stops, one conversation at a time.
// Prints the persisted session size without and with an uploaded template (stored once, outside the session) and,
// as the last line, the throughput in answers per second.
// The sessions go under os.tmpdir() (TMPDIR), so the disk behind it is part of what is measured.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlowRunner } from '../flows/runner.ts';
import type { FlowEvent } from '../flows/types.ts';
import { FileSessionStore } from '../stores/file/session-store.ts';
import { FileTemplateBlobs } from '../stores/file/template-blobs.ts';

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
    answer('peering', 'policy'),
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
    answer('hubAndSpoke', 'no'),
    answer('firewall', 'unknown'),
    { type: 'CHANGE', questionId: 'hubAndSpoke' },
    answer('hubAndSpoke', 'yes'),
  ],
];

const ROUNDS = Number(process.argv[2] ?? 200);
const CORPUS_TEMPLATE = fileURLToPath(
  new URL('../../shared/corpus/templates/Azure__cyclecloud-slurm__templates__slurm.txt', import.meta.url),
);

const dir = await mkdtemp(path.join(tmpdir(), 'ccnet-bench-flows-'));
try {
  const store = new FileSessionStore({
    dir,
    onProblem: (p) => console.error(`store problem: ${p.file}: ${p.problem}`),
  });
  const runner = new FlowRunner({ store, templates: new FileTemplateBlobs({ dir }) });
  /** The session file holds its records as lines, newest last: the newest is the session, the file what it takes. */
  const sizeOf = async (sessionId: string) => {
    const file = await readFile(path.join(dir, 'sessions', `${sessionId}.jsonl`));
    const lines = file.toString('utf8').trimEnd().split('\n');
    return { record: Buffer.byteLength(lines.at(-1) ?? ''), file: file.length };
  };
  const range = (values: number[]) => `${Math.min(...values)}-${Math.max(...values)}`;

  const converse = async (events: FlowEvent[]): Promise<string> => {
    const { sessionId } = await runner.start({
      owner: 'bench',
      entry: 'main',
      meta: { channel: 'C0123ABCD', threadTs: '1700000000.000100' },
    });
    for (const event of events) {
      const { replies } = await runner.send(sessionId, event);
      if (replies.some((r) => r.kind === 'notice'))
        throw new Error(`unexpected notice: ${JSON.stringify(replies[0])}`);
    }
    return sessionId;
  };

  // Warm-up (JIT, module caches, the evaluator), and the size of each finished session.
  const sizes = [];
  for (const events of CONVERSATIONS) sizes.push(await sizeOf(await converse(events)));
  console.log(
    `persisted session: ${range(sizes.map((s) => s.record))} bytes after a full conversation ` +
      `(its file, with the versions before it: ${range(sizes.map((s) => s.file))} bytes)`,
  );
  if (existsSync(CORPUS_TEMPLATE)) {
    const text = await readFile(CORPUS_TEMPLATE, 'utf8');
    const withTemplate = await converse([
      { type: 'TEMPLATE', fileName: 'slurm.txt', text },
      ...(CONVERSATIONS[0] ?? []),
    ]);
    const blobs = await readdir(path.join(dir, 'templates'));
    const blobBytes = (await readFile(path.join(dir, 'templates', blobs[0] ?? ''))).length;
    console.log(
      `persisted session with slurm.txt (${text.length} bytes) uploaded: ${(await sizeOf(withTemplate)).record} bytes ` +
        `(the template is stored once beside it: ${blobs.length} blob of ${blobBytes} bytes)`,
    );
  }

  const perRound = CONVERSATIONS.reduce((n, c) => n + c.length, 0);
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const events of CONVERSATIONS) await converse(events);
  }
  const seconds = (performance.now() - started) / 1000;
  const answers = ROUNDS * perRound;
  console.log(`data dir ${dir}: ${(await readdir(path.join(dir, 'sessions'))).length} session files`);
  console.log(
    `${answers} answers in ${ROUNDS * CONVERSATIONS.length} conversations: ${seconds.toFixed(2)} s`,
  );
  console.log(`${Math.round(answers / seconds)} answers/s`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
