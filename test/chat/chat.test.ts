// The terminal chat driven through piped stdin, as `ccnet chat < answers.txt` or a person typing would.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChatOptions, runChat } from '../../cli/chat/chat.ts';
import type { SessionStore } from '../../flows/ports/session-store.ts';
import { FileSessionStore } from '../../stores/file/session-store.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { chatDriver } from '../scenarios/chat-driver.ts';
import { MESSAGES, TEMPLATES } from '../scenarios/scenarios.ts';

async function chat(lines: string[], opts: Partial<ChatOptions> & { store?: SessionStore } = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  input.end(lines.map((l) => `${l}\n`).join(''));
  const store = opts.store ?? new MemorySessionStore();
  const code = await runChat({
    input,
    output,
    color: false,
    owner: 'ann',
    templates: new MemoryTemplateBlobs(),
    ...opts,
    store,
  });
  // Lines are wrapped at 80 columns: `flat` has every run of white space as one space, for whole sentences.
  return { code, text, flat: text.replace(/\s+/g, ' '), store };
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('ccnet chat', () => {
  it('gives piped answers the same result as answers typed one at a time', async () => {
    const piped = await chat(['1', '1', '1', '2', 'details']);
    const typed = chatDriver();
    await typed.start(undefined, undefined);
    for (const [questionId, choiceId] of [
      ['entry', 'main'],
      ['cyclecloudVersion', '8'],
      ['serverLocation', 'same-vnet'],
      ['firewall', 'nsg'],
    ] as const) {
      await typed.send({ type: 'ANSWER', questionId, choiceId });
    }
    await typed.close?.();
    expect(piped.code).toBe(0);
    expect(piped.text).toContain('Recommendation: Direct connection (direct)');
    expect(piped.text).toContain('Change an answer:');
    expect(piped.text).toContain('\n> 2\n');
    expect(piped.text).toBe(typed.transcript());
  });

  it('answers invalid input with a one-line reason and the question again', async () => {
    const { text } = await chat(['1', '9', 'purple', '']);
    const afterNine = text.slice(text.indexOf('Choose'));
    expect(text).toContain('Choose a number from 1 to 3.\n');
    expect(afterNine).toContain('Which CycleCloud version runs the server?');
    expect(text).toContain(
      'Not a choice, a file or a known error message. Type 1 to 3, b, r, q or ? for help.\n',
    );
    expect(text).toContain('Type a number from 1 to 3, or ? for help.\n');
  });

  it('takes 7 or 8 typed at the version question as that version', async () => {
    const seven = await chat(['1', '7', '1', '2']);
    expect(seven.text).toContain('AMQP');
    expect(seven.text).toContain('Recommendation: Direct connection (direct)');
    const [record] = await seven.store.listByOwner('ann');
    expect(record?.facts.cyclecloudVersion).toBe(7);
    const eight = await chat(['1', '8']);
    const [other] = await eight.store.listByOwner('ann');
    expect(other?.facts.cyclecloudVersion).toBe(8);
  });

  it('opens the answer with the next action; details shows the rest, c the answers to change', async () => {
    const { text } = await chat(['d', '1', '1', '2', '3', '2', '2', 'c', 'details']);
    expect(text).toContain('Details come with the answer: answer the question above first.');
    const answer = text.slice(text.indexOf('Recommendation: '));
    const short = answer.slice(0, answer.indexOf('\n> c\n'));
    expect(short).toContain('\nDo now\n');
    expect(short).toContain('d details · c change an answer');
    expect(short).not.toContain('Connections to allow');
    const menu = answer.slice(answer.indexOf('\n> c\n'), answer.indexOf('\n> details\n'));
    expect(menu).toContain('Change an answer:\n  1. CycleCloud version: CycleCloud 8');
    const details = answer.slice(answer.indexOf('\n> details\n'));
    expect(details).toContain('Connections to allow');
    expect(details).toContain('References');
    expect(details).toMatch(/https:\/\/learn\.microsoft\.com\//);
  });

  it('wraps at 80 columns on word boundaries when the output is not a terminal', async () => {
    const { text } = await chat(['1', '1', '2', '6', '2', 'details']);
    for (const line of text.split('\n')) {
      // Only what has no place to break (a URL, a quoted value in a snippet) may be wider.
      if (line.length > 80) expect(line.trim().replace(/"[^"]*"/g, '""'), line).not.toMatch(/\s/);
    }
    expect(text).toContain('6. Not sure — `az network vnet peering list -g RG --vnet-name VNET -o table`');
  });

  it('shows help on ?', async () => {
    const { text } = await chat(['?']);
    expect(text).toContain('type the path of a cluster template');
  });

  it('takes a pasted error message at any question', async () => {
    const { text, store } = await chat(['1', MESSAGES.timeout9443]);
    expect(text).toContain('Error message recognised:');
    expect(text.lastIndexOf('Where does the CycleCloud server run?')).toBeGreaterThan(
      text.indexOf('Error message recognised:'),
    );
    const [record] = await store.listByOwner('ann');
    expect(record?.sources.cyclecloudVersion).toBe('symptom');
  });

  it('explains a pasted message once, not again in every diagnosis', async () => {
    const { text } = await chat(['1', MESSAGES.timeout9443, '1', '2', '2', '1']);
    expect(text.match(/Error message recognised:/g)).toHaveLength(1);
    expect(text.match(/Recommendation: /g)).toHaveLength(2);
  });

  it('reads a template path and names file errors clearly', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ccnet-chat-'));
    dirs.push(dir);
    const file = path.join(dir, 'hpc pack.txt');
    await writeFile(file, TEMPLATES.windowsProxy);
    const missing = path.join(dir, 'missing.txt');
    const { text } = await chat(['1', missing, dir, `"${file}"`]);
    expect(text).toContain(`No such file: ${missing}\n`);
    expect(text).toContain(`${dir} is a folder, not a template file.\n`);
    expect(text).toMatch(/Read hpc pack\.txt: \d+ findings?/);
    expect(text).toMatch(/hpc pack\.txt:5 +CCN003 +error/);
    expect(text).toContain('Learned from it: Proxy node OS: Windows');
  });

  it('ends cleanly at the end of input, keeps the session, and resumes it', async () => {
    const store = new MemorySessionStore();
    const first = await chat(['1', '1'], { store });
    expect(first.code).toBe(0);
    expect(first.text).toContain('Check saved. Continue it later with: ccnet chat --resume');
    const second = await chat(['1', '2'], { store, resume: true });
    expect(second.code).toBe(0);
    expect(second.text).toMatch(/Continuing check [\w-]+\./);
    expect(second.text).not.toContain('What do you need help with?');
    expect(second.text).toContain('Recommendation: Direct connection (direct)');
  });

  it('resumes from the file store in a new process after the first one died', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ccnet-chat-store-'));
    dirs.push(dir);
    await chat(['1', '2', '3'], { store: new FileSessionStore({ dir }) });
    const { text, flat } = await chat(['3', '2', '1'], {
      store: new FileSessionStore({ dir }),
      resume: true,
    });
    expect(text).toContain(
      'Answers so far: CycleCloud version: CycleCloud 7, CycleCloud location: On-premises.',
    );
    expect(flat).toContain(
      'Is there a VPN or ExpressRoute between the CycleCloud network and the cluster VNet?',
    );
    expect(text).toContain('Recommendation: VPN / ExpressRoute (vpn)');
  });

  it('lets people pick when several checks are open, newest first', async () => {
    let now = 1_700_000_000_000;
    const store = new MemorySessionStore({ now: () => now });
    await chat(['1', '2'], { store, now: () => now });
    now += 60_000;
    await chat(['1', '1', '3'], { store, now: () => now });
    const { text } = await chat(['2', '1', '2'], { store, resume: true, now: () => now });
    expect(text).toContain('Open checks (most recent first):');
    expect(text).toContain(
      '1. 2023-11-14 22:14 UTC — CycleCloud version: CycleCloud 8, CycleCloud location: On-premises',
    );
    expect(text).toContain('2. 2023-11-14 22:13 UTC — CycleCloud version: CycleCloud 7');
    expect(text).toContain('Recommendation: Direct connection (direct)');
  });

  it('starts a new check when there is nothing to resume', async () => {
    const { text, code } = await chat(['q'], { resume: true });
    expect(code).toBe(0);
    expect(text).toContain('No open check to resume; starting a new one.');
    expect(text).toContain('What do you need help with?');
  });

  it('refuses to resume a check that does not exist', async () => {
    const { code, text } = await chat([], { resume: 'no-such-check' });
    expect(code).toBe(2);
    expect(text).toContain('No check "no-such-check" of ann to resume');
  });

  it('changes an answer from the diagnosis by number', async () => {
    const { text, flat } = await chat(['1', '1', '1', '2', 'c', '2', '3', '1']);
    expect(text).toContain("  2. CycleCloud location: In the cluster's VNet");
    expect(text).toContain("Now: In the cluster's VNet.");
    expect(flat).toContain(
      'Is there a VPN or ExpressRoute between the CycleCloud network and the cluster VNet?',
    );
    expect(text.lastIndexOf('Recommendation: Direct connection (direct)')).toBeGreaterThan(
      text.indexOf('Now:'),
    );
  });

  it('goes back with b and starts over with r', async () => {
    const { text } = await chat(['b', '1', '1', 'b', 'r']);
    expect(text).toContain('! Nothing to go back to yet.');
    expect(text.match(/Which CycleCloud version runs the server\?/g)).toHaveLength(2);
    expect(text.match(/What do you need help with\?/g)).toHaveLength(3);
  });

  it('offers no b back at an answer the team profile settled before any question', async () => {
    const profile = {
      defaults: {
        cyclecloudVersion: 8 as const,
        serverLocation: 'same-vnet' as const,
        firewall: 'nsg' as const,
      },
      channels: {},
    };
    const { text, code } = await chat(['c'], { entry: 'main', profile });
    expect(code).toBe(0);
    expect(text).toContain('Recommendation: Direct connection (direct)');
    expect(text).toContain('d details · c change an answer · r start over · q quit\n');
    expect(text).toContain('number to change · r start over · q quit\n');
    expect(text).not.toContain('b back');
  });

  it('offers b back at an answer reached by answering, and b there asks the last question again', async () => {
    const { text } = await chat(['1', '1', '1', '2', 'b']);
    const answer = text.indexOf('Recommendation: Direct connection (direct)');
    expect(answer).toBeGreaterThan(0);
    expect(text.slice(answer)).toContain('d details · c change an answer · b back · r start over · q quit\n');
    const after = text.slice(text.indexOf('\n> b\n'));
    expect(after).toContain('What filters traffic between the nodes and CycleCloud?');
    expect(after).toContain('number to choose · b back · r start over · q quit · ? help');
    expect(after).not.toContain('Nothing to go back to');
  });

  it('shows no b back on the first question, where there is nothing to undo', async () => {
    const { text } = await chat([]);
    expect(text).toContain('What do you need help with?');
    expect(text).toContain('number to choose · r start over · q quit · ? help');
    expect(text).not.toContain('b back');
  });

  it('quits on q with exit code 0', async () => {
    const { code, text } = await chat(['q', '1']);
    expect(code).toBe(0);
    expect(text.match(/What do you need help with\?/g)).toHaveLength(1);
  });
});
