// The Slack answer over the whole Situation space the invariant suite walks (situation-space.ts) x corpus templates,
// with and without a pasted error and team-profile facts: the first message always fits a phone screen (at most 600
// characters of text, one code block, at most four buttons, one "Change an answer" menu), Details always fits Slack
// and loses nothing (every connection, snippet and source is in the message or in a file it names), and the picture
// of the path always draws the recommendation's connections.
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderDetails } from '../../bot/render/details.ts';
import { renderDiagnosis } from '../../bot/render/diagnosis.ts';
import { diagramOf, renderSvg } from '../../diagram/index.ts';
import { MAIN_QUESTIONS_IN_ORDER } from '../../flows/questions.ts';
import type { Choice, FactSource, Reply } from '../../flows/types.ts';
import { diagnose, type Situation } from '../../knowledge/index.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import type { ParsedTemplate } from '../../knowledge/template/types.ts';
import { blockKitErrors } from '../fakes/block-kit-limits.ts';
import { CLI_VARIANTS, flowSpace } from '../knowledge/situation-space.ts';
import { corpusAvailable, readCorpus } from '../support/corpus.ts';

type DiagnosisReply = Extract<Reply, { kind: 'diagnosis' }>;
type Json = Record<string, unknown>;

const TEMPLATE_FILES = [
  'Azure__cyclecloud-gridengine__templates__gridengine.txt',
  'Azure__cyclecloud-slurm__templates__slurm.txt',
  'Azure__cyclecloud-hpcpack__templates__hpcpack2019.txt',
];

const PASTES = [
  undefined,
  'Timed out connecting to CycleCloud at https://10.0.4.4:9443',
  [
    '2024-05-01 10:00:01 jetpack <starting> & "loading" ```',
    'Unable to setup return proxy: cannot connect to 10.2.0.4:22',
    '2024-05-01 10:00:31 Connection refused connecting to return-proxy tunnel at https://10.2.0.4:37140',
  ].join('\n'),
];

/** What a person sees without opening anything: code blocks, select options and dialogs left out. */
function visibleText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + visibleText(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const o = value as Json;
  if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string')
    // A link shows its label, not its URL.
    return o.text.replace(/```[\s\S]*?```/g, '').replace(/<[^|>\s]+\|([^>]*)>/g, '$1').length;
  return Object.entries(o)
    .filter(([k]) => k !== 'options' && k !== 'confirm')
    .reduce((n, [, v]) => n + visibleText(v), 0);
}

function elements(blocks: readonly unknown[]): Json[] {
  return blocks.flatMap((b) => ((b as Json).type === 'actions' ? ((b as Json).elements as Json[]) : []));
}

/** What the flow would offer to change: every question it asked and got an answer to. */
function changeable(situation: Situation, asked: ReadonlySet<string>): Choice[] {
  return MAIN_QUESTIONS_IN_ORDER.filter((q) => asked.has(q.id) && q.fact !== undefined)
    .filter((q) => q.fact !== undefined && situation[q.fact] !== undefined)
    .map((q) => ({ id: q.id, label: `${q.text}: ${JSON.stringify(q.fact ? situation[q.fact] : '')}` }));
}

interface Case {
  name: string;
  reply: DiagnosisReply;
}

let built: Case[] | undefined;

/** The whole space, diagnosed once for every test of this file. */
function cases(): Case[] {
  if (built) return built;
  const out: Case[] = [];
  const templates: { name: string; parsed?: ParsedTemplate }[] = [
    { name: 'no template' },
    ...(corpusAvailable
      ? TEMPLATE_FILES.map((name) => ({ name, parsed: parseTemplate(readCorpus(name)) }))
      : []),
  ];
  let n = 0;
  for (const t of templates) {
    for (const point of flowSpace()) {
      // Each point once, with the pastes and the CLI-only variants in rotation.
      {
        n++;
        const p = n % PASTES.length;
        const symptom = PASTES[p];
        const variant = CLI_VARIANTS[Math.floor(n / PASTES.length) % CLI_VARIANTS.length] ?? {};
        const situation: Situation = { ...point.situation, ...variant };
        const diagnosis = diagnose({
          situation,
          ...(t.parsed ? { template: t.parsed } : {}),
          ...(symptom !== undefined ? { symptom } : {}),
        });
        // Every other case has its answers from the team profile, which the first message names too.
        const from: FactSource = n % 2 === 0 ? 'profile' : 'answer';
        const sources = Object.fromEntries(Object.keys(point.situation).map((k) => [k, from]));
        out.push({
          name: `${JSON.stringify(situation)} | ${t.name} | paste ${p}`,
          reply: {
            kind: 'diagnosis',
            sessionId: '6e46b249-4bad-40dd-8c28-398a28cb0430',
            diagnosis,
            situation,
            sources,
            changeable: changeable(situation, point.asked),
            // Every other case reached with no question asked (all from the profile or a template): no Back.
            canGoBack: from === 'answer' && point.asked.size > 0,
          },
        });
      }
    }
  }
  built = out;
  return out;
}

