// Writes docs/rules/CCNxxx.md from the rule table (npm run docs:rules). test/docs/rule-pages.test.ts fails when a
// page is missing or differs, so the pages, `ccnet explain CCNxxx` and the README stay one text.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { ruleIds, rulePage } from '../knowledge/index.ts';

const dir = new URL('../docs/rules/', import.meta.url);
mkdirSync(dir, { recursive: true });
const ids = ruleIds();
for (const stale of readdirSync(dir).filter((f) => !ids.includes(f.replace(/\.md$/, '')))) {
  rmSync(new URL(stale, dir));
}
for (const id of ids) writeFileSync(new URL(`${id}.md`, dir), rulePage(id) ?? '');
process.stdout.write(`wrote ${ids.length} rule pages to docs/rules/\n`);
