// `ccnet check`: lint templates like a linter. A file that cannot be read is reported and the others still checked.
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Env } from '../../config/env.ts';
import { diagnose } from '../../knowledge/index.ts';
import type { Diagnosis } from '../../knowledge/model.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { asCliError, EXIT, usageError } from '../errors.ts';
import { readUserInput } from '../read-input.ts';
import { renderDiagnosis, renderFindings } from '../render/diagnosis.ts';
import { painter, wantsColor } from '../render/text.ts';
import type { CliIO, ParsedCli } from '../run.ts';
import { readParams, readSituation, wantsJson } from './situation-input.ts';

export async function expandFiles(patterns: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (!isDynamicPattern(pattern)) {
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
    throw usageError('name at least one template file or glob, e.g. ccnet check templates/*.txt');
  }
  const situation = await readSituation(args, io);
  const params = readParams(args);
  const files = await expandFiles(args.positionals, io.cwd);
  const color = wantsColor(io.stdout, env.color);
  const paint = painter(color);

  const results: Array<{ file: string } & Diagnosis> = [];
  let unreadable = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readUserInput(io, file);
    } catch (error) {
      const coded = asCliError(error, 'check');
      if (coded.code !== 'USAGE') throw error;
      unreadable += 1;
      io.stderr.write(`ccnet check: ${coded.hint}\n`);
      continue;
    }
    results.push({ file, ...diagnose({ situation, template: parseTemplate(text, { params }) }) });
  }

  if (wantsJson(args)) {
    io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else if (results.length === 1 && results[0]) {
    const [only] = results;
    io.stdout.write(renderDiagnosis(only, { color, file: only.file }));
  } else {
    for (const result of results) {
      if (result.findings.length > 0)
        io.stdout.write(`${renderFindings(result.findings, result.file, paint)}\n`);
    }
  }
  const counts = countSeverities(results);
  if (!wantsJson(args)) {
    const summary = `${results.length} file${results.length === 1 ? '' : 's'} checked: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info`;
    io.stdout.write(`${paint(counts.error > 0 ? 'red' : 'green', summary)}\n`);
  }
  if (unreadable > 0) return EXIT.usage;
  return counts.error > 0 ? EXIT.findings : EXIT.ok;
}

export function countSeverities(results: readonly Diagnosis[]): Record<'error' | 'warning' | 'info', number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const result of results) for (const f of result.findings) counts[f.severity] += 1;
  return counts;
}
