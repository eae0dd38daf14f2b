// `ccnet <command>`: parses the command line and dispatches. In-process and injectable, so tests drive it directly.
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { type Env, type EnvSource, loadEnv } from '../config/env.ts';
import { hintLines } from '../knowledge/errors.ts';
import { runCheck } from './commands/check.ts';
import { runDiagnose } from './commands/diagnose.ts';
import { runExplain } from './commands/explain.ts';
import { asCliError, EXIT, usageError } from './errors.ts';
import { EVIDENCE_COMMANDS, EVIDENCE_HELP, EVIDENCE_OPTIONS } from './evidence-commands.ts';
import { CHECK_HELP, CHECK_OPTIONS } from './lint/check-options.ts';
import { CHECK_FORMATS } from './lint/formats.ts';
import { SITUATION_FLAGS } from './situation-args.ts';
import { VERSION } from './version.ts';

export interface CliIO {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  /** The environment as the process got it; read once, by loadEnv. */
  env: EnvSource;
  cwd: string;
}

type Command = (args: ParsedCli, io: CliIO, env: Env) => Promise<number>;

export interface ParsedCli {
  positionals: string[];
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
}

const COMMON_OPTIONS = {
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SITUATION_OPTIONS = {
  situation: { type: 'string' },
  param: { type: 'string', multiple: true },
  ...Object.fromEntries(Object.keys(SITUATION_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
} as const;

interface CommandSpec {
  summary: string;
  usage: string;
  /** More help, printed by `ccnet <command> --help`. */
  details?: string;
  /** What --format json prints. */
  json?: string;
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
  /** Values --format takes, when not text and json. */
  formats?: readonly string[];
  /** Help lines of the command's own options. */
  help?: readonly string[];
  run: Command;
}

const situationHelp = Object.entries(SITUATION_FLAGS)
  .map(([flag, spec]) => `  --${flag} ${spec.help}`)
  .join('\n');

const COMMANDS: Record<string, CommandSpec> = {
  check: {
    summary: 'lint cluster templates (files, globs, or - for stdin) like a linter; exit 1 on errors',
    usage: `ccnet check <file|glob|->... [--format ${CHECK_FORMATS.join('|')}] [--quiet] [--max-warnings N] [--rule CCN006=off] [--baseline b.json] [--evidence FILE]... [--situation s.json] [--param Name=value]... [situation flags]`,
    options: { ...COMMON_OPTIONS, ...SITUATION_OPTIONS, ...CHECK_OPTIONS, ...EVIDENCE_OPTIONS },
    formats: CHECK_FORMATS,
    help: CHECK_HELP,
    details: EVIDENCE_HELP,
    run: runCheck,
  },
  diagnose: {
    summary:
      'recommend a connectivity option for a situation, optionally with a template and an error message',
    usage: `ccnet diagnose [--evidence FILE]... [--situation s.json] [--template t.txt] [--symptom "error text" | --symptom -] [--param Name=value]... [--verbose] [--diagram path.svg|path.png] [--format text|json] [situation flags]`,
    options: {
      ...COMMON_OPTIONS,
      ...SITUATION_OPTIONS,
      ...EVIDENCE_OPTIONS,
      template: { type: 'string' },
      symptom: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      diagram: { type: 'string' },
    },
    details: EVIDENCE_HELP,
    help: [
      '  --symptom -     read the error text or log from standard input: tail -200 jetpack.log | ccnet diagnose --symptom -',
      '  --verbose, -v   the whole answer: why, connections, every snippet, sources (default: the next action first)',
      '  --diagram path.svg|path.png   also draw the recommended path (networks, link, connections with ports)',
    ],
    run: runDiagnose,
  },
  ...EVIDENCE_COMMANDS,
  explain: {
    summary:
      'explain a topic, a rule id, a question, an error message or log, or probe output (- reads stdin); no argument lists the topics',
    usage:
      'ccnet explain [topic | rule id | "question" | "error message" | "$(cat probe-output.txt)" | - | --file jetpack.log]',
    options: { ...COMMON_OPTIONS, file: { type: 'string' } },
    run: runExplain,
  },
  chat: {
    summary: 'the guided troubleshooting flow in the terminal (answers may be piped on stdin)',
    usage: 'ccnet chat [--resume [session id]] [--list]',
    options: { help: COMMON_OPTIONS.help, resume: { type: 'boolean' }, list: { type: 'boolean' } },
    help: [
      '  --resume   continue your most recent open check (or pick one by id); it recaps the answers so far',
      '  --list     list your open checks with their answers, then exit',
    ],
    run: async (args, io, env) => {
      const { runChatCommand } = await import('./commands/chat.ts');
      return runChatCommand(args, io, env);
    },
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`);
  return [
    'ccnet: diagnose connectivity between Azure CycleCloud and its cluster nodes',
    '',
    'Usage: ccnet <command> [options]',
    '',
    ...lines,
    '',
    'Exit codes: 0 no error findings (verify-flow: every flow allowed), 1 error findings (any flow denied or',
    'undetermined), 2 usage error or unreadable input.',
    'Run "ccnet <command> --help" for its options.',
    '',
  ].join('\n');
}

function commandHelp(name: string, spec: CommandSpec): string {
  const withSituation = 'situation' in spec.options;
  return [
    `${spec.usage}`,
    '',
    spec.summary,
    '',
    ...(withSituation
      ? [
          'Situation flags (override --situation):',
          situationHelp,
          '',
          '  --param Name=value   override a template parameter (repeatable), e.g. --param ReturnProxy=true',
        ]
      : []),
    ...(spec.help ?? []),
    ...('format' in spec.options && !spec.formats
      ? [`  --format text|json   default text; json prints ${spec.json ?? 'the Diagnosis'}`]
      : []),
    ...(spec.details ? ['', spec.details] : []),
    ...(name === 'explain'
      ? [
          '  -            read the error text or log from standard input: tail -200 jetpack.log | ccnet explain -',
          '  --file log   read it from a file: ccnet explain --file /opt/cycle/jetpack/logs/jetpack.log',
        ]
      : []),
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`ccnet ${VERSION}\n`);
    return EXIT.ok;
  }
  const spec = COMMANDS[name];
  if (!spec) {
    io.stderr.write(`ccnet: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})\n`);
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: spec.options,
      allowPositionals: true,
      strict: true,
    });
    if (values.help === true) {
      io.stdout.write(commandHelp(name, spec));
      return EXIT.ok;
    }
    const format = values.format;
    const formats = spec.formats ?? ['text', 'json'];
    if (format !== undefined && !formats.includes(String(format))) {
      throw usageError(`--format takes ${formats.join(', ')}, not "${String(format)}"`);
    }
    return await spec.run({ values, positionals }, io, loadEnv(io.env, 'terminal'));
  } catch (error) {
    // A bug keeps its stack; anything coded is the person's to fix, one line per problem.
    const coded = asCliError(error, name);
    if (coded.code === 'INTERNAL') throw error;
    io.stderr.write(hintLines(coded, `ccnet ${name}:`));
    return EXIT.usage;
  }
}
