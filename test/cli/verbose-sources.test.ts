// `ccnet diagnose --verbose` cites each reason, step and snippet beside it: [n] numbers the References, and every
// number a line carries is a source that line's fact rests on, shown as its URL.
import { describe, expect, it } from 'vitest';
import { renderDiagnosis } from '../../cli/render/diagnosis.ts';
import { diagnose } from '../../knowledge/index.ts';
import type { Situation } from '../../knowledge/model.ts';
import { ccnet } from '../support/cli-io.ts';

const SITUATIONS: Situation[] = [
  { cyclecloudVersion: 8, serverLocation: 'other-vnet', peering: 'none' },
  { cyclecloudVersion: 7, serverLocation: 'other-vnet', peering: 'policy', publicIpAllowed: true },
  { cyclecloudVersion: 8, serverLocation: 'on-premises', privateLink: 'vpn', firewall: 'azure-firewall' },
  { link: 'user-to-node', serverLocation: 'same-vnet' },
];

/** `[1, 3]` at the end of a line, as numbers. */
const citation = (line: string) =>
  (/ \[(\d+(?:, \d+)*)\]$/.exec(line)?.[1] ?? '').split(', ').filter(Boolean).map(Number);

describe('the whole answer in the terminal', () => {
  for (const situation of SITUATIONS) {
    it(`cites the sources beside each reason and step: ${JSON.stringify(situation)}`, () => {
      const d = diagnose({ situation });
      const r = d.recommendation;
      // Wide enough that nothing wraps: one item, one line.
      const lines = renderDiagnosis(d, { color: false, width: 100_000 }).split('\n');
      const refs = new Map(
        lines.flatMap((l) => {
          const m = /^ {2}\[(\d+)\] .*: (https:\/\/\S+)$/.exec(l);
          return m ? [[Number(m[1]), m[2] ?? ''] as const] : [];
        }),
      );
      expect(refs.size).toBe(r.references.length);
      const urlOf = (tag: string) => r.references.find((ref) => ref.source === tag)?.url;
      const items = [
        ...r.why.map((text, i) => ({ line: `  - ${text}`, tags: r.whySources[i] ?? [] })),
        ...r.steps.map((text, i) => ({ line: `  ${i + 1}. ${text}`, tags: r.stepSources[i] ?? [] })),
      ];
      for (const { line, tags } of items) {
        const shown = lines.find((l) => l.startsWith(line));
        expect(shown, line).toBeDefined();
        const cited = citation(shown ?? '').map((n) => refs.get(n));
        const expected = [...new Set(tags.map(urlOf).filter((u) => u !== undefined))];
        expect(new Set(cited), line).toEqual(new Set(expected));
        if (expected.length > 0) expect(cited.length, line).toBeGreaterThan(0);
      }
    });
  }

  it('prints the numbered sources as URLs through `ccnet diagnose --verbose`', async () => {
    const r = await ccnet(['diagnose', '--server', 'other-vnet', '--peering', 'none', '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n {2}\[1\] [^\n]+:\n? *https:\/\/learn\.microsoft\.com\//);
    expect(r.stdout).toMatch(/\n {2}- [^[]+ \[\d+(, \d+)*\]\n/);
  });
});
