// The terminal chat reads evidence: an export path typed at any question, probe output pasted (piped lines) as one
// block; what they settle is not asked.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runChat } from '../../cli/chat/chat.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { FIXTURES } from '../evidence/support.ts';

async function chat(lines: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  input.end(lines.map((l) => `${l}\n`).join(''));
  const code = await runChat({
    input,
    output,
    color: false,
    owner: 'ann',
    templates: new MemoryTemplateBlobs(),
    store: new MemorySessionStore(),
  });
  return { code, text };
}

describe('evidence in the terminal chat', () => {
  it('reads exports typed as paths and skips the questions they settle', async () => {
    const { text } = await chat([
      `${FIXTURES}/peered/vnet-list.json`,
      `${FIXTURES}/peered/nsg-list.json`,
      `${FIXTURES}/peered/nic-list.json`,
      'q',
    ]);
    expect(text).toContain('Read vnet-list.json: vnet');
    expect(text).toContain('Read nic-list.json: nic');
    expect(text).toMatch(/Settled by it: .*CycleCloud/);
    expect(text).not.toContain('Where does the CycleCloud server run?');
  });

  it('reads a probe block pasted line by line as one piece of evidence', async () => {
    const { text } = await chat([
      '=== ccnet-probe v1 ===',
      'node=hpc-1',
      'cyclecloud.url=https://10.0.1.4:9443',
      'cyclecloud.resolve=ok 10.0.1.4',
      'cyclecloud.https=failed curl=28 http=000',
      '=== end ccnet-probe v1 ===',
      'q',
    ]);
    expect(text).toContain('Read pasted text: probe');
    expect(text).toMatch(/FAILED +CycleCloud on port 9443/);
    expect(text).not.toContain('Not a choice, a file or a known error message');
  });
});

describe('what the exports guessed, in the terminal chat', () => {
  it('says how to correct it in chat terms (paste, type a path), never with a command-line flag', async () => {
    const { text } = await chat([
      `${FIXTURES}/peered/vnet-list.json`,
      `${FIXTURES}/peered/nsg-list.json`,
      `${FIXTURES}/peered/nic-list.json`,
      '1',
      'details',
      'q',
    ]);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(
      'CycleCloud was taken to be VM cyclecloud (NIC cyclecloud-nic), guessed from its name.',
    );
    expect(flat).toContain(
      "To say otherwise, paste here the error a node logged or its ccnet-probe block (either names CycleCloud's address); type the cluster template's path",
    );
    expect(text).not.toMatch(/--cyclecloud|--nodes|--param/);
  });
});
