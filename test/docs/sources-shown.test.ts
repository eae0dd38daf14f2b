// Sources as people meet them, in Slack and in the terminal: a link they can open (`<url|title>` in Slack, the URL
// in the terminal), cited beside the fact it supports, never a repository path (`MicrosoftDocs/azure-docs:
// articles/…md`) or a seed file (`seeds/…txt`). Checked over every topic, rule and known message `explain` knows, and
// the Slack Details and template findings of real diagnoses.
import { describe, expect, it } from 'vitest';
import { renderDetails } from '../../bot/render/details.ts';
import { renderExplanation as slackExplanation } from '../../bot/render/explain.ts';
import { renderTemplate } from '../../bot/render/template.ts';
import { escapeText } from '../../bot/slack/escape.ts';
import { renderExplanation as terminalExplanation } from '../../cli/render/explain.ts';
import { renderSymptom } from '../../cli/render/symptom.ts';
import { painter } from '../../cli/render/text.ts';
import type { Reply } from '../../flows/types.ts';
import { SYMPTOM_FACTS } from '../../knowledge/facts/symptoms.ts';
import { TOPICS } from '../../knowledge/facts/topics.ts';
import {
  diagnose,
  type Explanation,
  explain,
  type Reference,
  type Situation,
  TEMPLATE_RULES,
} from '../../knowledge/index.ts';
import type { Finding } from '../../knowledge/model.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';

/** How a document path or a seed file looks when it is shown instead of a link. */
const PATH_SHOWN = /MicrosoftDocs\/|articles\/[\w/-]+\.md|seeds\/\d{3}_/;

const explanations: [string, Explanation][] = [
  ...TOPICS.map((t): [string, Explanation] => [`topic ${t.id}`, explain(t.id)]),
  ...TEMPLATE_RULES.map((r): [string, Explanation] => [`rule ${r.id}`, explain(r.id)]),
  ...SYMPTOM_FACTS.map((s): [string, Explanation] => [`message ${s.id}`, explain(s.id)]),
  ['a question', explain('which ports do CycleCloud 7 nodes need open?')],
];

function urlOf(e: Explanation, tag: string): string {
  const ref = e.references.find((r) => r.source === tag);
  if (ref === undefined) throw new Error(`${tag} is cited but not among the references`);
  return ref.url;
}

/** The mrkdwn of every section block, in order. */
function sectionTexts(blocks: readonly unknown[]): string[] {
  return blocks.flatMap((b) => {
    const o = b as { type?: string; text?: { text?: string }; elements?: { text?: string }[] };
    if (o.type === 'section' && typeof o.text?.text === 'string') return [o.text.text];
    if (o.type === 'context') return (o.elements ?? []).map((e) => e.text ?? '');
    return [];
  });
}

describe('explain, in Slack', () => {
  it.each(explanations)('%s: links each source beside the section it supports', (_name, e) => {
    const rendered = slackExplanation(e);
    const all = JSON.stringify(rendered.blocks);
    expect(all).not.toMatch(PATH_SHOWN);
    const texts = sectionTexts(rendered.blocks);
    for (const section of e.kind === 'symptom' ? [] : e.sections) {
      const shown = texts.find((t) => t.startsWith(`*${section.heading}*`));
      expect(shown, section.heading).toBeDefined();
      const headingLine = shown?.split('\n')[0] ?? '';
      for (const tag of section.sources ?? []) expect(headingLine).toContain(`<${urlOf(e, tag)}|`);
    }
    for (const ref of e.references) expect(all).toContain(`<${ref.url}|`);
  });

  it('cites at least one source beside a section for every topic', () => {
    for (const t of TOPICS) {
      const texts = sectionTexts(slackExplanation(explain(t.id)).blocks);
      expect(
        texts.some((s) => /^\*[^*]+\* <https:\/\/[^|>]+\|\[\d+\]>/.test(s)),
        t.id,
      ).toBe(true);
    }
  });
});

describe('explain, in the terminal', () => {
  it.each(explanations)('%s: prints each source URL right under the section it supports', (_name, e) => {
    const out = terminalExplanation(e, false);
    expect(out).not.toMatch(PATH_SHOWN);
    for (const section of e.kind === 'symptom' ? [] : e.sections) {
      const start = out.indexOf(`\n\n${section.heading}\n`) + 2;
      expect(start, section.heading).toBeGreaterThan(1);
      const end = out.indexOf('\n\n', start);
      const block = out.slice(start, end < 0 ? undefined : end);
      for (const tag of section.sources ?? []) expect(block).toContain(`Source: ${urlOf(e, tag)}`);
    }
    for (const ref of e.references) expect(out).toContain(ref.url);
  });
});

