// The README is the user's first contact: its set-up commands and its rules table must stay true.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../flows/profile.ts';
import { TEMPLATE_RULES } from '../../knowledge/index.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('README', () => {
  it('starts with the set-up command and the test command, and CI runs that test command', () => {
    const firstBlock = readme.split('```')[1] ?? '';
    expect(firstBlock).toContain('npm ci && npm start');
    expect(firstBlock).toContain('npm test');
    expect(ci).toMatch(/^npm test$/m);
    expect(pkg.scripts.start).toBeDefined();
  });

  it('lists every rule with its severity, in the rules table', () => {
    for (const rule of TEMPLATE_RULES) {
      expect(readme, `${rule.id} missing from README`).toMatch(
        new RegExp(`\\| \\[${rule.id}\\]\\(docs/rules/${rule.id}\\.md\\) \\| ${rule.severity} \\|`),
      );
    }
  });

  it('documents every npm bench script it mentions and mentions every bench script', () => {
    for (const script of Object.keys(pkg.scripts).filter((s) => s.startsWith('bench'))) {
      expect(readme).toContain(`npm run ${script}`);
    }
  });

  it('shows a team profile example that ccnet accepts', () => {
    const example = /```ini\n(\[defaults\][\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const parsed = parseProfile(example ?? '', 'README.md');
    expect(parsed).toEqual({
      profile: {
        defaults: { cyclecloudVersion: 8, serverLocation: 'other-vnet' },
        channels: { C0123ABCD: { peering: 'connected', publicIpAllowed: false } },
      },
    });
  });
});
