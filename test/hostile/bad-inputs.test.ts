// The inputs a hostile or careless user sends, one by one, each with the clear reply or finding it must get.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { findingLine } from '../../bot/render/findings.ts';
import { symptomBlocks } from '../../bot/render/symptom.ts';
import { checkReportedSize, decodeText } from '../../bot/slack/download.ts';
import { codeBlock, escapeText, fittedCodeBlock, inlineCode, truncate } from '../../bot/slack/escape.ts';
import { decodeButtonValue, encodeButtonValue } from '../../bot/slack/payload.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../config/env.ts';
import { MAX_TEMPLATE_CHARS } from '../../flows/templates.ts';
import { CcnetError } from '../../knowledge/errors.ts';
import { matchSymptom } from '../../knowledge/index.ts';
import type { Finding } from '../../knowledge/model.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { anyText, nastyNames, runsFor } from './fuzz.ts';
import { expectSoundParse } from './sound-parse.ts';

const MB = 1024 * 1024;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

function rules(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.rule);
}

/** Parses, checks the result is sound, and returns it. */
function parse(text: string, params?: Record<string, string>) {
  const parsed = parseTemplate(text, params === undefined ? {} : { params });
  expectSoundParse(text, parsed);
  return parsed;
}

afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('bad template files', () => {
  it('binary: says it is not a text file, in the parser and before download decoding', () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const bytes = new Uint8Array(4096).map((_, i) => png[i] ?? (i * 7919) % 256);
    const parsed = parse(new TextDecoder().decode(bytes));
    expect(rules(parsed.findings)).toEqual(['CCN108']);
    expect(parsed.findings[0]).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/not text/),
    });
    expect(() => decodeText(bytes, 'cluster.png')).toThrow(
      expect.objectContaining({ code: 'FILE_NOT_TEXT' }),
    );
  });

  it('0 bytes, or only whitespace: says the template is empty', () => {
    for (const text of ['', '\n\n', ' \t\r\n ', '\ufeff']) {
      const parsed = parse(text);
      expect(rules(parsed.findings), JSON.stringify(text)).toEqual(['CCN107']);
      expect(parsed.findings[0]?.message).toMatch(/empty/);
    }
  });

  it('50 MB: the upload cap refuses it first, and the parser alone still returns a bounded report', () => {
    // Adapters never pass this much to the parser (bot: CCNET_MAX_UPLOAD_BYTES, default 1 MB; sessions: 512 KB);
    // the parser is fed it once anyway, to show a file past every cap cannot crash it or flood the reply.
    expect(MAX_TEMPLATE_CHARS).toBeLessThan(50 * MB);
    let refused: unknown;
    try {
      checkReportedSize({ id: 'F1', name: 'huge.txt', size: 50 * MB }, DEFAULT_MAX_UPLOAD_BYTES);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(CcnetError);
    expect(refused).toMatchObject({ code: 'FILE_TOO_LARGE', hint: expect.stringContaining('50 MB') });

    const line = 'MachineType = Standard_D2s_v3 # repeated, as in a runaway copy and paste\n';
    const text = `[cluster huge]\n[[node scheduler]]\n${line.repeat(Math.ceil((50 * MB) / line.length))}`;
    expect(text.length).toBeGreaterThanOrEqual(50 * MB);
    const parsed = parse(text);
    expect(parsed.cluster.nodes.map((n) => n.name)).toEqual(['scheduler']);
    expect(parsed.findings.length).toBeLessThanOrEqual(21);
    expect(parsed.findings.at(-1)?.message).toMatch(/more places with the same problem/);
  });

  it('100,000 lines: every node is read and each problem is listed at most 20 times plus a summary', () => {
    const lines = ['[cluster long]'];
    for (let i = 1; lines.length < 100_000; i++)
      lines.push(`[[node n${i}]]`, `Extends = missing${i}`, 'stray junk');
    const parsed = parse(lines.join('\n'));
    expect(parsed.cluster.nodes).toHaveLength(33_333);
    const byRule = new Map<string, number>();
    for (const rule of rules(parsed.findings)) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    expect([...byRule.keys()].sort()).toEqual(['CCN103', 'CCN109']);
    for (const count of byRule.values()) expect(count).toBe(21);
  });

  it('10,000 nested brackets: one finding per header saying how deep, no stack overflow', () => {
    const deep = parse(`${'['.repeat(10_000)}node x${']'.repeat(10_000)}\nKey = value`);
    expect(deep.findings.find((f) => f.line === 1)).toMatchObject({
      rule: 'CCN113',
      severity: 'error',
      message: expect.stringContaining('10000 opening brackets; templates nest at most 5'),
    });
    const text = `[cluster c]\n${'['.repeat(10_000)}node x\n${'['.repeat(5_000)}${']'.repeat(10_000)}\n[[[node y]`;
    expect(parse(text).findings.map((f) => [f.rule, f.line])).toEqual([
      ['CCN113', 2],
      ['CCN113', 3],
      ['CCN101', 4],
    ]);
  });

  it('__proto__ and constructor as names, keys and parameters: read as plain names, nothing polluted', () => {
    const text = [
      '[cluster __proto__]',
      '[[node defaults]]',
      'polluted = defaults',
      '[[node __proto__]]',
      'IsReturnProxy = $__proto__',
      'polluted = node',
      '__proto__ = yes',
      '[[[network-interface __proto__]]]',
      'polluted = nic',
      '[[node constructor]]',
      'Extends = __proto__',
      'constructor = yes',
      '[[[configuration]]]',
      '__proto__.polluted = yes',
      '[parameters __proto__]',
      '[[parameters constructor]]',
      '[[[parameter __proto__]]]',
      'DefaultValue = true',
      '[[[parameter constructor]]]',
      'DefaultValue = $__proto__',
    ].join('\n');
    const params: Record<string, string> = JSON.parse(
      '{"__proto__": "false", "constructor": "x", "polluted": "y"}',
    );
    const parsed = parse(text, params);
    expect(parsed.cluster.name).toBe('__proto__');
    expect(parsed.cluster.nodes.map((n) => n.name)).toEqual(['__proto__', 'constructor']);
    const proto = parsed.cluster.nodes[0];
    expect(proto?.attributes.get('polluted')?.raw).toBe('node');
    expect(proto?.attributes.get('__proto__')?.raw).toBe('yes');
    expect(proto?.attributes.get('isreturnproxy')?.value).toEqual({ kind: 'boolean', value: false });
    expect(parsed.cluster.nodes[1]?.attributes.get('polluted')?.raw).toBe('node');
    expect([...parsed.parameters.keys()].sort()).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  });

  it('invalid UTF-8: a few bad bytes are read around; a file of them is not text', () => {
    const good = new TextEncoder().encode(
      '[cluster c]\n# caf\u00e9 comment\n[[node scheduler]]\nIsReturnProxy = true\n',
    );
    const bad = Uint8Array.from([0xff, 0xfe, 0xc3, 0x28, 0x80, 0xe2, 0x82]);
    const mixed = new Uint8Array([...good.slice(0, 14), ...bad, ...good.slice(14)]);
    const text = new TextDecoder().decode(mixed);
    expect(text).toContain('\ufffd');
    expect(parse(text).cluster.nodes.map((n) => n.name)).toEqual(['scheduler']);
    expect(decodeText(mixed, 'c.txt')).toBe(text);

    const garbage = new Uint8Array(2048).map((_, i) => bad[i % bad.length] ?? 0xff);
    expect(rules(parse(new TextDecoder().decode(garbage)).findings)).toEqual(['CCN108']);
    expect(() => decodeText(garbage, 'c.txt')).toThrow(expect.objectContaining({ code: 'FILE_NOT_TEXT' }));
  });
});

