// A multi-line paste in the terminal chat is read as one message: lines that arrive together up to a blank line, or a
// bracketed paste (ESC[200~ … ESC[201~). Answers after it still count as answers.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runChat } from '../../cli/chat/chat.ts';
import { LineReader, PASTE_END, PASTE_START } from '../../cli/chat/paste.ts';
import type { Reply } from '../../flows/types.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';

async function chat(input: string) {
  const stdin = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  const turns: Reply[][] = [];
  stdin.end(input);
  const code = await runChat({
    input: stdin,
    output,
    color: false,
    owner: 'ann',
    store: new MemorySessionStore(),
    templates: new MemoryTemplateBlobs(),
    onTurn: (replies) => turns.push(replies),
  });
  return { code, text, turns };
}

const LOG = [
  'srun: error: get_addr_info: getaddrinfo() failed: Name or service not known',
  'srun: error: slurm_set_addr: Unable to resolve "hpc-pg0-9"',
  'srun: error: Task launch for StepId=1.0 failed on node hpc-pg0-9',
];

const symptomTurns = (turns: Reply[][]) => turns.flat().filter((r) => r.kind === 'symptom');

describe('pasting several lines into the chat', () => {
  it('reads lines that arrive together, up to a blank line, as one message', async () => {
    const { text, turns } = await chat(`1\n${LOG.join('\n')}\n\n1\n`);
    expect(symptomTurns(turns)).toHaveLength(1);
    expect(text).toContain('Looks like a name-resolution failure for `hpc-pg0-9`');
    expect(text).toContain('line 2: srun: error: slurm_set_addr');
    expect(text).not.toContain('Not a choice, a file or a known error message');
  });

  it('reads a bracketed paste as one message, whatever its lines hold', async () => {
    const { turns } = await chat(`1\n${PASTE_START}${LOG[0]}\n\n7\n${LOG[1]}${PASTE_END}\n`);
    const [symptom] = symptomTurns(turns);
    expect(symptomTurns(turns)).toHaveLength(1);
    expect(symptom?.kind === 'symptom' && symptom.match.extracted.host).toBe('hpc-pg0-9');
  });

  it('a number after the paste is an answer again', async () => {
    const { turns } = await chat(`1\n${LOG[1]}\n1\n`);
    // The opening question, the answer 1, the paste, the answer 1: four turns, the last one an answer.
    expect(turns).toHaveLength(4);
    expect(turns[2]?.some((r) => r.kind === 'symptom')).toBe(true);
    expect(turns[3]?.some((r) => r.kind === 'symptom')).toBe(false);
    expect(turns[3]?.some((r) => r.kind === 'question' || r.kind === 'diagnosis')).toBe(true);
  });
});

describe('pasting a log ccnet does not recognise', () => {
  // Azure/az-hop#221: the scalelib install printed CycleCloud's JSON error (not a network failure).
  const AZHOP_221 = [
    'testing that we can connect to CycleCloud...',
    "Error '{",
    '  "Exception" : "com.cyclecomputing.cloud.exceptions.InvalidAttributeException",',
    '  "Message" : "MachineType Standard_HC44rs is not recognized",',
    '  "Detail" : "Please see /opt/cycle_server/logs/cycle_server.log for lines tagged with request-1274 for details."',
    "}': See the rest in the log file",
  ];

  it('reads a JSON line with a path in it as part of the paste, not as a file to open', async () => {
    const { text, turns } = await chat(`${AZHOP_221.join('\n')}\n\n`);
    expect(text).not.toContain('No such file');
    expect(symptomTurns(turns)).toHaveLength(1);
    // The opening question and the paste: two turns, so no line of it was left over as input of its own.
    expect(turns).toHaveLength(2);
  });

  it('answers it at any question with the general checklist, not "not a choice"', async () => {
    const { text, turns } = await chat(`${AZHOP_221.join('\n')}\n\n`);
    expect(text).not.toContain('Not a choice, a file or a known error message');
    expect(text).toContain('Not a known error message: ccnet does not guess a cause.');
    expect(text).toContain('General checklist:');
    expect(symptomTurns(turns)).toHaveLength(1);
    // Nothing was learnt from it, so the way on does not claim anything was filled in.
    expect(text).not.toContain('already filled in');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Continue with the guided check — The message answers none of its questions: it asks them all',
    );
  });

  it('still says "not a choice" for one unrecognised line typed at a question', async () => {
    const { text, turns } = await chat('hello there\n');
    expect(text).toContain('Not a choice, a file or a known error message');
    expect(symptomTurns(turns)).toHaveLength(0);
  });
});

describe('LineReader', () => {
  it('gives back the line that ended a paste, and waits no longer than a moment for more', async () => {
    const lines = ['first', 'second', '2', 'third'];
    let i = 0;
    const reader = new LineReader(async () =>
      i < lines.length ? { done: false, value: lines[i++] as string } : { done: true, value: undefined },
    );
    const first = await reader.line();
    expect(await reader.paste(first ?? '', (l) => /^\d+$/.test(l))).toBe('first\nsecond');
    expect(await reader.line()).toBe('2');
    const slow = new LineReader(() => new Promise(() => {}));
    expect(await slow.paste('alone', () => false)).toBe('alone');
  });
});
