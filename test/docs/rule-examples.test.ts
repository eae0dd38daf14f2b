// Every rule page's example is true: `ccnet check`, run the way the page shows, prints exactly the finding lines the
// page shows and nothing else, and the corrected template reports no problem at all. Every rule ccnet can report
// has an example, and `ccnet explain` shows it.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatCompact } from '../../cli/lint/format-compact.ts';
import { docsBase } from '../../cli/lint/help-uri.ts';
import { lintFile } from '../../cli/lint/lint-file.ts';
import { KNOWN_RULES } from '../../cli/lint/settings.ts';
import { summarize } from '../../cli/lint/types.ts';
import { diagnose, exampleCommand, ruleExample, rulePage, TEMPLATE_RULES } from '../../knowledge/index.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import type { ExampleRun, RuleExample } from '../../knowledge/template/rule-examples.ts';
import { ccnet } from '../support/cli-io.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Rule ids the code reports (`'CCN004'` literals outside the rule tables and the examples), read from the source. */
function idsInSource(): Set<string> {
  const ids = new Set<string>();
  for (const dir of ['knowledge', 'cli']) {
    for (const file of readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
      const name = path.basename(file);
      if (!name.endsWith('.ts') || name === 'rules.ts' || name === 'rule-examples.ts') continue;
      const text = readFileSync(path.join(root, dir, file), 'utf8');
      for (const m of text.matchAll(/'(CCN\d{3})'/g)) if (m[1]) ids.add(m[1]);
    }
  }
  return ids;
}

interface Printed {
  code: number;
  findings: string[];
  summary: string;
  stderr: string;
}

function split(code: number, stdout: string, stderr: string): Printed {
  const out = stdout.trimEnd().split('\n');
  return { code, findings: out.slice(0, -1), summary: out.at(-1) ?? '', stderr };
}

/** Runs the command the page shows, in a folder holding only cluster.txt. */
async function runAsShown(run: ExampleRun): Promise<Printed> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-example-'));
  writeFileSync(path.join(dir, 'cluster.txt'), run.template);
  const [program, ...argv] = exampleCommand(run).split(' ');
  expect(program).toBe('ccnet');
  // --no-config: a settings file in a folder above the scratch one must not change what the page promises.
  const r = await ccnet([...argv, '--no-config'], { cwd: dir });
  return split(r.code, r.stdout, r.stderr);
}

/** `ccnet check`'s own pipeline with the parser made to fail, for a rule no input is known to trigger. */
function runWithFailingParser(run: ExampleRun, failure: string): Printed {
  const failingParams = Object.defineProperty({}, 'p', {
    enumerable: true,
    get() {
      throw new RangeError(failure);
    },
  }) as Record<string, string>;
  const diagnosis = diagnose({
    situation: {},
    template: parseTemplate(run.template, { params: failingParams }),
  });
  const report = lintFile('cluster.txt', 'cluster.txt', run.template, diagnosis, {
    rules: new Map(),
    threshold: 'info',
    docsBase: docsBase(undefined),
    baseline: null,
  });
  return split(Number.NaN, formatCompact({ files: [report], summary: summarize([report]) }), '');
}

function trigger(example: RuleExample): Promise<Printed> | Printed {
  return example.simulatedFailure === undefined
    ? runAsShown(example.trigger)
    : runWithFailingParser(example.trigger, example.simulatedFailure);
}

describe('rule page examples', () => {
  it('exist for every rule the linter knows and every rule id the code reports', () => {
    const reported = idsInSource();
    expect(reported.size).toBeGreaterThan(30);
    for (const id of new Set([...KNOWN_RULES, ...reported])) {
      expect(ruleExample(id), `${id} has no example`).toBeDefined();
      expect(rulePage(id), `${id} has no page`).toContain('## Example');
    }
  });

  it.each(TEMPLATE_RULES.map((r) => [r.id, r] as const))(
    '%s: ccnet check prints exactly the finding its page shows, and the fixed template reports nothing',
    async (id, rule) => {
      const example = ruleExample(id);
      if (!example) throw new Error(`${id} has no example`);
      const page = rulePage(id) ?? '';

      const printed = await trigger(example);
      expect(printed.stderr).toBe('');
      expect(printed.findings).toEqual([example.finding, ...(example.alongside ?? [])]);
      // The rule's own line: its id, the severity its page states, a line inside the file.
      const own = /^cluster\.txt:(\d+):\d+: (\w+): .* \[(CCN\d{3})\]$/.exec(example.finding);
      expect(own?.slice(2)).toEqual([rule.severity, id]);
      expect(Number(own?.[1])).toBeLessThanOrEqual(Math.max(1, example.trigger.template.split('\n').length));
      for (const other of example.alongside ?? []) expect(other).not.toContain(`[${id}]`);
      if (example.simulatedFailure === undefined) {
        expect(printed.code).toBe(printed.findings.some((line) => line.includes(': error: ')) ? 1 : 0);
      }

      // The page shows that command, that file (or an honest excerpt of it) and those lines.
      expect(page).toContain(`\`${exampleCommand(example.trigger)}\` prints:`);
      for (const line of printed.findings) expect(page).toContain(line);
      expectShownOnPage(page, example.trigger);

      const { fixed } = example;
      if ('none' in fixed) {
        // Only a rule no input triggers may have no fix.
        expect(example.simulatedFailure).toBeDefined();
        return;
      }
      const after = await runAsShown(fixed);
      expect(after).toEqual({
        code: 0,
        findings: [],
        summary: '0 problems (0 errors, 0 warnings, 0 info)',
        stderr: '',
      });
      expect(page).toContain(`\`${exampleCommand(fixed)}\` then reports no problems.`);
      if (fixed.template !== example.trigger.template) expectShownOnPage(page, fixed);
    },
  );

  it('ccnet explain CCN004 shows the example: the template, the line ccnet check prints, and the fix', async () => {
    const example = ruleExample('CCN004');
    if (!example || 'none' in example.fixed) throw new Error('CCN004 needs a fixable example');
    const printed = await runAsShown(example.trigger);
    const r = await ccnet(['explain', 'CCN004']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Example');
    expect(r.stdout).toContain(printed.findings[0]);
    expect(r.stdout).toContain(example.trigger.template);
    expect(r.stdout).toContain(example.fixed.template);
    expect(r.stdout).toContain('AssociatePublicIpAddress = true');
  });
});

/** The file as printed on the page; an excerpt may leave lines out (`…`) but shows only lines the file has. */
function expectShownOnPage(page: string, run: ExampleRun): void {
  if (run.described !== undefined) {
    expect(page).toContain(run.described);
    return;
  }
  if (run.shown === undefined) {
    expect(page).toContain(`\`\`\`ini\n${run.template}\`\`\``);
    return;
  }
  expect(page).toContain(`\`\`\`ini\n${run.shown}\`\`\``);
  const fileLines = new Set(run.template.split('\n'));
  for (const line of run.shown.trimEnd().split('\n')) {
    if (line.trim() !== '…') expect(fileLines, `excerpt line "${line}" is not in the file`).toContain(line);
  }
}
