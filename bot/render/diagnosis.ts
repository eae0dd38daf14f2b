// The diagnosis as people first see it: the option in plain words, what to do now (at most three lines and one code
// block), what was assumed, and one click to the rest (Details posts the full answer in the thread).
import { describeFacts, factsFrom } from '../../flows/fact-words.ts';
import { withNaming } from '../../flows/naming.ts';
import type { Reply } from '../../flows/types.ts';
import { optionTitle } from '../../knowledge/index.ts';
import type { DoNow, Recommendation } from '../../knowledge/model.ts';
import { actionId } from '../slack/action-ids.ts';
import { escapeText, fittedCodeBlock, link, truncate } from '../slack/escape.ts';
import { encodeButtonValue } from '../slack/payload.ts';
import { actions, type Block, button, context, fallback, header, type Rendered, section } from './blocks.ts';
import { countBySeverity } from './findings.ts';
import { LIMITS } from './limits.ts';
import { SLACK_NAMING } from './naming.ts';
import { backButton, changeSelect, restartButton } from './question.ts';
import { asSentences } from './sentences.ts';

/** Text of the first message outside its code block, buttons included: what fits on a phone screen. */
const SUMMARY_TEXT_BUDGET = 600;
/** Longest headline shown; "do now" lines are cut to leave this much for what was assumed. */
const HEADLINE_MAX = 160;
const MIN_NOTES_ROOM = 120;

type DiagnosisReply = Extract<Reply, { kind: 'diagnosis' }>;

/** Sources linked beside "Do now" (the first is the one its action rests on); the rest are cited in Details. */
const DO_NOW_SOURCES = 1;

/** "Do now" lines shown; the rest of the steps are in Details. */
const DO_NOW_LINES = 3;

/** The recommendation's next action, at most three lines of it (the evaluator promises no more; this holds it). */
export function nextAction(rec: Recommendation): { headline: string; doNow: DoNow } {
  return { headline: rec.headline, doNow: { ...rec.doNow, lines: rec.doNow.lines.slice(0, DO_NOW_LINES) } };
}

interface Note {
  label: string;
  /** Already escaped. */
  body: string;
}

/** What was assumed, whether the template still has findings, what came from the team profile. */
function notes(reply: DiagnosisReply, codeCut: boolean): Note[] {
  const d = reply.diagnosis;
  const out: Note[] = [];
  if (d.assumptions.length > 0)
    out.push({ label: 'Assumed', body: asSentences(d.assumptions.map(escapeText)) });
  if (d.findings.length > 0)
    // Without a template the findings are about the network given (ports, firewall), not about a file.
    out.push({
      label: d.topology !== undefined ? 'Template' : 'Findings',
      body: `${countBySeverity(d.findings)} (in Details)`,
    });
  if (codeCut) out.push({ label: 'Snippet', body: 'cut to fit; the whole one is in Details' });
  const profile = describeFacts(factsFrom(reply.situation, reply.sources, 'profile')).map(escapeText);
  if (profile.length > 0) out.push({ label: 'From your team profile', body: profile.join(' · ') });
  return out;
}

/** Notes in order while they fit in `room` characters; the first two are cut rather than left out. */
function fitNotes(all: readonly Note[], room: number): string[] {
  const out: string[] = [];
  let left = room;
  for (const [i, note] of all.entries()) {
    const head = `_${note.label}:_ `;
    const full = `${head}${note.body}`;
    if (full.length + 1 <= left) {
      out.push(full);
      left -= full.length + 1;
    } else if (i <= 1 && left - head.length > 40) {
      out.push(`${head}${truncate(note.body, left - head.length - 1)}`);
      left = 0;
    }
  }
  return out;
}

/** The page "do now" rests on, linked beside its heading. */
function doNowSources(rec: Recommendation): string {
  const refs = rec.doNow.sources
    .flatMap((tag) => rec.references.filter((r) => r.source === tag))
    .slice(0, DO_NOW_SOURCES);
  if (refs.length === 0) return '';
  return ` — _source:_ ${refs.map((r) => link(r.url, truncate(r.title.replace(/\s*\(.*$/, ''), 60))).join(' · ')}`;
}

