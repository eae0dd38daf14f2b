// Replies as terminal text for `ccnet chat`. The Diagnosis itself is rendered by cli/render/diagnosis.ts.

import { describeFacts, factsFrom } from '../../flows/fact-words.ts';
import { withNaming } from '../../flows/naming.ts';
import type { Choice, Reply } from '../../flows/types.ts';
import type { SymptomMatch } from '../../knowledge/model.ts';
import { renderDiagnosis, renderFindings, renderSummary, renderSymptom } from '../render/diagnosis.ts';
import { renderEvidenceReply } from '../render/evidence.ts';
import { CHAT_NAMING } from '../render/naming.ts';
import { indent, type Painter, wrap } from '../render/text.ts';

/** The keys a question takes; b only where Back would do something (flows decide: `canGoBack`). */
function keysLine(canGoBack: boolean): string {
  return `number to choose · ${canGoBack ? 'b back · ' : ''}r start over · q quit · ? help`;
}

export const HELP_TEXT = [
  'Answer with the number of a choice. At any question you can also:',
  '  - type the path of a cluster template (e.g. templates/slurm.txt): ccnet reads it and skips what it answers',
  '  - paste an error message (e.g. "Timed out connecting to CycleCloud at https://10.0.0.4:9443")',
  '  - type the path of an az export (az network vnet|nsg|nic … -o json, or a ccnet collect bundle): ccnet reads what',
  '    it settles and checks each required connection against it; or paste the block ccnet probe prints on a node',
  '  - b: go back one answer   r: start over   q: quit (the check is saved; `ccnet chat --resume` continues it)',
  'At the answer: details (or d) shows all of it, c lists the answers you can change, a number changes one.',
].join('\n');

/** What can be typed at the answer. */
function answerKeys(canGoBack: boolean): string {
  return `d details · c change an answer · ${canGoBack ? 'b back · ' : ''}r start over · q quit`;
}

export interface RenderContext {
  paint: Painter;
  color: boolean;
  /** Columns to wrap at (80 when absent). */
  width?: number;
  /** The last template file read in this chat, to label finding lines. */
  templateFile?: string;
  /** Error messages already explained in this chat: a diagnosis does not repeat them. */
  shownSymptoms?: Set<string>;
}

export function renderReply(reply: Reply, ctx: RenderContext): string {
  // The answer wraps itself (its snippets must not be broken); everything else wraps here, at word boundaries,
  // continuation lines indented under the text of a numbered choice.
  const text = renderText(reply, ctx);
  return reply.kind === 'diagnosis' ? text : wrap(text, ctx.width ?? 80);
}

function renderText(reply: Reply, ctx: RenderContext): string {
  const { paint } = ctx;
  switch (reply.kind) {
    case 'question': {
      const hint = reply.hint ? `\n${indent(paint('dim', reply.hint))}` : '';
      return `${paint('bold', reply.text)}${hint}\n${renderChoices(reply.choices, paint)}\n${paint('dim', keysLine(reply.canGoBack))}\n`;
    }
    case 'symptom': {
      ctx.shownSymptoms?.add(symptomKey(reply.match));
      const body = renderSymptom(reply.match, paint);
      return reply.choices.length > 0
        ? `${body}\n\n${renderChoices(reply.choices, paint)}\n${paint('dim', 'Or paste another message.')}\n`
        : `${body}\n`;
    }
    case 'template': {
      const count = reply.findings.length;
      const lines = [
        `${paint('bold', `Read ${reply.fileName}:`)} ${count === 1 ? '1 finding' : `${count} findings`}`,
      ];
      if (count > 0) lines.push(indent(renderFindings(reply.findings, reply.fileName, paint)));
      const learned = describeFacts(reply.learned).join(', ');
      if (learned) lines.push(`Learned from it: ${learned}`);
      return `${lines.join('\n')}\n`;
    }
    case 'notice':
      return `${paint(reply.level === 'error' ? 'yellow' : 'cyan', '!')} ${reply.text}\n`;
    case 'evidence':
      return renderEvidenceReply(reply, paint);
    case 'diagnosis': {
      const { symptom, ...rest } = withNaming(reply.diagnosis, CHAT_NAMING);
      const seen = symptom !== undefined && ctx.shownSymptoms?.has(symptomKey(symptom)) === true;
      if (symptom) ctx.shownSymptoms?.add(symptomKey(symptom));
      const parts = [
        renderSummary(seen ? rest : { ...rest, ...(symptom ? { symptom } : {}) }, {
          color: ctx.color,
          width: ctx.width ?? 80,
          more: 'type details',
          ...(ctx.templateFile !== undefined ? { file: ctx.templateFile } : {}),
        }),
      ];
      const fromProfile = describeFacts(factsFrom(reply.situation, reply.sources, 'profile')).join(', ');
      if (fromProfile)
        parts.push(
          `${paint('dim', wrap(`From your team profile: ${fromProfile}`, ctx.width ?? 80, '  '))}\n`,
        );
      parts.push(`${paint('dim', answerKeys(reply.canGoBack))}\n`);
      return parts.join('');
    }
  }
}

/** `details` at the answer: everything the diagnosis says, the change menu after it. */
export function renderDetails(reply: Extract<Reply, { kind: 'diagnosis' }>, ctx: RenderContext): string {
  const full = renderDiagnosis(withNaming(reply.diagnosis, CHAT_NAMING), {
    color: ctx.color,
    width: ctx.width ?? 80,
    file: ctx.templateFile ?? 'template',
  });
  return `${full}\n${renderChangeMenu(reply, ctx.paint)}`;
}

export function renderChangeMenu(
  reply: Pick<Extract<Reply, { kind: 'diagnosis' }>, 'changeable' | 'canGoBack'>,
  paint: Painter,
): string {
  const back = reply.canGoBack ? 'b back · ' : '';
  if (reply.changeable.length === 0) return `${paint('dim', `${back}r start over · q quit`)}\n`;
  return `${paint('bold', 'Change an answer:')}\n${renderChoices(reply.changeable, paint)}\n${paint('dim', `number to change · ${back}r start over · q quit`)}\n`;
}

function symptomKey(match: SymptomMatch): string {
  return `${match.id}|${match.extracted.url ?? match.extracted.host ?? ''}`;
}

function renderChoices(choices: Choice[], paint: Painter): string {
  return choices
    .map((c, i) => `  ${i + 1}. ${c.label}${c.hint ? paint('dim', ` — ${c.hint}`) : ''}`)
    .join('\n');
}
