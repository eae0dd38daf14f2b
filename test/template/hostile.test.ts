// Malformed, empty, binary, huge and adversarial input: always findings with lines, never a throw or a hang.
import { describe, expect, it } from 'vitest';
import { FindingSchema } from '../../knowledge/model.ts';
import { type ParsedTemplate, parseTemplate } from '../../knowledge/template/index.ts';
import { attr, errors, node, plain, returnProxies, rules } from './support.ts';

const lines = (...text: string[]) => text.join('\n');

function valid(t: ParsedTemplate): ParsedTemplate {
  for (const finding of t.findings) expect(FindingSchema.parse(finding)).toEqual(finding);
  return t;
}

describe('malformed lines', () => {
  it('reports unbalanced, unclosed, empty and trailing-text headers with their line, and keeps reading', () => {
    const t = valid(
      parseTemplate(
        lines(
          '[cluster c]',
          '[[node a]',
          'X = 1',
          '[[node b]]]',
          '[[node d',
          '[]',
          'Dropped = 1',
          '[[node e]] trailing',
          'Y = 2',
        ),
      ),
    );
    expect(t.findings.map((f) => [f.rule, f.severity, f.line])).toEqual([
      ['CCN101', 'error', 2],
      ['CCN101', 'error', 4],
      ['CCN101', 'error', 5],
      ['CCN101', 'error', 6],
      ['CCN101', 'error', 8],
    ]);
    expect(t.findings[0]?.message).toContain('2 opening, 1 closing');
    expect(t.cluster.nodes.map((n) => n.name)).toEqual(['a', 'b', 'd', 'e']);
    expect(plain(attr(node(t, 'a'), 'x'))).toBe(1);
    expect(plain(attr(node(t, 'e'), 'y'))).toBe(2);
    expect(
      t.sections.flatMap((s) => s.children).some((s) => s.attributes.some((a) => a.key === 'Dropped')),
    ).toBe(false);
  });

  it("reports an unterminated ''' at its opening line and still reads the nodes after it", () => {
    const t = valid(
      parseTemplate(
        lines(
          '[cluster c]',
          '[[node a]]',
          "Template = '''<p>never closed",
          '[[node proxy]]',
          'IsReturnProxy = true',
        ),
      ),
    );
    expect(t.findings).toEqual([
      expect.objectContaining({
        rule: 'CCN102',
        severity: 'error',
        line: 3,
        message: expect.stringContaining('line 3'),
      }),
    ]);
    expect(returnProxies(t)).toEqual(['proxy']);
  });

  it('reports an unterminated """ too', () => {
    const t = parseTemplate(lines('[cluster c]', '[[node a]]', 'CloudInit = """#!/bin/bash', 'echo hi'));
    expect(t.findings.map((f) => [f.rule, f.line])).toEqual([
      ['CCN102', 3],
      ['CCN103', 4],
    ]);
  });

  it('reports junk lines and attributes before any section as warnings, with their lines', () => {
    const t = valid(
      parseTemplate(
        lines(
          'Orphan = 1',
          '[cluster c]',
          'this is not an attribute',
          '= no key',
          '[[node a]]',
          "X = '''a''' b",
        ),
      ),
    );
    expect(t.findings.map((f) => [f.rule, f.severity, f.line])).toEqual([
      ['CCN104', 'warning', 1],
      ['CCN103', 'warning', 3],
      ['CCN103', 'warning', 4],
      ['CCN103', 'warning', 6],
    ]);
    expect(t.findings[1]?.message).toContain('this is not an attribute');
  });

  it('reports a section with no parent of lower rank', () => {
    const t = valid(parseTemplate(lines('[[node early]]', 'X = 1', '[cluster c]', '[[node a]]')));
    expect(t.findings).toEqual([expect.objectContaining({ rule: 'CCN114', line: 1 })]);
    expect(t.cluster.nodes.map((n) => n.name)).toEqual(['a']);
  });
});

describe('whole-file problems', () => {
  it('reports empty and whitespace-only input', () => {
    for (const text of ['', '   \n\t\r\n  ', '\uFEFF\n']) {
      const t = valid(parseTemplate(text));
      expect(rules(t)).toEqual(['CCN107']);
      expect(t.cluster.nodes).toEqual([]);
    }
  });

  it('reports binary input: NUL bytes, or mostly undecodable characters', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).toString('utf8');
    const garbage = Buffer.from(Array.from({ length: 600 }, (_, i) => 0x80 + (i % 64))).toString('utf8');
    for (const text of [png, garbage, '[cluster c]\n\u0000\n']) {
      expect(rules(valid(parseTemplate(text)))).toEqual(['CCN108']);
    }
  });

  it('reads a template with a few invalid UTF-8 bytes (decoded to U+FFFD) as text, and says which line has them', () => {
    const bytes = Buffer.concat([
      Buffer.from('[cluster c]\n[[node proxy]]\nDescription = caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('\nIsReturnProxy = true\n'),
    ]);
    const t = valid(parseTemplate(bytes.toString('utf8')));
    expect(t.findings.map((f) => [f.rule, f.line, f.severity])).toEqual([['CCN122', 3, 'warning']]);
    expect(t.findings[0]?.message).toBe(
      'Line 3 holds bytes that are not UTF-8, read as \u201c\ufffd\u201d; a name or value there may not be what the file says.',
    );
    expect(returnProxies(t)).toEqual(['proxy']);
    expect(attr(node(t, 'proxy'), 'description').raw).toBe('caf\uFFFD\uFFFD');
  });

  it('reports several clusters and no cluster', () => {
    expect(rules(parseTemplate(lines('[cluster a]', '[cluster b]', '[cluster c]')))).toEqual(['CCN105']);
    expect(rules(parseTemplate('# only a comment'))).toEqual(['CCN106']);
  });

  it('reads a file with only CR line ends', () => {
    const t = valid(parseTemplate('[cluster c]\r[[node proxy]]\rIsReturnProxy = true\r'));
    expect(t.findings).toEqual([]);
    expect(attr(node(t, 'proxy'), 'isreturnproxy').line).toBe(3);
  });

  it('reads a file with CRLF line ends, tabs and no final newline', () => {
    const t = valid(
      parseTemplate(
        '[cluster c]\r\n\t[[node proxy]]\r\n\tIsReturnProxy\t=\tTrue\r\n\t[[[network-interface eth0]]]',
      ),
    );
    expect(t.findings).toEqual([]);
    expect(returnProxies(t)).toEqual(['proxy']);
  });
});

