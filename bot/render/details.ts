// The whole answer, posted in the thread when someone clicks Details: why, steps, connections to allow, findings with
// lines, assumptions, profile facts, every snippet and the sources as links. What does not fit in one message is
// returned as files for the thread.
import { describeFacts, factsFrom } from '../../flows/fact-words.ts';
import { withNaming } from '../../flows/naming.ts';
import type { Reply } from '../../flows/types.ts';
import { optionTitle } from '../../knowledge/index.ts';
import type { RequiredConnection, Snippet } from '../../knowledge/model.ts';
import { actionId } from '../slack/action-ids.ts';
import { escapeText, inlineCode } from '../slack/escape.ts';
import { encodeButtonValue } from '../slack/payload.ts';
import {
  actions,
  button,
  context,
  fallback,
  header,
  type Overflow,
  type Rendered,
  sections,
} from './blocks.ts';
import { countBySeverity, findingsParts } from './findings.ts';
import { fitBlocks, type Part } from './fit.ts';
import { LIMITS } from './limits.ts';
import { SLACK_NAMING } from './naming.ts';
import { type Citations, numberedSources } from './references.ts';
import { asSentences } from './sentences.ts';
import { allSnippetsFile, snippetFile, snippetSection } from './snippets.ts';
import { verificationParts } from './verification.ts';

/** More leftover snippet files than this are sent as one file. */
const MAX_SNIPPET_FILES = 3;

type DiagnosisReply = Extract<Reply, { kind: 'diagnosis' }>;

function flowLine(f: RequiredConnection): string {
  return `• ${escapeText(f.from)} → ${escapeText(f.to)}: ${f.protocol.toUpperCase()} ${f.port} — ${escapeText(f.purpose)}`;
}

function factParts(reply: DiagnosisReply): Part[] {
  const { diagnosis: d, situation, sources } = reply;
  const notes: string[] = [];
  if (d.assumptions.length > 0) notes.push(`_Assumed:_ ${asSentences(d.assumptions.map(escapeText))}`);
  const profile = describeFacts(factsFrom(situation, sources, 'profile')).map(escapeText);
  if (profile.length > 0) notes.push(`_From your team profile:_ ${profile.join(' · ')}`);
  const template = describeFacts(factsFrom(situation, sources, 'template')).map(escapeText);
  if (template.length > 0) notes.push(`_From your template:_ ${template.join(' · ')}`);
  const proxies = d.topology?.nodes
    .filter((n) => !n.abstract && n.returnProxy === true)
    .map((n) => inlineCode(n.name));
  if (proxies !== undefined && proxies.length > 0)
    notes.push(`_Return proxy in the template:_ ${proxies.join(', ')}`);
  return notes.length > 0 ? [{ blocks: [context(...notes)] }] : [];
}

function detailButtons(reply: DiagnosisReply, version: number) {
  if (reply.diagnosis.recommendation.snippets.length === 0) return [];
  const value = encodeButtonValue({ s: reply.sessionId, v: version });
  return actions('ccnet_details', [
    button({ text: 'Send snippets as a file', actionId: actionId('snippetsFile'), value }),
  ]);
}

/** Snippets in the message, too-long ones as files; more than a few leftover files become one. */
function snippetParts(
  snippets: readonly Snippet[],
  sources: Citations,
): { parts: Part[]; tooLong: Snippet[] } {
  const parts: Part[] = [];
  const tooLong: Snippet[] = [];
  for (const snippet of snippets) {
    const text = snippetSection(snippet, sources.cite(snippet.sources));
    if (text === undefined) tooLong.push(snippet);
    else parts.push({ blocks: sections([text]), drop: { rank: 3, overflow: snippetFile(snippet) } });
  }
  return { parts, tooLong };
}

function snippetFiles(
  dropped: readonly Overflow[],
  tooLong: readonly Snippet[],
  all: readonly Snippet[],
): Overflow[] {
  const names = new Set([...dropped.map((o) => o.filename), ...tooLong.map((s) => snippetFile(s).filename)]);
  const left = all.filter((s) => names.has(snippetFile(s).filename));
  if (left.length > MAX_SNIPPET_FILES) return [allSnippetsFile(left)];
  return left.map(snippetFile);
}

export function renderDetails(given: DiagnosisReply, version: number): Rendered {
  const reply = { ...given, diagnosis: withNaming(given.diagnosis, SLACK_NAMING) };
  const d = reply.diagnosis;
  const rec = d.recommendation;
  // Each reason, step and finding cites its sources beside it, numbered as in the Sources list at the end.
  const sources = numberedSources(rec.references);
  const parts: Part[] = [{ blocks: [header(`Details: ${optionTitle(rec.option)} — ${rec.title}`)] }];
  if (rec.why.length > 0) {
    const why = rec.why.map((w, i) => `• ${escapeText(w)}${sources.cite(rec.whySources[i])}`);
    parts.push({ blocks: sections(['*Why*', ...why]) });
  }
  if (d.symptom?.recognised) {
    parts.push({ blocks: sections([`*About the error you pasted:* ${escapeText(d.symptom.cause)}`]) });
  }
  if (rec.steps.length > 0) {
    const steps = rec.steps.map((s, i) => `${i + 1}. ${escapeText(s)}${sources.cite(rec.stepSources[i])}`);
    parts.push({ blocks: sections(['*Steps*', ...steps]) });
  }
  if (rec.connections.length > 0)
    parts.push({ blocks: sections(['*Connections to allow*', ...rec.connections.map(flowLine)]) });
  parts.push(...verificationParts(d.verification));
  const findings = findingsParts(d.findings, 'findings.txt', '*Template findings*', {
    cite: (f) => sources.cite(f.sources),
  });
  parts.push(...findings.parts);
  parts.push(...factParts(reply));
  const snippets = snippetParts(rec.snippets, sources);
  parts.push(...snippets.parts);
  if (rec.references.length > 0) {
    parts.push({ blocks: sections(['*Sources*', ...sources.lines]), drop: { rank: 4 } });
  }
  const buttons = detailButtons(reply, version);
  // One block stays free for the note that names the files sent below.
  const fitted = fitBlocks(parts, LIMITS.messageBlocks - buttons.length - 1);
  const isSnippet = (o: Overflow) => rec.snippets.some((s) => snippetFile(s).filename === o.filename);
  const overflow = [
    ...findings.files,
    ...fitted.overflow.filter((o) => !isSnippet(o) && !findings.files.some((f) => f.filename === o.filename)),
    ...snippetFiles(fitted.overflow.filter(isSnippet), snippets.tooLong, rec.snippets),
  ];
  const note =
    overflow.length > 0
      ? [context(`_Sent as files in this thread:_ ${overflow.map((o) => inlineCode(o.filename)).join(', ')}`)]
      : [];
  const summary = d.findings.length > 0 ? ` (${countBySeverity(d.findings)})` : '';
  return {
    text: fallback(escapeText(`Details: ${rec.title}${summary}`)),
    blocks: [...fitted.blocks, ...note, ...buttons],
    overflow,
  };
}
