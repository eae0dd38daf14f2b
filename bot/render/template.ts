// What an uploaded template showed: findings with line numbers and the facts it answered.

import { describeFacts } from '../../flows/fact-words.ts';
import type { Reply } from '../../flows/types.ts';
import { escapeText, inlineCode } from '../slack/escape.ts';
import { context, fallback, type Rendered, section } from './blocks.ts';
import { countBySeverity, findingsParts } from './findings.ts';
import { fitBlocks } from './fit.ts';
import { LIMITS } from './limits.ts';
import { sourceLinks } from './references.ts';
import { slug } from './snippets.ts';

type TemplateReply = Extract<Reply, { kind: 'template' }>;

export function renderTemplate(reply: TemplateReply): Rendered {
  const counts = countBySeverity(reply.findings);
  const head = section(`:page_facing_up: *${escapeText(reply.fileName)}*: ${counts}`);
  const learned = describeFacts(reply.learned).map(escapeText);
  const facts = learned.length > 0 ? [context(`_Learned from the template:_ ${learned.join(' · ')}`)] : [];
  const filename = `${slug(reply.fileName)}-findings.txt`;
  const findings = findingsParts(reply.findings, filename, '*Findings*', {
    fileName: reply.fileName,
    cite: (f) => sourceLinks(f.sources),
  });
  const fitted = fitBlocks(
    [{ blocks: [head] }, ...findings.parts, { blocks: facts }],
    LIMITS.messageBlocks - 1,
  );
  const overflow = findings.files.length > 0 ? findings.files : fitted.overflow;
  const note =
    fitted.overflow.length > 0 ? [context(`_All findings are in ${inlineCode(filename)} below._`)] : [];
  return {
    text: fallback(escapeText(`${reply.fileName}: ${counts}`)),
    blocks: [...fitted.blocks, ...note],
    overflow,
  };
}
