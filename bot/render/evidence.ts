// What an uploaded export or pasted probe output showed: the kinds read, the facts it settled, a probe link by link.
import { describeFacts } from '../../flows/fact-words.ts';
import type { Reply } from '../../flows/types.ts';
import { escapeText, inlineCode } from '../slack/escape.ts';
import { type Block, context, fallback, type Rendered, section, sections } from './blocks.ts';

type EvidenceReply = Extract<Reply, { kind: 'evidence' }>;

const MARK = { ok: ':white_check_mark:', failed: ':no_entry:', skipped: ':heavy_minus_sign:' } as const;

export function renderEvidence(reply: EvidenceReply): Rendered {
  const what = reply.kinds.length > 0 ? reply.kinds.join(', ') : 'nothing ccnet reads';
  const blocks: Block[] = [section(`:mag: *${escapeText(reply.fileName)}*: read ${escapeText(what)}`)];
  if (reply.probe) {
    blocks.push(
      ...sections(
        reply.probe.links.map(
          (l) =>
            `${MARK[l.status]} *${escapeText(l.label)}*${l.target ? ` ${inlineCode(l.target)}` : ''}: ${escapeText(l.detail)} — ${escapeText(l.meaning)}`,
        ),
      ),
    );
  }
  const learned = describeFacts(reply.learned).map(escapeText);
  if (learned.length > 0) blocks.push(context(`_Settled by your exports:_ ${learned.join(' · ')}`));
  if (reply.notes.length > 0)
    blocks.push(context(`_Notes:_ ${reply.notes.slice(0, 6).map(escapeText).join('; ')}`));
  return { text: fallback(escapeText(`${reply.fileName}: read ${what}`)), blocks, overflow: [] };
}