/** Everything Details shows or sends, as one string. */
function detailsContent(rendered: ReturnType<typeof renderDetails>): string {
  return JSON.stringify(rendered.blocks) + rendered.overflow.map((o) => o.content.toString()).join('\n');
}

describe('the Slack answer over the Situation space', () => {
  it('opens with a first message that fits: 600 characters, one code block, four buttons, one Change menu', () => {
    const bad: string[] = [];
    let count = 0;
    for (const c of cases()) {
      count++;
      const { blocks } = renderDiagnosis(c.reply, 3);
      const json = JSON.stringify(blocks);
      const problems = [
        ...blockKitErrors(blocks, 50),
        ...(visibleText(blocks) > 600 ? [`${visibleText(blocks)} characters of text`] : []),
        ...((json.match(/```/g)?.length ?? 0) > 2 ? ['more than one code block'] : []),
        ...(!json.includes('Recommendation: ') || !json.includes('*Do now*') ? ['no option or Do now'] : []),
        ...(json.includes('.;') ? ['assumptions run together as "….; …"'] : []),
      ];
      const els = elements(blocks);
      const buttons = els.filter((e) => e.type === 'button');
      const selects = els.filter((e) => e.type === 'static_select');
      if (buttons.length > 4) problems.push(`${buttons.length} buttons`);
      // The page the next action rests on is one click away, beside "Do now".
      const rec = c.reply.diagnosis.recommendation;
      const first = rec.doNow.sources
        .map((tag) => rec.references.find((r) => r.source === tag))
        .find((r) => r !== undefined);
      if (first !== undefined && !json.includes(`*Do now* — _source:_ <${first.url}|`))
        problems.push(`no link to ${first.url} beside Do now`);
      if (!buttons.some((b) => b.action_id === 'ccnet_details')) problems.push('no Details button');
      if (!buttons.some((b) => b.action_id === 'ccnet_restart')) problems.push('no Start over button');
      if (buttons.some((b) => b.action_id === 'ccnet_back') !== c.reply.canGoBack)
        problems.push(c.reply.canGoBack ? 'no Back button' : 'Back with nothing to go back to');
      const wantMenu = c.reply.changeable.length > 0 ? 1 : 0;
      if (selects.length !== wantMenu || selects.some((s) => s.action_id !== 'ccnet_change'))
        problems.push(`${selects.length} menus for ${c.reply.changeable.length} answers`);
      if (problems.length > 0) bad.push(`${c.name}: ${problems.join('; ')}`);
    }
    expect(count).toBe(flowSpace().length * (corpusAvailable ? 4 : 1));
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('Details fits Slack and loses nothing: every connection, snippet and source is shown or sent as a file', () => {
    const bad: string[] = [];
    for (const c of cases()) {
      const rendered = renderDetails(c.reply, 3);
      const rec = c.reply.diagnosis.recommendation;
      const content = detailsContent(rendered);
      const problems = [...blockKitErrors(rendered.blocks, 50)];
      for (const ref of rec.references) if (!content.includes(ref.url)) problems.push(`no source ${ref.url}`);
      for (const conn of rec.connections) {
        if (!content.includes(`${conn.protocol.toUpperCase()} ${conn.port}`))
          problems.push(`no connection on ${conn.port}`);
      }
      // A snippet is shown in a code block or sent as a file; either way its first command is there.
      for (const s of rec.snippets) {
        const line = s.code.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
        const escaped = line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        if (!content.includes(JSON.stringify(escaped).slice(1, -1)) && !content.includes(line))
          problems.push(`no snippet "${s.title}"`);
      }
      if (rendered.overflow.length > 0 && !JSON.stringify(rendered.blocks).includes('Sent as files'))
        problems.push('files sent without saying so');
      if (problems.length > 0) bad.push(`${c.name}: ${problems.join('; ')}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('draws the picture of every answer: well-formed SVG, one arrow per required connection', () => {
    const bad: string[] = [];
    for (const c of cases()) {
      const rec = c.reply.diagnosis.recommendation;
      const { svg } = renderSvg(diagramOf({ diagnosis: c.reply.diagnosis, situation: c.reply.situation }));
      const problems: string[] = [];
      if (XMLValidator.validate(svg) !== true) problems.push('SVG does not parse');
      const edges = [...svg.matchAll(/<g class="edge"[^>]*data-port="(\d+)"/g)].map((m) => Number(m[1]));
      const wanted = rec.connections.map((x) => x.port);
      if (JSON.stringify([...edges].sort()) !== JSON.stringify([...wanted].sort()))
        problems.push(`arrows on ${edges.join(',')} for connections on ${wanted.join(',')}`);
      if (problems.length > 0) bad.push(`${c.name}: ${problems.join('; ')}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });
});
