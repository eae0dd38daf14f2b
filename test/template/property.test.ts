// Property: for any string, parseTemplate returns without failing (not even into its CCN119 safety net), and every
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CycleCloud templates write ${expr} literally.
// finding is a valid Finding.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FindingSchema } from '../../knowledge/model.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';

function wellFormed(text: string, params?: Record<string, string>): boolean {
  const t = parseTemplate(text, params ? { params } : undefined);
  for (const finding of t.findings) {
    // CCN119 is the safety net for unforeseen failures: no string input may reach it.
    if (finding.rule === 'CCN119') throw new Error(`parser failed internally: ${finding.message}`);
    const checked = FindingSchema.safeParse(finding);
    if (!checked.success)
      throw new Error(`invalid finding ${JSON.stringify(finding)}: ${checked.error.message}`);
  }
  for (const node of t.cluster.nodes) {
    if (node.name.length === 0 || node.line < 1) throw new Error(`bad node ${JSON.stringify(node.name)}`);
  }
  return true;
}

const name = fc.constantFrom(
  'a',
  'scheduler',
  'defaults',
  '__proto__',
  'constructor',
  'x y',
  'eth0',
  '$P',
  '',
);
const key = fc.constantFrom(
  'IsReturnProxy',
  'Extends',
  'Abstract',
  'SubnetId',
  '__proto__',
  'DefaultValue',
  'k',
  '',
);
const value = fc.oneof(
  fc.constantFrom(
    'true',
    'False',
    '1',
    '$P',
    '$p',
    '${P ? a : b}',
    '=undefined',
    'a, b',
    "'''",
    '"""',
    '"q',
    "'s'",
  ),
  fc.constantFrom('a # c', '${ # }', 'scheduler, a', '[x]', '$', '${', '}', '\\'),
  fc.string({ maxLength: 12 }),
);
const header = fc
  .tuple(
    fc.integer({ min: 0, max: 7 }),
    fc.integer({ min: 0, max: 7 }),
    fc.constantFrom(
      'cluster',
      'node',
      'nodearray',
      'parameters',
      'parameter',
      'configuration',
      'network-interface',
      'list',
      'NODE',
    ),
    name,
  )
  .map(([open, close, kind, n]) => `${'['.repeat(open)}${kind} ${n}${']'.repeat(close)}`);
const attribute = fc
  .tuple(key, fc.constantFrom('=', ':=', ' = ', '=='), value, fc.constantFrom('', ' # note', '\t#', ' '))
  .map(([k, op, v, comment]) => `${k}${op}${v}${comment}`);
const templateLine = fc.oneof(
  header,
  attribute,
  fc.constantFrom(
    '',
    '   ',
    '# comment',
    "'''",
    '"""',
    '\t',
    'junk',
    '\u0000',
    '\uFFFD',
    '\uFEFF[cluster c]',
  ),
  fc.string({ maxLength: 20 }),
);
const templateText = fc
  .tuple(fc.array(templateLine, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([ls, eol]) => ls.join(eol));

describe('parseTemplate on arbitrary input', () => {
  it('never throws on any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => wellFormed(text)));
  });

  it('never throws on any full-Unicode string, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => wellFormed(text)));
  });

  it('never throws on template-like text mixing headers, attributes, quotes and comments', () => {
    fc.assert(
      fc.property(templateText, (text) => wellFormed(text)),
      { numRuns: 500 },
    );
  });

  it('never throws with arbitrary --param overrides', () => {
    const params = fc.dictionary(
      fc.oneof(key, fc.string({ maxLength: 6 })),
      fc.oneof(value, fc.string({ maxLength: 6 })),
    );
    fc.assert(
      fc.property(templateText, params, (text, p) => wellFormed(text, p)),
      { numRuns: 200 },
    );
  });

  it('gives the same nodes for LF and CRLF line ends', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(header, attribute), { maxLength: 30 }), (ls) => {
        const lf = parseTemplate(ls.join('\n'));
        const crlf = parseTemplate(ls.join('\r\n'));
        expect(crlf.cluster.nodes.map((n) => [n.name, n.line, [...n.attributes.keys()]])).toEqual(
          lf.cluster.nodes.map((n) => [n.name, n.line, [...n.attributes.keys()]]),
        );
        expect(crlf.findings.map((f) => [f.rule, f.line])).toEqual(lf.findings.map((f) => [f.rule, f.line]));
      }),
      { numRuns: 300 },
    );
  });
});
