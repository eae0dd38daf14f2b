// One page per rule (docs/rules/CCNxxx.md), built from the rule table so the page, `ccnet explain CCNxxx` and the
// README never disagree: what it catches, why it matters (its severity and what follows), how to fix it, a worked
// example (template, finding, corrected template), the facts it rests on with their links, and where it is defined.
// scripts/rule-docs.ts writes the files; a test keeps them equal.
import { EVALUATOR_RULE_EXAMPLES } from './evaluator/rule-examples.ts';
import { EVALUATOR_RULES, TEMPLATE_RULES } from './evaluator/rules.ts';
import { references } from './facts/sources.ts';
import { type ExampleRun, PARSER_RULE_EXAMPLES, type RuleExample } from './template/rule-examples.ts';

const EXAMPLES: Readonly<Record<string, RuleExample>> = {
  ...EVALUATOR_RULE_EXAMPLES,
  ...PARSER_RULE_EXAMPLES,
};

/** The worked example of a rule, as its page shows it. */
export function ruleExample(id: string): RuleExample | undefined {
  return EXAMPLES[id];
}

/** The command line a run stands for, as people type it. */
export function exampleCommand(run: ExampleRun): string {
  return ['ccnet check cluster.txt --format compact', ...(run.options ?? [])].join(' ');
}

function fileLines(run: ExampleRun): string[] {
  if (run.described !== undefined) return [run.described];
  return [
    '`cluster.txt`:',
    '',
    '```ini',
    ...(run.shown ?? run.template).replace(/\n$/, '').split('\n'),
    '```',
  ];
}

function exampleSection(example: RuleExample | undefined): string[] {
  if (!example) return [];
  const { trigger, fixed } = example;
  const fixedLines =
    'none' in fixed
      ? [`Nothing in the template fixes it: ${fixed.none}`]
      : [
          ...(fixed.note ? [sentence(fixed.note), ''] : []),
          ...(fixed.template === trigger.template && fixed.shown === undefined
            ? ['The template stays as above.']
            : fileLines(fixed)),
          '',
          `\`${exampleCommand(fixed)}\` then reports no problems.`,
        ];
  return [
    '## Example',
    '',
    ...(example.note ? [example.note, ''] : []),
    ...fileLines(trigger),
    '',
    `\`${exampleCommand(trigger)}\` prints:`,
    '',
    '```text',
    example.finding,
    ...(example.alongside ?? []),
    '```',
    '',
    '### Fixed',
    '',
    ...fixedLines,
    '',
  ];
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

const WHY = {
  error:
    'It is an error: the cluster will not work as written (or ccnet cannot read the file), and `ccnet check` exits 1.',
  warning:
    'It is a warning: the cluster may work, but something is wasted, exposed or ignored; `--max-warnings` can fail a build on it.',
  info: 'It is information: nothing is wrong as written, but the outcome depends on a choice made outside the file.',
} as const;

export function rulePage(id: string): string | undefined {
  const rule = TEMPLATE_RULES.find((r) => r.id === id);
  if (!rule) return undefined;
  const evaluator = EVALUATOR_RULES.find((r) => r.id === id);
  const refs = references(evaluator?.sources ?? []);
  const definedIn = evaluator ? 'knowledge/evaluator/rules.ts' : 'knowledge/template/rules.ts';
  const lines = [
    `# ${rule.id}: ${rule.title}`,
    '',
    `Severity: **${rule.severity}**${evaluator ? ' (connectivity rule)' : ' (template reading rule)'}`,
    '',
    '## What it catches',
    '',
    rule.catches,
    '',
    '## Why',
    '',
    WHY[rule.severity],
    '',
    '## How to fix',
    '',
    rule.fix,
    '',
    ...exampleSection(EXAMPLES[rule.id]),
    '## Turning it off',
    '',
    `- One line: \`# ccnet-disable-next-line ${rule.id} -- reason\` above it.`,
    `- One file: \`# ccnet-disable ${rule.id} -- reason\`.`,
    `- Everywhere: \`--rule ${rule.id}=off\`, or \`"rules": { "${rule.id}": "off" }\` in \`.ccnetrc.json\`.`,
    '',
    '## Sources',
    '',
    ...(refs.length > 0
      ? refs.map((r) => `- [${r.source}] ${r.title}: ${r.url}`)
      : ['- DESIGN.md, "Template parsing": the template grammar this rule checks.']),
    `- Defined in \`${definedIn}\`.`,
    '',
  ];
  return lines.join('\n');
}

export function ruleIds(): string[] {
  return TEMPLATE_RULES.map((r) => r.id);
}
