// `/ccnet explain`: a topic, a recognised error message, or a rule, as sections with snippets and sources.
import type { Explanation } from '../../knowledge/index.ts';
import { actionId } from '../slack/action-ids.ts';
import { escapeText, mention } from '../slack/escape.ts';
import { encodeButtonValue } from '../slack/payload.ts';
import {
  actions,
  type Block,
  button,
  context,
  fallback,
  header,
  type Overflow,
  type Rendered,
  sections,
} from './blocks.ts';
import { fitBlocks, type Part } from './fit.ts';
import { LIMITS } from './limits.ts';
import { numberedSources } from './references.ts';
import { snippetFile, snippetSection } from './snippets.ts';
import { symptomBlocks } from './symptom.ts';

export interface ExplainOptions {
  /** What was asked: a private answer gets a "Share in channel" button that answers it again for everyone. */
  shareQuestion?: string;
  /** Who shared it, for the public copy. */
  sharedBy?: string;
}

/** The Share button's value, or undefined when the encoded question is longer than Slack takes. */
function shareValue(question: string): string | undefined {
  try {
    return encodeButtonValue({ x: question });
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

export function renderExplanation(e: Explanation, options: ExplainOptions = {}): Rendered {
  const sources = numberedSources(e.references);
  const parts: Part[] = [{ blocks: [header(e.title)] }];
  if (e.foundBy !== undefined && e.kind !== 'symptom')
    parts.push({ blocks: [context(`_${escapeText(e.foundBy)}_`)] });
  if (e.symptom !== undefined) parts.push({ blocks: symptomBlocks(e.symptom) });
  // A symptom's sections are its JSON form; the symptom blocks already show them.
  for (const s of e.kind === 'symptom' ? [] : e.sections) {
    const lines = [
      `*${escapeText(s.heading)}*${sources.cite(s.sources)}`,
      ...s.lines.map((l) => `• ${escapeText(l)}`),
    ];
    parts.push({ blocks: sections(lines) });
  }
  const tooLong: Overflow[] = [];
  for (const snippet of e.snippets) {
    const text = snippetSection(snippet);
    if (text === undefined) tooLong.push(snippetFile(snippet));
    else parts.push({ blocks: sections([text]), drop: { rank: 1, overflow: snippetFile(snippet) } });
  }
  // A symptom's blocks already link its sources.
  if (e.references.length > 0 && e.symptom === undefined) {
    parts.push({ blocks: sections(['*Sources*', ...sources.lines]), drop: { rank: 2 } });
  }
  const question = options.shareQuestion;
  // The button carries the question itself (an ephemeral message is not sent back with the click); quotes and
  // newlines grow when encoded, so the encoded value is what must fit.
  const value = question !== undefined ? shareValue(question) : undefined;
  const share =
    question !== undefined && value !== undefined
      ? actions('ccnet_share', [button({ text: 'Share in channel', actionId: actionId('share'), value })])
      : question !== undefined
        ? [
            context(
              '_Too long to share from here: use *Diagnose with ccnet* on a message that holds it, or paste it in a ccnet thread, and the answer is there for everyone._',
            ),
          ]
        : [];
  const by =
    options.sharedBy !== undefined
      ? [context(`Shared by ${mention(options.sharedBy)} from \`/ccnet explain\``)]
      : [];
  const fitted = fitBlocks(parts, LIMITS.messageBlocks - 1 - share.length - by.length);
  const overflow = [...fitted.overflow, ...tooLong];
  const note: Block[] =
    overflow.length > 0
      ? [context('_Some snippets are too long for this message: `npx ccnet explain` prints them in full._')]
      : [];
  return {
    text: fallback(escapeText(e.title)),
    blocks: [...by, ...fitted.blocks, ...note, ...share],
    overflow,
  };
}
