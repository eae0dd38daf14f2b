// The exported rule table is complete and truthful: every rule has an example that triggers it, with the table's
// severity and a fix, and nothing the parser reports is missing from the table.
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../knowledge/model.ts';
import {
  applySuppressions,
  findSuppressions,
  PARSER_RULES,
  type ParseOptions,
  parseTemplate,
} from '../../knowledge/template/index.ts';

const throwingParams = Object.defineProperty({}, 'p', {
  enumerable: true,
  get() {
    throw new Error('unreadable');
  },
}) as Record<string, string>;

const longChain = Array.from(
  { length: 1_500 },
  (_, i) => `[[node n${i}]]\nExtends = n${i - 1}\nK${i} = 1`,
).join('\n');

const EXAMPLES: Record<string, [text: string, options?: ParseOptions]> = {
  CCN101: ['[cluster c]\n[[node a]'],
  CCN102: ["[cluster c]\n[[node a]]\nX = '''open"],
  CCN103: ['[cluster c]\njunk'],
  CCN104: ['X = 1\n[cluster c]'],
  CCN105: ['[cluster a]\n[cluster b]'],
  CCN106: ['[parameters p]'],
  CCN107: [''],
  CCN108: ['\u0000'],
  CCN109: ['[cluster c]\n[[node a]]\nExtends = b'],
  CCN110: ['[cluster c]\n[[node a]]\nExtends = a'],
  CCN111: ['[cluster c]\n[[node a]]\nX = $Nowhere'],
  CCN112: ['[cluster c]\n[[node a]]\n[[node a]]'],
  CCN113: ['[cluster c]\n[[[[[[too deep]]]]]]'],
  CCN114: ['[[node a]]\n[cluster c]'],
  CCN115: [`[cluster c]\n${longChain.replace('Extends = n-1\n', '')}`],
  CCN116: ['[cluster c]', { params: { Nothing: '1' } }],
  CCN117: ['[cluster c]\n[[node a]]\nX = 1\nX = 2'],
  CCN118: ['[cluster c]\n[[node]]'],
  CCN119: ['[cluster c]', { params: throwingParams }],
  CCN120: ['[cluster c]\n# ccnet-disable-next-line CCN103\n[[node a]]'],
  CCN121: ['[cluster c]\n# ccnet-disable-next-line\n[[node a]]'],
  CCN122: ['[cluster c]\n[[node a]]\nLabel = caf\ufffd'],
};

/** What a template reports once its own `# ccnet-disable` comments are applied (CCN120/CCN121 come from those). */
function reported(text: string, options?: ParseOptions) {
  const known = new Set(PARSER_RULES.map((r) => r.id));
  return applySuppressions(parseTemplate(text, options).findings, findSuppressions(text, known)).findings;
}

describe('PARSER_RULES', () => {
  it('has unique ids from CCN101 to CCN122, each with a severity, title, what it catches and a fix', () => {
    const ids = PARSER_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of PARSER_RULES) {
      expect(Number(rule.id.slice(3))).toBeGreaterThanOrEqual(101);
      expect(Number(rule.id.slice(3))).toBeLessThanOrEqual(122);
      expect(SEVERITIES).toContain(rule.severity);
      for (const text of [rule.title, rule.catches, rule.fix]) expect(text.length).toBeGreaterThan(10);
    }
    expect(Object.keys(EXAMPLES).sort()).toEqual([...ids].sort());
  });

  it.each(PARSER_RULES.map((r) => [r.id, r] as const))('%s is reported by its example', (id, rule) => {
    const [text, options] = EXAMPLES[id] ?? [''];
    const findings = reported(text, options).filter((f) => f.rule === id);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.severity).toBe(rule.severity);
      expect(finding.message.length).toBeGreaterThan(10);
      expect(finding.fix.length).toBeGreaterThan(10);
    }
  });

  it('keeps errors for files that cannot be understood only', () => {
    const errors = PARSER_RULES.filter((r) => r.severity === 'error').map((r) => r.id);
    expect(errors).toEqual(['CCN101', 'CCN102', 'CCN106', 'CCN107', 'CCN108', 'CCN113', 'CCN119']);
  });
});
