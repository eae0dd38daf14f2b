// What an uploaded template showed: findings with line numbers and the facts it answered.
import type { Reply } from '../../flows/types.ts';
import { escapeText, inlineCode } from '../escape.ts';
import { context, fallback, type Overflow, type Rendered, section, sections } from './blocks.ts';
import { describeFacts } from './facts.ts';
import { countBySeverity, findingLine, findingsText } from './findings.ts';
import { fit } from './fit.ts';
import { LIMITS } from './limits.ts';
import { slug } from './snippets.ts';

type TemplateReply = Extract<Reply, { kind: 'template' }>;

export function renderTemplate(reply: TemplateReply): Rendered {
  const counts = countBySeverity(reply.findings);
  const head = section(`:page_facing_up: *${escapeText(reply.fileName)}*: ${counts}`);
  const learned = describeFacts(reply.learned);
  const facts = learned.length > 0 ? [context(`_Learned from the template:_ ${learned.join(' · ')}`)] : [];
  const file: Overflow = {
    filename: `${slug(reply.fileName)}-findings.txt`,
    title: `Findings for ${reply.fileName}`,
    content: findingsText(reply.findings, reply.fileName),
    snippetType: 'text',
  };
  const findings = reply.findings.length > 0 ? sections(reply.findings.map(findingLine)) : [];
  const fitted = fit(
    [{ blocks: [head] }, { blocks: findings, drop: { rank: 1, overflow: file } }, { blocks: facts }],
    LIMITS.messageBlocks - 1,
  );
  const note =
    fitted.overflow.length > 0 ? [context(`_All findings are in ${inlineCode(file.filename)} below._`)] : [];
  return {
    text: fallback(escapeText(`${reply.fileName}: ${counts}`)),
    blocks: [...fitted.blocks, ...note],
    overflow: fitted.overflow,
  };
}
