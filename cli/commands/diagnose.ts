// `ccnet diagnose`: the recommendation for a situation, with an optional template and error message. The next action
// first; `--verbose` prints the whole answer; `--diagram path.svg|path.png` draws the path it recommends.
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../../config/env.ts';
import { diagramOf } from '../../diagram/model.ts';
import { renderSvg } from '../../diagram/svg.ts';
import { withNaming } from '../../flows/naming.ts';
import { diagnose } from '../../knowledge/index.ts';
import { countSeverities, type Diagnosis, type Situation } from '../../knowledge/model.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { EXIT, usageError } from '../errors.ts';
import { MAX_INPUT_BYTES, readUserInput, STDIN_NAME } from '../read-input.ts';
import { renderDiagnosis, renderSummary } from '../render/diagnosis.ts';
import { COMMAND_NAMING } from '../render/naming.ts';
import { columnsOf, wantsColor } from '../render/text.ts';
import type { CliIO, ParsedCli } from '../run.ts';
import { readEvidenceInput } from './evidence-input.ts';
import { readParams, readSituation, wantsJson } from './situation-input.ts';

/** Pixels per SVG unit in the PNG: sharp on high-density screens. */
const PNG_SCALE = 2;

async function diagramTarget(
  args: ParsedCli,
  io: CliIO,
): Promise<{ file: string; kind: 'svg' | 'png' } | undefined> {
  const file = args.values.diagram;
  if (file === undefined) return undefined;
  if (typeof file !== 'string' || file === '') throw usageError('--diagram takes a file name');
  const isFolder = await stat(path.resolve(io.cwd, file)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isFolder || /[\\/]$/.test(file))
    throw usageError(`--diagram ${file}: that is a folder; name a file in it ending in .svg or .png`);
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.svg' && ext !== '.png')
    throw usageError(`--diagram ${file}: the name must end in .svg or .png`);
  return { file, kind: ext === '.svg' ? 'svg' : 'png' };
}

/** Why a file could not be written, in words, with the system's code for searching. */
function whyNotWritten(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  const folder = path.dirname(file);
  const words: Record<string, string> = {
    ENOENT: `the folder ${folder} does not exist`,
    ENOTDIR: `${folder} is not a folder`,
    EISDIR: 'that is a folder',
    EACCES: `no permission to write in ${folder}`,
    EPERM: `no permission to write in ${folder}`,
    EROFS: `${folder} is on a read-only file system`,
    ENOSPC: 'the disk is full',
  };
  const said = code !== undefined ? words[code] : undefined;
  return said !== undefined ? `${said} (${code})` : (code ?? (error as Error).message);
}

async function writeDiagram(
  target: { file: string; kind: 'svg' | 'png' },
  diagnosis: Diagnosis,
  situation: Situation,
  io: CliIO,
): Promise<string> {
  const { svg } = renderSvg(diagramOf({ diagnosis, situation }));
  // The PNG renderer is a native addon: loaded only when a PNG is asked for, so every other run starts as fast.
  const bytes =
    target.kind === 'svg' ? svg : (await import('../../diagram/png.ts')).renderPng(svg, PNG_SCALE).png;
  try {
    await writeFile(path.resolve(io.cwd, target.file), bytes);
  } catch (error) {
    throw usageError(`--diagram ${target.file}: cannot write it: ${whyNotWritten(error, target.file)}`);
  }
  return `Diagram of the path written to ${target.file}\n`;
}

/**
 * The pasted error: the flag's text, or with `--symptom -` a log piped on standard input (read whole, capped, like
 * `ccnet explain -`); a literal "-" matched as an error text would lose what was piped.
 */
async function readSymptom(
  args: ParsedCli,
  io: CliIO,
  templateFile: string | undefined,
): Promise<string | undefined> {
  const value = typeof args.values.symptom === 'string' ? args.values.symptom : undefined;
  if (value !== STDIN_NAME) return value;
  if (templateFile === STDIN_NAME) {
    throw usageError('--symptom - and --template - both read standard input: give the template as a file');
  }
  const text = await readUserInput(
    io,
    STDIN_NAME,
    MAX_INPUT_BYTES,
    'pass the end of the log instead, e.g. tail -n 2000 jetpack.log | ccnet diagnose --symptom -',
  );
  if (text.trim() === '') throw usageError('--symptom -: standard input is empty; nothing to match');
  return text;
}

export async function runDiagnose(args: ParsedCli, io: CliIO, env: Env): Promise<number> {
  const target = await diagramTarget(args, io);
  const situation = await readSituation(args, io);
  const params = readParams(args);
  const templateFile = typeof args.values.template === 'string' ? args.values.template : undefined;
  const template = templateFile
    ? parseTemplate(await readUserInput(io, templateFile), { params })
    : undefined;
  const symptom = await readSymptom(args, io, templateFile);
  const evidence = await readEvidenceInput(args, io);
  const diagnosis = diagnose({
    situation,
    ...(template && { template }),
    ...(symptom !== undefined && { symptom }),
    ...(evidence && { evidence }),
  });

  const written = target !== undefined ? await writeDiagram(target, diagnosis, situation, io) : '';
  if (wantsJson(args)) {
    io.stdout.write(`${JSON.stringify(diagnosis, null, 2)}\n`);
    io.stderr.write(written);
  } else {
    const opts = {
      color: wantsColor(io.stdout, env.color),
      width: columnsOf(io.stdout),
      ...(templateFile && { file: templateFile }),
    };
    const shown = withNaming(diagnosis, COMMAND_NAMING);
    io.stdout.write(
      args.values.verbose === true
        ? renderDiagnosis(shown, opts)
        : renderSummary(shown, { ...opts, more: 'add --verbose' }),
    );
    io.stdout.write(written);
  }
  return countSeverities(diagnosis.findings).error > 0 ? EXIT.findings : EXIT.ok;
}