describe('a pasted error, in the terminal chat', () => {
  it.each(SYMPTOM_FACTS.map((f) => [f.id] as const))(
    '%s: lists the URL of every source under the checks',
    (id) => {
      const symptom = explain(id).symptom;
      if (symptom === undefined) throw new Error(`${id} is not explained as a message`);
      expect(symptom.references.length).toBeGreaterThan(0);
      const out = renderSymptom(symptom, painter(false));
      expect(out).not.toMatch(PATH_SHOWN);
      const sources = out.slice(out.lastIndexOf('\nSources:\n'));
      for (const ref of symptom.references) expect(sources).toContain(`\n  ${ref.url}`);
    },
  );
});

const TEMPLATE = [
  '[cluster hpc-demo]',
  '[[node scheduler]]',
  'IsReturnProxy = true',
  '[[[network-interface eth0]]]',
  'AssociatePublicIpAddress = false',
  '[[nodearray hpc]]',
  'IsReturnProxy = true',
  '',
].join('\n');

const SITUATIONS: Situation[] = [
  { serverLocation: 'other-vnet', peering: 'connected', firewall: 'nsg' },
  { serverLocation: 'other-vnet', peering: 'policy', publicIpAllowed: true, cyclecloudVersion: 7 },
  { serverLocation: 'on-premises', privateLink: 'none', publicIpAllowed: false, firewall: 'unknown' },
  { link: 'user-to-node', proxyCandidateOs: 'windows' },
];

function reply(situation: Situation): Extract<Reply, { kind: 'diagnosis' }> {
  return {
    kind: 'diagnosis',
    sessionId: 's1',
    diagnosis: diagnose({ situation, template: parseTemplate(TEMPLATE) }),
    situation,
    sources: {},
    changeable: [],
    canGoBack: true,
  };
}

function cited(line: string, refs: readonly Reference[], tags: readonly string[]): string[] {
  return tags.flatMap((tag) => {
    const url = refs.find((r) => r.source === tag)?.url;
    return url !== undefined && line.includes(`<${url}|`) ? [] : [`${tag} not linked beside "${line}"`];
  });
}

describe('Details in Slack', () => {
  it.each(SITUATIONS.map((s) => [JSON.stringify(s), s] as const))(
    '%s: each reason, step and finding links its sources beside it; no paths',
    (_name, situation) => {
      const r = reply(situation);
      const rec = r.diagnosis.recommendation;
      const rendered = renderDetails(r, 1);
      const all = JSON.stringify(rendered.blocks);
      expect(all).not.toMatch(PATH_SHOWN);
      const lines = sectionTexts(rendered.blocks).flatMap((t) => t.split('\n'));
      const lineWith = (start: string) => lines.find((l) => l.startsWith(start)) ?? `(no line "${start}")`;
      /** A finding's fix is on the line after its head (severity, rule, line, node, message). */
      const fixLine = (f: Finding) => {
        const head = lines.findIndex((l) => l.includes(`*${f.rule}*`) && l.includes(escapeText(f.message)));
        return lines[head + 1] ?? `(no finding ${f.rule})`;
      };
      const missing = [
        ...rec.why.flatMap((w, i) =>
          cited(lineWith(`• ${escapeText(w)}`), rec.references, rec.whySources[i] ?? []),
        ),
        ...rec.steps.flatMap((s, i) =>
          cited(lineWith(`${i + 1}. ${escapeText(s)}`), rec.references, rec.stepSources[i] ?? []),
        ),
        ...r.diagnosis.findings.flatMap((f) => cited(fixLine(f), rec.references, f.sources ?? [])),
      ];
      expect(missing).toEqual([]);
      expect(rec.whySources.flat().length + rec.stepSources.flat().length).toBeGreaterThan(0);
    },
  );
});

describe('template findings in Slack', () => {
  it('link the sources of each rule beside its fix', () => {
    const d = diagnose({ situation: {}, template: parseTemplate(TEMPLATE) });
    const withSources = d.findings.filter((f) => (f.sources ?? []).length > 0);
    expect(withSources.length).toBeGreaterThan(0);
    const rendered = renderTemplate({
      kind: 'template',
      sessionId: 's1',
      fileName: 'slurm.txt',
      findings: d.findings,
      learned: {},
    });
    expect(JSON.stringify(rendered.blocks)).not.toMatch(PATH_SHOWN);
    const lines = sectionTexts(rendered.blocks).flatMap((t) => t.split('\n'));
    for (const f of withSources) {
      const fix = lines.find((l) => l.includes(`_Fix:_ ${f.fix.slice(0, 30)}`)) ?? '';
      expect(fix).toMatch(/ — _Source:_ <https:\/\/[^|>]+\|[^>]+>/);
      expect(fix.length, f.rule).toBeGreaterThan(0);
    }
  });
});
