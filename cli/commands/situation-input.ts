import type { Situation } from '../../knowledge/model.ts';
import { readUserInput } from '../read-input.ts';
import type { CliIO, ParsedCli } from '../run.ts';
import { parseParams, parseSituationJson, situationFromFlags } from '../situation-args.ts';

export async function readSituation(args: ParsedCli, io: CliIO): Promise<Situation> {
  const file = args.values.situation;
  const fromFile = typeof file === 'string' ? parseSituationJson(await readUserInput(io, file), file) : {};
  return { ...fromFile, ...situationFromFlags(args.values) };
}

export function readParams(args: ParsedCli): Record<string, string> {
  const raw = args.values.param;
  return parseParams(
    Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : [],
  );
}

export function wantsJson(args: ParsedCli): boolean {
  return args.values.format === 'json';
}
