// Every `ccnet check --format`, as a CI system or an editor reads it. SARIF is checked by two real validators: ajv
// against the SARIF 2.1.0 JSON schema that ships with Microsoft's SARIF SDK (@microsoft/sarif-multitool-linux,
// MIT), and the SARIF Multitool itself with its SARIF and GitHub code-scanning rules.
import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_RULES } from '../../knowledge/index.ts';
import { DiagnosisSchema } from '../../knowledge/model.ts';
import { ccnet } from '../support/cli-io.ts';
import { CORPUS_DIR, corpusAvailable } from '../support/corpus.ts';
import { CLEAN, MIXED, scratch, WARNING_ONLY } from './support.ts';

const { dir, write } = scratch('ccnet-formats-');
write('mixed.txt', MIXED);
write('warn.txt', WARNING_ONLY);
write('clean.txt', CLEAN);
write('empty.txt', '');
const FILES = ['mixed.txt', 'warn.txt', 'clean.txt', 'empty.txt'];
const check = (...args: string[]) => ccnet(['check', ...FILES, ...args], { cwd: dir });

const require = createRequire(import.meta.url);
const multitoolDir = path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
const schema = JSON.parse(readFileSync(path.join(multitoolDir, 'sarif-2.1.0.json'), 'utf8'));

