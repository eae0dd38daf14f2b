// `ccnet chat --resume`: the check to continue. Open checks are the ones that have not reached a diagnosis yet.

import { describeFacts } from '../../flows/fact-words.ts';
import type { SessionRecord } from '../../flows/ports/session-store.ts';
import type { FlowRunner } from '../../flows/runner.ts';

export type ResumeChoice =
  | { kind: 'session'; id: string }
  | { kind: 'new'; note?: string }
  | { kind: 'stop'; code: number; note: string };

export interface ResumeIO {
  write(text: string): void;
  /** Next typed line, or null at end of input. */
  ask(): Promise<string | null>;
}

const LISTED = 9;

export async function chooseResume(
  runner: FlowRunner,
  owner: string,
  resume: true | string,
  io: ResumeIO,
): Promise<ResumeChoice> {
  if (typeof resume === 'string') {
    const record = await runner.get(resume);
    return record && record.owner === owner
      ? { kind: 'session', id: record.id }
      : { kind: 'stop', code: 2, note: `No check "${resume}" of ${owner} to resume (it may have expired).` };
  }
  const open = (await runner.recent(owner, 50)).filter((r) => r.outcome === undefined).slice(0, LISTED);
  const [only] = open;
  if (only === undefined) return { kind: 'new', note: 'No open check to resume; starting a new one.' };
  if (open.length === 1) return { kind: 'session', id: only.id };
  io.write(
    `Open checks (most recent first):\n${open.map((r, i) => `  ${i + 1}. ${describeRecord(r)}`).join('\n')}\n  n. Start a new check\n`,
  );
  for (;;) {
    const line = await io.ask();
    if (line === null) return { kind: 'stop', code: 0, note: 'Nothing chosen.' };
    const text = line.trim().toLowerCase();
    if (text === 'n') return { kind: 'new' };
    if (text === 'q') return { kind: 'stop', code: 0, note: 'Nothing chosen.' };
    const picked = /^\d+$/.test(text) ? open[Number(text) - 1] : undefined;
    if (picked) return { kind: 'session', id: picked.id };
    io.write(`Choose 1 to ${open.length}, or n for a new check.\n`);
  }
}

/** What the check knows so far, in the words of the choices that set it. */
export function recap(record: SessionRecord): string {
  const facts = describeFacts(record.facts).join(', ');
  return facts ? `Answers so far: ${facts}.` : 'Nothing answered yet.';
}

/** `ccnet chat --list`: the owner's open checks, most recent first, with their answers. */
export async function listOpen(runner: FlowRunner, owner: string): Promise<string> {
  const open = (await runner.recent(owner, 50)).filter((r) => r.outcome === undefined);
  if (open.length === 0) return 'No open checks. Start one with: ccnet chat\n';
  const lines = open.map((r) => `  ${r.id}  ${describeRecord(r)}`);
  return `Open checks (most recent first; continue one with ccnet chat --resume <id>):\n${lines.join('\n')}\n`;
}

function describeRecord(record: SessionRecord): string {
  const when = new Date(record.updatedAt).toISOString().slice(0, 16).replace('T', ' ');
  const facts = describeFacts(record.facts).join(', ');
  return `${when} UTC — ${facts || 'nothing answered yet'}`;
}
