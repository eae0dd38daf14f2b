// `ccnet explain` output: a topic, a rule, a recognised error message, or the list of topics.
import type { Explanation, Topic } from '../../knowledge/index.ts';
import { renderSymptom } from './symptom.ts';
import { indent, painter } from './text.ts';

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
  for (const section of e.kind === 'symptom' ? [] : e.sections) {
    const body = section.lines.map((line) => `  ${line}`).join('\n');
    blocks.push(section.heading ? `${paint('bold', section.heading)}\n${body}` : body);
  }
  for (const snippet of e.snippets) {
    blocks.push(
      `${paint('bold', snippet.title)} ${paint('dim', `(${snippet.language})`)}\n${indent(snippet.code)}`,
    );
  }
  if (e.references.length > 0) {
    blocks.push(
      `${paint('bold', 'References')}\n${e.references.map((r) => `  - [${r.source}] ${r.title}: ${r.path}`).join('\n')}`,
    );
  }
  return `${blocks.join('\n\n')}\n`;
}