describe('Slack control sequences in user text', () => {
  const slackControl = /<[!@#]/;

  it('a template naming nodes <!channel> and <@U…> yields findings that ping nobody', () => {
    const text = [
      '[cluster <!channel>]',
      '[[node <@U0123ABCD>]]',
      'Extends = <!here>',
      '[[node <!subteam^S0123|admins>]]',
      'SubnetId = $<!everyone>',
    ].join('\n');
    const parsed = parse(text);
    expect(parsed.findings.length).toBeGreaterThan(0);
    expect(parsed.findings.map((f) => `${f.node ?? ''} ${f.message}`).join('\n')).toMatch(slackControl);
    for (const finding of parsed.findings) expect(findingLine(finding)).not.toMatch(slackControl);
  });

  it('a pasted error message with mentions around the address is answered without them', () => {
    const match = matchSymptom(
      '<!channel> Timed out connecting to CycleCloud at https://<@U0123ABCD>:9443 <!here>',
    );
    expect(match.recognised).toBe(true);
    expect(JSON.stringify(symptomBlocks(match))).not.toMatch(slackControl);
  });

  it('escaping leaves no way to open a Slack control sequence, whatever the text', () => {
    const text = fc.array(fc.oneof(anyText, nastyNames), { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.nat({ max: 300 }), (s, max) => {
        expect(escapeText(s)).not.toMatch(/[<>]/);
        expect(inlineCode(s)).not.toMatch(/[<>]/);
        expect(codeBlock(s)).not.toMatch(/[<>]/);
        expect(fittedCodeBlock(s, Math.max(40, max)).text).not.toMatch(/[<>]/);
        expect(truncate(escapeText(s), max)).not.toMatch(/[<>]/);
      }),
      { numRuns: runsFor(0.1) },
    );
  });
});

describe('hand-edited button payloads', () => {
  const valid = encodeButtonValue({ s: 'sess-1', v: 3, q: 'serverLocation', c: 'other-vnet' });
  const cases: Array<[string, unknown, string]> = [
    ['no value', undefined, 'the button carries no value'],
    ['empty value', '', 'the button carries no value'],
    ['not a string', 42, 'the button carries no value'],
    ['too long', `{"s":"${'x'.repeat(2_000)}","v":1}`, 'the button value is too long'],
    ['cut short', valid.slice(0, -3), 'the button value is not JSON'],
    ['not JSON', 'sess-1:3', 'the button value is not JSON'],
    [
      'version as text',
      valid.replace('"v":3', '"v":"3"'),
      'the button value does not have the expected fields',
    ],
    [
      'negative version',
      valid.replace('"v":3', '"v":-1'),
      'the button value does not have the expected fields',
    ],
    [
      'fractional version',
      valid.replace('"v":3', '"v":1.5'),
      'the button value does not have the expected fields',
    ],
    ['no session', '{"v":3}', 'the button value does not have the expected fields'],
    [
      'extra field',
      valid.replace('}', ',"admin":true}'),
      'the button value does not have the expected fields',
    ],
    [
      'prototype key',
      valid.replace('}', ',"__proto__":{"polluted":1}}'),
      'the button value does not have the expected fields',
    ],
    ['an array', '["sess-1",3]', 'the button value does not have the expected fields'],
    ['null', 'null', 'the button value does not have the expected fields'],
  ];

  it.each(cases)('%s: the decoder says what is wrong', (_, raw, problem) => {
    expect(decodeButtonValue(raw)).toEqual({ ok: false, problem });
  });

  it('the untouched value still decodes', () => {
    expect(decodeButtonValue(valid)).toEqual({
      ok: true,
      value: { s: 'sess-1', v: 3, q: 'serverLocation', c: 'other-vnet' },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