describe('size and depth', () => {
  it('refuses a header with 10,000 brackets, and 10,000 ever-deeper headers, with a bounded report', () => {
    const single = valid(
      parseTemplate(`[cluster c]\n${'['.repeat(10_000)}node x${']'.repeat(10_000)}\nX = 1`),
    );
    expect(single.findings).toEqual([
      expect.objectContaining({ rule: 'CCN113', severity: 'error', line: 2 }),
    ]);
    expect(single.cluster.nodes).toEqual([]);

    const staircase = Array.from({ length: 10_000 }, (_, i) => `${'['.repeat(i + 1)}s${i}`).join('\n');
    const deep = valid(parseTemplate(staircase));
    const tooDeep = deep.findings.filter((f) => f.rule === 'CCN113');
    expect(tooDeep.length).toBe(21);
    expect(tooDeep.at(-1)?.message).toMatch(/^9975 more places/);
    expect(errors(deep).length).toBeLessThanOrEqual(3 * 21);
  });

  it('parses 100,000 lines: nodes, junk and comments, with at most 21 findings per rule', () => {
    const chunk = [
      '[[node n{i}]]',
      'IsReturnProxy = {bool}',
      '# comment',
      'junk line {i}',
      "Note = '''x = # y'''",
    ];
    const body = Array.from({ length: 100_000 / chunk.length }, (_, i) =>
      chunk.map((l) => l.replace('{i}', String(i)).replace('{bool}', i === 7 ? 'true' : 'false')).join('\n'),
    );
    const t = valid(parseTemplate(`[cluster big]\n${body.join('\n')}`));
    expect(t.cluster.nodes.length).toBe(100_000 / chunk.length);
    expect(returnProxies(t)).toEqual(['n7']);
    expect(t.findings.filter((f) => f.rule === 'CCN103')).toHaveLength(21);
    expect(t.findings.length).toBe(21);
  });

  it('resolves a 5,000-deep Extends chain without overflowing the stack, and stops inheritance past its budget', () => {
    const chain = Array.from(
      { length: 5_000 },
      (_, i) => `[[node n${i}]]\n${i > 0 ? `Extends = n${i - 1}\n` : ''}K${i} = ${i}`,
    );
    const t = valid(parseTemplate(`[cluster c]\n${chain.join('\n')}`));
    expect(rules(t)).toEqual(['CCN115']);
    expect(plain(attr(node(t, 'n100'), 'k0'))).toBe(0);
    expect(plain(attr(node(t, 'n4999'), 'k4999'))).toBe(4999);
  });

  it('reports a 2,000-node Extends loop once and resolves every node', () => {
    const ring = Array.from(
      { length: 2_000 },
      (_, i) => `[[node n${i}]]\nExtends = n${(i + 1) % 2_000}\nK = ${i}`,
    );
    const t = valid(parseTemplate(`[cluster c]\n${ring.join('\n')}`));
    expect(rules(t)).toEqual(['CCN110']);
    expect(t.findings[0]?.message).toContain('n0 → n1 → n2 → …');
    expect(t.cluster.nodes).toHaveLength(2_000);
  });
});

describe('prototype keys', () => {
  it('treats __proto__, constructor and prototype as plain names for sections, keys, parameters and overrides', () => {
    const t = valid(
      parseTemplate(
        lines(
          '[cluster __proto__]',
          '[[node defaults]]',
          'constructor = $__proto__',
          '[[node prototype]]',
          'Extends = constructor',
          '__proto__ = $constructor',
          '[[node constructor]]',
          'hasOwnProperty = 1',
          '[parameters __proto__]',
          '[[parameter __proto__]]',
          'DefaultValue = yes',
          '[[parameter constructor]]',
        ),
        { params: JSON.parse('{"__proto__": "from-override", "constructor": "c"}') },
      ),
    );
    expect(t.cluster.name).toBe('__proto__');
    const p = node(t, 'prototype');
    expect(plain(attr(p, 'constructor'))).toBe('from-override');
    expect(plain(attr(p, '__proto__'))).toBe('c');
    expect(plain(attr(p, 'hasownproperty'))).toBe(1);
    expect(t.parameters.get('__proto__')?.defaultValue).toEqual({ kind: 'string', value: 'yes' });
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(t.findings).toEqual([]);
  });
});
