// `/ccnet explain`: a topic, a recognised error message, or a rule, as sections with snippets and sources.
import type { Explanation } from '../../knowledge/index.ts';
import { escapeText } from '../slack/escape.ts';
import { type Block, context, fallback, header, type Overflow, type Rendered, sections } from './blocks.ts';
import { fitBlocks, type Part } from './fit.ts';
import { LIMITS } from './limits.ts';
import { snippetFile, snippetSection } from './snippets.ts';
import { symptomBlocks } from './symptom.ts';

export function renderExplanation(e: Explanation): Rendered {
  const parts: Part[] = [{ blocks: [header(e.title)] }];
  if (e.foundBy !== undefined && e.kind !== 'symptom')
    parts.push({ blocks: [context(`_${escapeText(e.foundBy)}_`)] });
  if (e.symptom !== undefined) parts.push({ blocks: symptomBlocks(e.symptom) });
  // A symptom's sections are its JSON form; the symptom blocks already show them.
  for (const s of e.kind === 'symptom' ? [] : e.sections) {
    const lines = [`*${escapeText(s.heading)}*`, ...s.lines.map((l) => `• ${escapeText(l)}`)];
    parts.push({ blocks: sections(lines) });
  }
  const tooLong: Overflow[] = [];
  for (const snippet of e.snippets) {
    const text = snippetSection(snippet);
    if (text === undefined) tooLong.push(snippetFile(snippet));
    else parts.push({ blocks: sections([text]), drop: { rank: 1, overflow: snippetFile(snippet) } });
  }
  if (e.references.length > 0) {
    const refs = e.references.map((r) => `${escapeText(r.title)} (${escapeText(r.path)})`).join(' · ');
    parts.push({ blocks: [context(`_Sources:_ ${refs}`)], drop: { rank: 2 } });
  }
  const fitted = fitBlocks(parts, LIMITS.messageBlocks - 1);
  const overflow = [...fitted.overflow, ...tooLong];
  const note: Block[] =
    overflow.length > 0
      ? [context('_Some snippets are too long for this message: `npx ccnet explain` prints them in full._')]
      : [];
  return { text: fallback(escapeText(e.title)), blocks: [...fitted.blocks, ...note], overflow };
}