function resultActions(reply: DiagnosisReply, version: number): Block[] {
  const value = encodeButtonValue({ s: reply.sessionId, v: version });
  const details = button({ text: 'Details', actionId: actionId('details'), value, style: 'primary' });
  const change = changeSelect(reply.sessionId, version, reply.changeable);
  // Back only where it would undo an answer: an answer reached from a template or the profile alone has none.
  return actions('ccnet_result', [
    details,
    ...(reply.canGoBack ? [backButton(reply.sessionId, version)] : []),
    restartButton(reply.sessionId, version),
    ...(change !== undefined ? [change] : []),
  ]);
}

function visibleText(blocks: readonly Block[]): number {
  let n = 0;
  const visit = (value: unknown, key?: string): void => {
    // Select options and confirm dialogs are not on screen until someone opens them (options is an array).
    if (key === 'options' || key === 'confirm') return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') {
      // A link shows its label, not its URL.
      n += o.text.replace(/```[\s\S]*?```/g, '').replace(/<[^|>\s]+\|([^>]*)>/g, '$1').length;
      return;
    }
    for (const [k, v] of Object.entries(o)) visit(v, k);
  };
  visit(blocks);
  return n;
}

/** Cuts the longest lines first: a short line stays whole and the others share what it leaves. */
function fitLines(lines: readonly string[], total: number): string[] {
  const out = [...lines];
  let left = total;
  const shortestFirst = lines.map((l, i) => ({ i, n: l.length })).sort((a, b) => a.n - b.n);
  shortestFirst.forEach(({ i, n }, k) => {
    const keep = Math.min(n, Math.max(20, Math.floor(left / (shortestFirst.length - k))));
    if (keep < n) out[i] = truncate(lines[i] ?? '', keep);
    left -= keep;
  });
  return out;
}

export function renderDiagnosis(given: DiagnosisReply, version: number): Rendered {
  const reply = { ...given, diagnosis: withNaming(given.diagnosis, SLACK_NAMING) };
  const rec = reply.diagnosis.recommendation;
  const { headline, doNow } = nextAction(rec);
  const title = `Recommendation: ${optionTitle(rec.option)}`;
  const steps = doNow.lines.map(
    (line, i) => `${doNow.lines.length > 1 ? `${i + 1}.` : '•'} ${escapeText(line)}`,
  );
  const code =
    doNow.snippet !== undefined ? fittedCodeBlock(doNow.snippet.code, LIMITS.sectionText - 80) : null;
  const buttons = resultActions(reply, version);
  // The headline and "do now" get the budget first (a long one is cut, never dropped); the notes get what is left.
  const fixed: Block[] = [header(title), section(truncate(escapeText(headline), HEADLINE_MAX))];
  const cite = doNowSources(rec);
  const doNowBlocks = (lines: readonly string[]): Block[] => [
    section([`*Do now*${cite}`, ...lines].join('\n')),
    ...(code !== null ? [section(code.text)] : []),
  ];
  let body = doNowBlocks(steps);
  let room = SUMMARY_TEXT_BUDGET - visibleText([...fixed, ...body, ...buttons]);
  if (room < MIN_NOTES_ROOM) {
    const frame = visibleText([...fixed, ...doNowBlocks([]), ...buttons]);
    const per = Math.floor((SUMMARY_TEXT_BUDGET - MIN_NOTES_ROOM - frame) / Math.max(1, steps.length)) - 1;
    body = doNowBlocks(fitLines(steps, per * steps.length));
    room = SUMMARY_TEXT_BUDGET - visibleText([...fixed, ...body, ...buttons]);
  }
  const said = fitNotes(notes(reply, code !== null && !code.complete), room);
  const noteBlocks = said.length > 0 ? [context(said.join('\n'))] : [];
  return {
    text: fallback(escapeText(`${title}: ${headline}`)),
    blocks: [...fixed, ...body, ...noteBlocks, ...buttons],
    overflow: [],
  };
}
