// `ccnet check`: lint templates like a linter. Findings only (--diagnosis adds the whole diagnosis); a file that
// cannot be read is reported in one line and the others are still checked.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Env } from '../../config/env.ts';
import { withNaming } from '../../flows/naming.ts';
import { diagnose } from '../../knowledge/index.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { asCliError, EXIT, usageError } from '../errors.ts';
import { BaselineMatcher, baselinePath, buildBaseline, parseBaseline } from '../lint/baseline.ts';
import { type CcnetConfig, configParams, type LoadedConfig, loadConfig } from '../lint/config.ts';
import { summaryLine } from '../lint/format-text.ts';
import { type CheckFormat, formatReport } from '../lint/formats.ts';
import { lintFile } from '../lint/lint-file.ts';
import {
  type LintSettings,
  maxWarnings,
  resolveDocsBase,
  ruleSettings,
  threshold,
} from '../lint/settings.ts';
import { type FileReport, plural, summarize } from '../lint/types.ts';
import { readUserInput, STDIN_NAME } from '../read-input.ts';
import { renderDiagnosis } from '../render/diagnosis.ts';
import { COMMAND_NAMING } from '../render/naming.ts';
import { wantsColor } from '../render/text.ts';
import type { CliIO, ParsedCli } from '../run.ts';
import { readEvidenceInput } from './evidence-input.ts';
import { readParams, readSituation } from './situation-input.ts';

async function expandFiles(patterns: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (pattern === STDIN_NAME || !isDynamicPattern(pattern)) {
      files.push(pattern);
      continue;
    }
    const matches = (await glob(pattern, { cwd, onlyFiles: true, expandDirectories: false })).sort();
    if (matches.length === 0) throw usageError(`no files match ${pattern}`);
    files.push(...matches);
  }
  return [...new Set(files)];
}

export async function runCheck(args: ParsedCli, io: CliIO, env: Env): Promise<number> {
  if (args.positionals.length === 0) {
    throw usageError(
      'name at least one template file or glob (or - for stdin), e.g. ccnet check templates/*.txt',
    );
  }
  const loaded: LoadedConfig =
    args.values['no-config'] === true
      ? { config: {}, file: null }
      : await loadConfig(io.cwd, typeof args.values.config === 'string' ? args.values.config : undefined);
  const { config } = loaded;
  const situation = { ...config.situation, ...(await readSituation(args, io)) };
  const params = { ...configParams(config), ...readParams(args) };
  const stdinName =
    typeof args.values['stdin-filename'] === 'string' ? args.values['stdin-filename'] : '<stdin>';
  const baselineOf = (file: string) => baselinePath(file, io.cwd);
  const settings: LintSettings = {
    rules: ruleSettings(config, args, loaded.file),
    threshold: threshold(args),
    ...(maxWarnings(args) !== undefined && { maxWarnings: maxWarnings(args) }),
    docsBase: resolveDocsBase(config, args),
    baseline: await readBaseline(args, io),
  };
  const ignored = ignoreMatcher(config, loaded.file, io.cwd);
  const evidence = await readEvidenceInput(args, io);

  const files: FileReport[] = [];
  const unreadable: Array<{ file: string; problem: string }> = [];
  for (const name of await expandFiles(args.positionals, io.cwd)) {
    const file = name === STDIN_NAME ? stdinName : name;
    if (ignored(file)) {
      if (!isDynamicPattern(name) && args.positionals.includes(name)) {
        io.stderr.write(`ccnet check: ${file} is ignored by ${shown(loaded.file, io.cwd)} (ignore)\n`);
      }
      continue;
    }
    let text: string;
    try {
      text = await readUserInput(io, name);
    } catch (error) {
      const coded = asCliError(error, 'check');
      if (coded.code !== 'USAGE') throw error;
      unreadable.push({ file, problem: coded.hint });
      io.stderr.write(`ccnet check: ${coded.hint}\n`);
      continue;
    }
    const diagnosis = diagnose({
      situation,
      template: parseTemplate(text, { params }),
      ...(evidence && { evidence }),
    });
    files.push(lintFile(file, baselineOf(file), text, diagnosis, settings));
  }
  const report = { files, summary: summarize(files), unreadable };

  const writeTo = args.values['write-baseline'];
  if (typeof writeTo === 'string') {
    const baseline = buildBaseline(files.map((f) => ({ file: baselineOf(f.file), findings: f.findings })));
    await writeFile(path.resolve(io.cwd, writeTo), `${JSON.stringify(baseline, null, 2)}\n`);
    io.stderr.write(
      `ccnet check: wrote ${plural(report.summary.problems, 'finding')} of ${plural(files.length, 'file')} to ${writeTo}\n`,
    );
    return unreadable.length > 0 ? EXIT.usage : EXIT.ok;
  }

  const format = (typeof args.values.format === 'string' ? args.values.format : 'text') as CheckFormat;
  const color = wantsColor(io.stdout, env.color);
  if (format === 'text' && args.values.diagnosis === true) {
    for (const f of files)
      io.stdout.write(
        `${renderDiagnosis(withNaming({ ...f.diagnosis, findings: f.findings }, COMMAND_NAMING), { color, file: f.file })}\n`,
      );
    io.stdout.write(`${summaryLine(report.summary)}\n`);
  } else {
    io.stdout.write(
      formatReport(format, report, { color, docsBase: settings.docsBase, baselinePathOf: baselineOf }),
    );
  }

  const fixed = settings.baseline?.fixed() ?? 0;
  if (fixed > 0) {
    io.stderr.write(
      `ccnet check: ${plural(fixed, 'finding')} in the baseline no longer occur; rewrite it with --write-baseline\n`,
    );
  }
  if (unreadable.length > 0) return EXIT.usage;
  if (report.summary.errors > 0) return EXIT.findings;
  if (settings.maxWarnings !== undefined && report.summary.warnings > settings.maxWarnings) {
    io.stderr.write(
      `ccnet check: ${plural(report.summary.warnings, 'warning')}, more than --max-warnings ${settings.maxWarnings}\n`,
    );
    return EXIT.findings;
  }
  return EXIT.ok;
}

async function readBaseline(args: ParsedCli, io: CliIO): Promise<BaselineMatcher | null> {
  const file = args.values.baseline;
  if (typeof file !== 'string') return null;
  const parsed = parseBaseline(await readUserInput(io, file), file);
  if (typeof parsed === 'string') throw usageError(parsed);
  return new BaselineMatcher(parsed);
}

/** Config `ignore` globs match paths relative to the config file's folder. */
function ignoreMatcher(
  config: CcnetConfig,
  configFile: string | null,
  cwd: string,
): (file: string) => boolean {
  const patterns = config.ignore ?? [];
  if (patterns.length === 0) return () => false;
  const root = configFile ? path.dirname(configFile) : cwd;
  const match = picomatch(patterns, { dot: true });
  return (file) => match(path.relative(root, path.resolve(cwd, file)).split(path.sep).join('/'));
}

function shown(file: string | null, cwd: string): string {
  return file ? path.relative(cwd, file) || file : 'the config';
}