function validateSchema(log: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (formats as unknown as (a: Ajv2020) => void)(ajv);
  const validate = ajv.compile(schema);
  return validate(log)
    ? []
    : (validate.errors ?? []).map(
        (e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`,
      );
}

describe('--format text (default)', () => {
  it('groups by file, sorts by line, shows line:col, and ends with the problem summary', async () => {
    const r = await check();
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('mixed.txt');
    const mixedRows = lines.slice(1, lines.indexOf('')).filter((l) => /^ {2}\d+:\d+ /.test(l));
    expect(mixedRows.map((l) => l.trim().split(' ')[0])).toEqual(['3:3', '9:3']);
    expect(r.stdout).toMatch(/^ {2}- {2}error +The template is empty\. +CCN107$/m);
    expect(r.stdout).toMatch(/^ {2}3:3 +info +IsReturnProxy for scheduler \(line 3\).*CCN006$/m);
    expect(r.stdout).toMatch(/^ +fix: /m);
    expect(r.stdout).not.toContain('clean.txt');
    expect(r.stdout).toContain('✖ 4 problems (2 errors, 1 warning, 1 info)\n  4 files checked');
    expect(r.stdout).not.toContain('Recommendation:');
  });

  it('says so when there is nothing to report', async () => {
    const r = await ccnet(['check', 'clean.txt'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ no problems (1 file checked)\n');
  });

  it('--diagnosis prints the whole diagnosis, as check did before', async () => {
    const r = await ccnet(['check', 'clean.txt', '--diagnosis'], { cwd: dir });
    expect(r.stdout).toContain('Recommendation:');
    expect(r.stdout).toContain('Cluster clean');
  });
});

describe('--format compact', () => {
  it('prints file:line:col: severity: message [rule], one per line, for problem matchers', async () => {
    const r = await check('--format', 'compact');
    const lines = r.stdout.trim().split('\n');
    const findings = lines.slice(0, -1);
    for (const line of findings) {
      expect(line).toMatch(/^[\w.]+:\d+:\d+: (error|warning|info): [^\n]+ \[CCN\d{3}\]$/);
    }
    expect(findings).toContain(
      'warn.txt:4:3: warning: Line 4 is not a header, an attribute or a comment: "this line means nothing". [CCN103]',
    );
    expect(findings.some((l) => /^empty\.txt:1:1: error: .*\[CCN107\]$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('4 problems (2 errors, 1 warning, 1 info)');
  });
});

describe('--format json', () => {
  it('keeps the array of { file, …Diagnosis } and adds column, helpUri and a per-file summary', async () => {
    const r = await check('--format', 'json');
    const files = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(files.map((f) => f.file)).toEqual(FILES);
    for (const { file: _file, summary: _summary, ...diagnosis } of files) {
      expect(DiagnosisSchema.safeParse(diagnosis).success).toBe(true);
    }
    const mixed = files[0] as { findings: Array<Record<string, unknown>>; summary: Record<string, number> };
    expect(mixed.summary).toEqual({
      problems: 2,
      errors: 1,
      warnings: 0,
      info: 1,
      suppressed: 0,
      baselined: 0,
    });
    const info = mixed.findings.find((f) => f.rule === 'CCN006');
    expect(info).toMatchObject({ line: 3, column: 3, severity: 'info', node: 'scheduler' });
    expect(info?.helpUri).toMatch(/^file:\/\/.*\/docs\/rules\/CCN006\.md$/);
    expect(typeof info?.fix).toBe('string');
  });
});

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0: every rule with helpUri and level, results with regions and fixes as text', async () => {
    const r = await check('--format', 'sarif');
    const log = JSON.parse(r.stdout);
    expect(validateSchema(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(TEMPLATE_RULES.map((x) => x.id));
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    const info = run.results.find((x: { ruleId: string }) => x.ruleId === 'CCN006');
    expect(info.level).toBe('note');
    expect(info.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'mixed.txt' },
      region: { startLine: 3, startColumn: 3 },
    });
    expect(info.message.text).toContain('Fix: ');
    expect(run.tool.driver.rules[info.ruleIndex].id).toBe('CCN006');
    const empty = run.results.find((x: { ruleId: string }) => x.ruleId === 'CCN107');
    expect(empty.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
  });

  it('passes the SARIF Multitool with its SARIF and GitHub code-scanning rules', async () => {
    const tool = path.join(multitoolDir, 'Sarif.Multitool');
    accessSync(tool, constants.X_OK);
    const r = await check(
      '--format',
      'sarif',
      '--docs-base',
      'https://github.com/acme/ccnet/blob/main/docs/rules/',
    );
    const input = write('out.sarif', r.stdout);
    const output = path.join(dir, 'validation.sarif');
    const run = await promisify(execFile)(
      tool,
      ['validate', input, '--output', output, '--log', 'ForceOverwrite', '--rule-kind', 'Sarif;Gh'],
      { timeout: 120_000 },
    );
    const problems = JSON.parse(readFileSync(output, 'utf8')).runs[0].results ?? [];
    expect(
      problems.map(
        (p: { ruleId: string; message: { text?: string } }) => `${p.ruleId} ${p.message.text ?? ''}`,
      ),
      run.stdout,
    ).toEqual([]);
  });

  it('flags a broken log, so the validators are not rubber stamps', async () => {
    const r = await check('--format', 'sarif');
    const log = JSON.parse(r.stdout);
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].tool.driver.name;
    expect(validateSchema(log).length).toBeGreaterThan(0);
  });
});

describe('--format github', () => {
  it('prints workflow commands with file, line, col and the rule as title', async () => {
    const r = await check('--format', 'github');
    expect(r.stdout).toMatch(/^::error file=mixed\.txt,line=9,col=3,title=CCN001::/m);
    expect(r.stdout).toMatch(/^::notice file=mixed\.txt,line=3,col=3,title=CCN006::/m);
    expect(r.stdout).toMatch(/^::warning file=warn\.txt,line=4,col=3,title=CCN103::/m);
    expect(r.stdout).toMatch(/^::error file=empty\.txt,title=CCN107::/m);
    for (const line of r.stdout.trim().split('\n').slice(0, -1))
      expect(line).toMatch(/^::(error|warning|notice) /);
  });

  it('escapes % CR LF in messages and also : and , in properties, as the runner requires', async () => {
    const odd = write(
      'a,b:c%.txt',
      `[cluster x]\n  [[node y]]\n  IsReturnProxy = true\n  x 100% = \n  junk line\n`,
    );
    const r = await ccnet(['check', path.basename(odd), '--format', 'github'], { cwd: dir });
    expect(r.stdout).toContain('file=a%2Cb%3Ac%25.txt,');
    expect(r.stdout).toMatch(/::.*%0AFix: /);
    expect(r.stdout.split('\n').every((l) => !l.includes('\r'))).toBe(true);
  });
});

describe('--format junit', () => {
  it('is well-formed JUnit XML: a suite per file, failures for errors and warnings', async () => {
    const r = await check('--format', 'junit');
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.stdout);
    const suites = xml.testsuites.testsuite as Array<{ name: string; failures: string; testcase: unknown }>;
    expect(suites.map((s) => s.name)).toEqual(FILES);
    expect(xml.testsuites.failures).toBe('3');
    expect(suites.find((s) => s.name === 'clean.txt')?.testcase).toMatchObject({ name: 'no problems' });
  });

  it('escapes markup and drops characters XML cannot carry', async () => {
    write('hostile.txt', '[cluster <b>&"\']\n  [[node a\u0001]]\n  stray <junk> & \u0007 line\n');
    const r = await ccnet(['check', 'hostile.txt', '--format', 'junit'], { cwd: dir });
    expect(XMLValidator.validate(r.stdout)).toBe(true);
  });
});

describe('a file that cannot be read, in the CI formats', () => {
  // 6 MB: over the 5 MB a template may have. The other files are still checked, and every report says the run failed.
  write('huge.txt', 'x'.repeat(6 * 1024 * 1024));
  const withHuge = (format: string) =>
    ccnet(['check', 'huge.txt', 'mixed.txt', '--format', format], { cwd: dir });
  const problem = 'huge.txt: 6.0 MB is too large (limit 5.0 MB); is it a template?';

  it('sarif: a valid log whose invocation failed, with one error notification naming the file', async () => {
    const r = await withHuge('sarif');
    expect(r.code).toBe(2);
    const log = JSON.parse(r.stdout);
    expect(validateSchema(log)).toEqual([]);
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: problem },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'huge.txt' } } }],
          },
        ],
      },
    ]);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
  });

  it('junit: an <error> test case for the file, counted in errors', async () => {
    const r = await withHuge('junit');
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.stdout);
    expect(xml.testsuites.errors).toBe('1');
    const suites = xml.testsuites.testsuite as Array<{
      name: string;
      testcase: { error?: { message: string } };
    }>;
    expect(suites.find((x) => x.name === 'huge.txt')?.testcase.error?.message).toBe(problem);
  });

  it('github: an error annotation on the file', async () => {
    const r = await withHuge('github');
    expect(r.stdout).toContain(`::error file=huge.txt,title=ccnet::${problem}\n`);
  });

  it('a clean run says its invocation succeeded', async () => {
    const log = JSON.parse((await ccnet(['check', 'clean.txt', '--format', 'sarif'], { cwd: dir })).stdout);
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });
});

describe('every format on the public corpus', () => {
  it.runIf(corpusAvailable)('prints the summary and stays valid', async () => {
    const files = readdirTemplates();
    const text = await ccnet(['check', ...files]);
    expect(text.stdout).toMatch(
      /✖ \d+ problems \(\d+ errors, \d+ warnings?, \d+ info\)\n {2}98 files checked\n$/,
    );
    const sarif = JSON.parse((await ccnet(['check', ...files, '--format', 'sarif'])).stdout);
    expect(validateSchema(sarif)).toEqual([]);
    expect(XMLValidator.validate((await ccnet(['check', ...files, '--format', 'junit'])).stdout)).toBe(true);
  });
});

function readdirTemplates(): string[] {
  const listing = path.join(dir, 'corpus-list.txt');
  const names = require('node:fs').readdirSync(CORPUS_DIR) as string[];
  writeFileSync(listing, names.join('\n'));
  return names.filter((n) => n.endsWith('.txt')).map((n) => path.join(CORPUS_DIR, n));
}
