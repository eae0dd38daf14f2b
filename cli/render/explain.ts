// `ccnet explain` output: a topic, a rule, a recognised error message, or the list of topics.
import type { Explanation, Topic } from '../../knowledge/index.ts';
import { fitSnippet } from './code.ts';
import { renderSymptom } from './symptom.ts';
import { indent, painter, wrap } from './text.ts';

/** Prose wraps at 80 columns and bash is continued to fit them, as in `diagnose`; URLs stay whole. */
const WIDTH = 80;

export function renderTopicList(topics: readonly Topic[], color: boolean): string {
  const paint = painter(color);
  const width = Math.max(...topics.map((t) => t.id.length));
  const rows = topics.map((t) => `  ${paint('bold', t.id.padEnd(width))}  ${t.summary}`);
  return `${paint('bold', 'Topics')} (ccnet explain <topic>, or paste an error message in quotes):\n${rows.join('\n')}\n`;
}

export function renderExplanation(e: Explanation, color: boolean): string {
  const paint = painter(color);
  const blocks: string[] = [paint('bold', e.title)];
  if (e.foundBy && e.kind !== 'symptom') blocks.push(paint('dim', `(${e.foundBy})`));
  if (e.symptom) blocks.push(renderSymptom(e.symptom, paint));
  // A symptom's sections hold what the symptom block already shows (they are the JSON form).
  // Each section cites the pages it rests on beside it; the list at the end names the rest.
  const urlOf = new Map(e.references.map((r) => [r.source, r.url]));
  const cited = new Set<string>();
  for (const section of e.kind === 'symptom' ? [] : e.sections) {
    const urls = [...new Set((section.sources ?? []).flatMap((tag) => urlOf.get(tag) ?? []))];
    for (const tag of section.sources ?? []) cited.add(tag);
    const lines = [
      ...section.lines.map((line) => wrap(`  ${line}`, WIDTH)),
      ...urls.map((url) => paint('dim', `  Source: ${url}`)),
    ];
    const body = lines.join('\n');
    blocks.push(section.heading ? `${paint('bold', section.heading)}\n${body}` : body);
  }
  for (const snippet of e.snippets) {
    blocks.push(
      `${paint('bold', snippet.title)} ${paint('dim', `(${snippet.language})`)}\n${indent(fitSnippet(snippet, WIDTH - 2))}`,
    );
  }
  // A symptom's block already lists its sources.
  const rest = e.symptom !== undefined ? [] : e.references.filter((r) => !cited.has(r.source));
  if (rest.length > 0) {
    const heading = cited.size > 0 ? 'Other sources' : 'Sources';
    blocks.push(`${paint('bold', heading)}\n${rest.map((r) => `  - ${r.title}\n    ${r.url}`).join('\n')}`);
  }
  return `${blocks.join('\n\n')}\n`;
}
