// Every fact carries a source, and every source resolves to a reference: a KNOWLEDGE.md tag with its document,
// or a seed file that exists.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOTES, OPTION_FACTS, ROUTE_FACTS } from '../../knowledge/facts/options.ts';
import { PORT_FACTS } from '../../knowledge/facts/ports.ts';
import { isSourceTag, reference, SOURCES } from '../../knowledge/facts/sources.ts';
import {
  ADDRESS_IMPLICATIONS,
  GENERAL_CHECKS,
  PORT_IMPLICATIONS,
  SYMPTOM_FACTS,
} from '../../knowledge/facts/symptoms.ts';
import { TOPICS } from '../../knowledge/facts/topics.ts';
import { EVALUATOR_RULES } from '../../knowledge/index.ts';

const KNOWLEDGE_TAGS = [
  'RP',
  'NC',
  'LD',
  'NS',
  'CI',
  'BT',
  'WP',
  'ES',
  'CFG',
  'NR',
  'CSP',
  'JP',
  'UM',
  'CTN',
  'ERR',
  'ASE1',
  'ASE2',
  'LB',
  'PEER',
];

const facts: [string, readonly string[]][] = [
  ...PORT_FACTS.map((f): [string, readonly string[]] => [`port ${f.id}`, f.sources]),
  ...Object.entries(OPTION_FACTS).map(([id, f]): [string, readonly string[]] => [`option ${id}`, f.sources]),
  ...Object.entries(ROUTE_FACTS).map(([id, f]): [string, readonly string[]] => [`route ${id}`, f.sources]),
  ...Object.entries(NOTES).map(([id, f]): [string, readonly string[]] => [`note ${id}`, f.sources]),
  ...SYMPTOM_FACTS.map((f): [string, readonly string[]] => [`symptom ${f.id}`, f.sources]),
  ['general checks', GENERAL_CHECKS.sources],
  ...PORT_IMPLICATIONS.map((f): [string, readonly string[]] => [`implication ${f.port}`, f.sources]),
  ...Object.entries(ADDRESS_IMPLICATIONS).map(([id, f]): [string, readonly string[]] => [
    `implication ${id}`,
    f.sources,
  ]),
  ...TOPICS.flatMap((t) =>
    t.sections.map((s): [string, readonly string[]] => [`topic ${t.id}/${s.heading}`, s.sources]),
  ),
  ...EVALUATOR_RULES.map((r): [string, readonly string[]] => [`rule ${r.id}`, r.sources]),
];

describe('sources', () => {
  it('maps every KNOWLEDGE.md tag to its document', () => {
    for (const tag of KNOWLEDGE_TAGS) {
      expect(isSourceTag(tag), tag).toBe(true);
      if (isSourceTag(tag)) expect(reference(tag).path.length).toBeGreaterThan(0);
    }
    expect(reference('RP').path).toContain('articles/cyclecloud/how-to/return-proxy.md');
  });

  it.each(facts)('%s has a source that resolves', (_name, sources) => {
    expect(sources.length).toBeGreaterThan(0);
    for (const tag of sources) expect(isSourceTag(tag), tag).toBe(true);
  });

  it('gives every source a URL people can open, on the host of its kind', () => {
    for (const [tag, ref] of Object.entries(SOURCES)) {
      const url = new URL(ref.url);
      expect(url.protocol, tag).toBe('https:');
      if (ref.path.startsWith('MicrosoftDocs/azure-docs') || ref.path.startsWith('Azure CLI reference')) {
        expect(url.host, tag).toBe('learn.microsoft.com');
      } else if (ref.path.startsWith('Azure/')) {
        expect(url.host, tag).toBe('github.com');
      }
    }
    expect(reference('RP').url).toBe('https://learn.microsoft.com/azure/cyclecloud/how-to/return-proxy');
    expect(reference('seed:001').url).toBe(reference('RP').url);
    expect(reference('seed:002').url).toBe('https://dzone.com/articles/network-connectivity-azure');
  });

  it('publishes each document where its path says: Learn for the docs, GitHub for templates, issues and PRs', () => {
    const wrong: string[] = [];
    for (const [tag, ref] of Object.entries(SOURCES)) {
      const url = new URL(ref.url);
      const docs = /^MicrosoftDocs\/azure-docs: articles\/(.+)\.md$/.exec(ref.path);
      const support = /^MicrosoftDocs\/SupportArticles-docs: support\/(.+)\.md$/.exec(ref.path);
      const cli = /^Azure CLI reference: az (.+)$/.exec(ref.path);
      const file = /^([\w.-]+\/[\w.-]+): (.+)$/.exec(ref.path);
      const thread = /^([\w.-]+\/[\w.-]+)#(\d+)$/.exec(ref.path);
      let want: RegExp;
      if (docs) want = new RegExp(`^https://learn\\.microsoft\\.com/azure/${docs[1]}(#[\\w-]+)?$`);
      else if (support) want = new RegExp(`^https://learn\\.microsoft\\.com/troubleshoot/${support[1]}$`);
      else if (cli)
        want = new RegExp(`^https://learn\\.microsoft\\.com/cli/azure/${cli[1]?.replace(/ /g, '/')}$`);
      else if (file)
        want = new RegExp(
          `^https://github\\.com/${file[1]}/(blob|tree)/[\\w.-]+/${file[2]?.replace(/\/$/, '')}$`,
          'i',
        );
      else if (thread)
        want = new RegExp(`^https://github\\.com/${thread[1]}/(issues|pull)/${thread[2]}$`, 'i');
      // A seed is a copy of a published page: people get that page, on the site that published it.
      else if (ref.path.startsWith('seeds/')) want = /^https:\/\/(learn\.microsoft\.com\/azure|dzone\.com)\//;
      // Anything else is cited by its own address (a project's official documentation).
      else want = new RegExp(`^${ref.path.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&')}$`);
      if (!want.test(ref.url) || url.protocol !== 'https:') wrong.push(`${tag}: ${ref.path} -> ${ref.url}`);
    }
    expect(wrong).toEqual([]);
  });

  it('points seed references at the seed files (checked on disk where ../shared is present)', () => {
    const shared = new URL('../../../shared/', import.meta.url);
    const seeds = Object.entries(SOURCES).filter(([tag]) => tag.startsWith('seed:'));
    expect(seeds.length).toBe(4);
    for (const [, ref] of seeds) {
      expect(ref.path).toMatch(/^seeds\/\d{3}_[0-9a-f]{16}\.txt$/);
      if (existsSync(shared)) expect(existsSync(new URL(ref.path, shared)), ref.path).toBe(true);
    }
  });
});
