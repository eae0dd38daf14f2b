// Fixed texts: /ccnet help, /ccnet check, usage for an unknown subcommand, the thread's root message.
import type { Topic } from '../../knowledge/index.ts';
import { optionTitle } from '../../knowledge/index.ts';
import type { ConnectivityOption, Finding } from '../../knowledge/model.ts';
import { actionId } from '../slack/action-ids.ts';
import { escapeText, inlineCode, mention } from '../slack/escape.ts';
import { encodeButtonValue, type StartValue } from '../slack/payload.ts';
import {
  actions,
  type ButtonElement,
  button,
  context,
  fallback,
  type Rendered,
  section,
  sections,
} from './blocks.ts';
import { countBySeverity } from './findings.ts';

export const COMMAND = '/ccnet';

const USAGE = [
  `• \`${COMMAND}\` — start a guided connectivity check here (the questions and the answer go in a thread)`,
  `• \`${COMMAND} explain <error message or topic>\` — what an error means and what to check`,
  `• \`${COMMAND} check\` — how to check a cluster template`,
  `• \`${COMMAND} help\` — this message`,
];

/** One Start button per way into a check; each skips the "what do you need help with" question. */
function startButtons(): ButtonElement[] {
  const start = (text: string, e: StartValue['e'], i: number, style?: 'primary') =>
    button({
      text,
      actionId: actionId('start', i),
      value: encodeButtonValue({ e }),
      ...(style ? { style } : {}),
    });
  return [
    start('Nodes ↔ CycleCloud', 'main', 0, 'primary'),
    start('I have an error message', 'symptom', 1),
    start("Users can't reach nodes", 'user-access', 2),
  ];
}

export function renderHelp(): Rendered {
  return {
    text: 'ccnet helps fix network connectivity between Azure CycleCloud and its cluster nodes.',
    blocks: [
      ...sections([
        '*ccnet* helps fix network connectivity between Azure CycleCloud and the nodes of its clusters.',
        ...USAGE,
        'In a ccnet thread, upload your cluster template (for example `slurm.txt`) or paste an error message.',
      ]),
      section('*Start a check here:*'),
      ...actions('ccnet_help', startButtons()),
    ],
    overflow: [],
  };
}

export function renderCheckHowTo(): Rendered {
  return {
    text: 'To check a cluster template, upload it into a ccnet thread.',
    blocks: sections([
      '*Checking a cluster template*',
      `1. Run \`${COMMAND}\` here; I open a thread.`,
      '2. Upload the template file (for example `slurm.txt`) into that thread.',
      '3. I reply with findings and their line numbers, and the questions the template already answers are skipped.',
      'Or mention me in a message with the template attached.',
      'Without Slack: `npx ccnet check templates/*.txt` (add `--format json` for CI).',
    ]),
    overflow: [],
  };
}

export function renderUsage(subcommand: string): Rendered {
  const text = `I don't know ${inlineCode(subcommand)}. Try:`;
  return { text: fallback(text), blocks: sections([text, ...USAGE]), overflow: [] };
}

export function renderRoot(userId: string): Rendered {
  return {
    text: fallback(`Connectivity check started by ${mention(userId)}`),
    blocks: [
      section(
        `:satellite_antenna: Connectivity check started by ${mention(userId)} — answer below, or upload your cluster template into this thread.`,
      ),
    ],
    overflow: [],
  };
}

/** The root message once the check has an answer: the channel sees the outcome without opening the thread. */
export function renderRootOutcome(input: {
  startedBy: string;
  option: ConnectivityOption;
  headline: string;
  findings: readonly Finding[];
  /** A template was read, so "no findings" means something. */
  templateRead: boolean;
  /** The picture of the path reached the thread. */
  pictured: boolean;
}): Rendered {
  const problems = input.findings.filter((f) => f.severity !== 'info');
  const findings =
    problems.length > 0
      ? `:large_yellow_circle: ${input.templateRead ? 'Template' : 'Findings'}: ${countBySeverity(problems)} to fix.`
      : input.templateRead
        ? ':white_check_mark: Template: nothing left to fix.'
        : '';
  const answer = `*${escapeText(optionTitle(input.option))}*: ${escapeText(input.headline)}`;
  return {
    text: fallback(`Connectivity check by ${mention(input.startedBy)}: ${optionTitle(input.option)}`),
    blocks: [
      section(
        `:satellite_antenna: Connectivity check started by ${mention(input.startedBy)} — answered: ${answer}`,
      ),
      context(
        [
          findings,
          input.pictured
            ? 'The steps, the snippets and a picture of the path are in the thread.'
            : 'The steps and the snippets are in the thread.',
        ]
          .filter((t) => t !== '')
          .join(' '),
      ),
    ],
    overflow: [],
  };
}

export function renderNotAllowed(allowed: readonly string[]): Rendered {
  const where = allowed.map((c) => `<#${escapeText(c)}>`).join(', ');
  const text = `ccnet is set up to answer only in ${where} (CCNET_ALLOWED_CHANNELS).`;
  return { text: fallback(text), blocks: [section(`:no_entry: ${text}`)], overflow: [] };
}

export function renderMentionHint(): Rendered {
  const text = `Run \`${COMMAND}\` to start a check, or mention me with your cluster template attached.`;
  return { text: fallback(text), blocks: [context(text)], overflow: [] };
}

export function renderExplainUsage(topics: readonly Topic[]): Rendered {
  return {
    text: `Usage: ${COMMAND} explain <error message or topic>`,
    blocks: sections([
      `Usage: \`${COMMAND} explain <error message or topic>\`, for example \`${COMMAND} explain Timed out connecting to CycleCloud at https://10.0.0.4:9443\`.`,
      '*Topics*',
      ...topics.map((t) => `• ${inlineCode(t.id)} — ${escapeText(t.summary)}`),
    ]),
    overflow: [],
  };
}
