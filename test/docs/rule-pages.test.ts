// One page per rule in docs/rules/, generated from the rule table: the files are up to date, the README links each,
// `ccnet explain CCNxxx` prints the same text, and every helpUri ccnet reports points at an existing page.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleIds, rulePage, TEMPLATE_RULES } from '../../knowledge/index.ts';
import { ccnet } from '../support/cli-io.ts';

const dir = new URL('../../docs/rules/', import.meta.url);

describe('rule pages', () => {
  it('exist for every rule and equal what npm run docs:rules writes', () => {
    const files = readdirSync(dir).sort();
    expect(files).toEqual(
      ruleIds()
        .map((id) => `${id}.md`)
        .sort(),
    );
    for (const rule of TEMPLATE_RULES) {
      const page = readFileSync(new URL(`${rule.id}.md`, dir), 'utf8');
      expect(page, `${rule.id}.md is stale: run npm run docs:rules`).toBe(rulePage(rule.id));
      for (const heading of ['## What it catches', '## Why', '## How to fix', '## Example', '## Sources']) {
        expect(page).toContain(heading);
      }
      expect(page).toContain(rule.catches);
      expect(page).toContain(rule.fix);
    }
  });

  it('ccnet explain CCN004 prints the page itself', async () => {
    const r = await ccnet(['explain', 'ccn004']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(new URL('CCN004.md', dir), 'utf8'));
  });

  it('every helpUri in a report opens an existing page', async () => {
    const r = await ccnet(['check', '-', '--format', 'sarif'], { stdin: '[cluster c]\njunk\n' });
    const rules = JSON.parse(r.stdout).runs[0].tool.driver.rules as Array<{ helpUri: string }>;
    for (const { helpUri } of rules) expect(existsSync(fileURLToPath(helpUri)), helpUri).toBe(true);
  });
});
