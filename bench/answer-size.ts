// How long an answer is where people read it: three typical checks run through the real flow, then rendered by both
// adapters. Terminal: lines at 80 columns (a long line counts once per 80 characters). Slack: blocks, text characters
// outside code blocks, code blocks and buttons of the first diagnosis message, and of Details. Prints figures only.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDetails } from '../bot/render/details.ts';
import { renderReply as renderSlack } from '../bot/render/reply.ts';
import { renderReply as renderTerminal } from '../cli/chat/render.ts';
import { renderDiagnosis, renderSummary } from '../cli/render/diagnosis.ts';
import { painter } from '../cli/render/text.ts';
import { FlowRunner } from '../flows/runner.ts';
import type { FlowEvent, Reply } from '../flows/types.ts';
import { MemorySessionStore } from '../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../stores/memory/template-blobs.ts';

const TEMPLATES = fileURLToPath(new URL('../../shared/corpus/templates/', import.meta.url));
const answer = (questionId: string, choiceId: string): FlowEvent => ({
  type: 'ANSWER',
  questionId,
  choiceId,
});

interface Check {
  name: string;
  template?: string;
  events: FlowEvent[];
}

const CHECKS: Check[] = [
  {
    name: 'VNet peering (other VNet, not peered yet, NSGs)',
    events: [
      answer('entry', 'main'),
      answer('cyclecloudVersion', '8'),
      answer('serverLocation', 'other-vnet'),
      answer('peering', 'none'),
      answer('hubAndSpoke', 'no'),
      answer('firewall', 'nsg'),
    ],
  },
  {
    name: 'Return proxy (gridengine.txt, cannot peer, public IP allowed)',
    template: 'Azure__cyclecloud-gridengine__templates__gridengine.txt',
    events: [
      answer('entry', 'main'),
      answer('cyclecloudVersion', '8'),
      answer('serverLocation', 'other-vnet'),
      answer('peering', 'policy'),
      answer('hubAndSpoke', 'no'),
      answer('privateLink', 'none'),
      answer('publicIpAllowed', 'yes'),
      answer('firewall', 'nsg'),
      answer('proxyCandidateOs', 'linux'),
    ],
  },
  {
    name: 'VPN (on-premises, timeout pasted, Azure Firewall)',
    events: [
      answer('entry', 'symptom'),
      { type: 'SYMPTOM', text: 'Timed out connecting to CycleCloud at https://10.0.0.4:9443' },
      answer('symptomNext', 'continue'),
      answer('serverLocation', 'on-premises'),
      answer('privateLink', 'vpn'),
      answer('firewall', 'azure-firewall'),
    ],
  },
];

/** Sends each event that the open question (or the symptom step) accepts; skips questions the flow did not ask. */
async function diagnosisOf(check: Check): Promise<Extract<Reply, { kind: 'diagnosis' }>> {
  const runner = new FlowRunner({ store: new MemorySessionStore(), templates: new MemoryTemplateBlobs() });
  const { sessionId } = await runner.start({ owner: 'bench' });
  if (check.template !== undefined) {
    const text = await readFile(path.join(TEMPLATES, check.template), 'utf8');
    await runner.send(sessionId, { type: 'TEMPLATE', fileName: path.basename(check.template), text });
  }
  for (const event of check.events) {
    const open = (await runner.current(sessionId)).replies;
    const asked = open.find((r) => r.kind === 'question' || (r.kind === 'symptom' && r.questionId));
    if (event.type === 'ANSWER') {
      const id = asked?.kind === 'question' || asked?.kind === 'symptom' ? asked.questionId : undefined;
      if (id !== event.questionId) continue;
    }
    await runner.send(sessionId, event);
  }
  const final = (await runner.current(sessionId)).replies.find((r) => r.kind === 'diagnosis');
  if (final?.kind !== 'diagnosis') throw new Error(`${check.name}: the flow did not reach a diagnosis`);
  return final;
}

function linesAt80(text: string): number {
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 80)), 0);
}

interface SlackFigures {
  blocks: number;
  text: number;
  codeBlocks: number;
  buttons: number;
  selects: number;
  files: number;
}

function slackFigures(blocks: unknown[], files: number): SlackFigures {
  let text = 0;
  let codeBlocks = 0;
  let buttons = 0;
  let selects = 0;
  const visit = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    if (o.type === 'button') buttons += 1;
    if (o.type === 'static_select') {
      selects += 1;
      return;
    }
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string' && key !== 'confirm') {
      const fences = o.text.match(/```[\s\S]*?```/g) ?? [];
      codeBlocks += fences.length;
      text += fences.reduce((n, f) => n - f.length, o.text.length);
      return;
    }
    for (const [k, v] of Object.entries(o)) visit(v, k);
  };
  visit(blocks);
  return { blocks: blocks.length, text, codeBlocks, buttons, selects, files };
}

for (const check of CHECKS) {
  const reply = await diagnosisOf(check);
  const terminal = renderTerminal(reply, { paint: painter(false), color: false });
  const slack = renderSlack(reply, 1);
  const s = slackFigures(slack.blocks, slack.overflow.length);
  const details = renderDetails(reply, 1);
  console.log(check.name);
  const file = check.template ?? 'template';
  const short = renderSummary(reply.diagnosis, { color: false, width: 80, file, more: 'add --verbose' });
  const verbose = renderDiagnosis(reply.diagnosis, { color: false, width: 80, file });
  const snippet = short.includes('The commands to paste (')
    ? 'the do-now snippet left to --verbose'
    : 'do-now snippet included';
  console.log(
    `  ccnet diagnose: ${linesAt80(short)} lines at 80 columns (${snippet}); --verbose ${linesAt80(verbose)}`,
  );
  console.log(`  ccnet chat answer: ${linesAt80(terminal)} lines at 80 columns`);
  console.log(
    `  slack first message: ${s.blocks} blocks, ${s.text} characters of text, ${s.codeBlocks} code blocks, ${s.buttons} buttons, ${s.selects} selects (+ the path picture)`,
  );
  const full = slackFigures(details.blocks, details.overflow.length);
  console.log(
    `  slack Details message: ${full.blocks} blocks, ${full.text} characters of text, ${full.codeBlocks} code blocks, ${full.files} files with it`,
  );
}
