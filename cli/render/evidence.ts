// What an evidence file or pasted probe output showed, in the terminal chat.
import { describeFacts } from '../../flows/fact-words.ts';
import type { Reply } from '../../flows/types.ts';
import { renderProbe } from './probe.ts';
import type { Painter } from './text.ts';

type EvidenceReply = Extract<Reply, { kind: 'evidence' }>;

export function renderEvidenceReply(reply: EvidenceReply, paint: Painter): string {
  const lines = [
    `${paint('bold', `Read ${reply.fileName}:`)} ${reply.kinds.join(', ') || 'nothing ccnet reads'}`,
  ];
  if (reply.probe) lines.push(renderProbe(reply.probe, paint).trimEnd());
  const learned = describeFacts(reply.learned).join(', ');
  if (learned) lines.push(`Settled by it: ${learned}`);
  for (const note of reply.notes) lines.push(paint('dim', `note: ${note}`));
  return `${lines.join('\n')}\n`;
}
