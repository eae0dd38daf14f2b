// The project's ccnet settings, found the way linters find theirs (lilconfig, the loader behind postcss-load-config
// and lint-staged; cosmiconfig's search without its YAML/TS loaders): `.ccnetrc.json`, `ccnet.config.json`, or a
// "ccnet" key in package.json, in the working directory or the nearest folder above it.
import path from 'node:path';
import { lilconfig } from 'lilconfig';
import { z } from 'zod';
import { SituationSchema } from '../../knowledge/model.ts';
import { usageError } from '../errors.ts';

export const RULE_SETTINGS = ['off', 'info', 'warning', 'error'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

const ConfigSchema = z.strictObject({
  /** Per-rule severity, or "off". */
  rules: z
    .record(z.string().regex(/^CCN\d{3}$/, 'rule ids look like CCN004'), z.enum(RULE_SETTINGS))
    .optional(),
  /** Template parameter values, as --param would give them. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  situation: SituationSchema.optional(),
  /** Globs of templates not to check, relative to the config file's folder. */
  ignore: z.array(z.string()).optional(),
  /** Where the rule pages are published; helpUri in every format points there. */
  docsBase: z.string().optional(),
});
export type CcnetConfig = z.infer<typeof ConfigSchema>;

export interface LoadedConfig {
  config: CcnetConfig;
  /** The file it came from; null when none was found. */
  file: string | null;
}

const CONFIG_FILES = ['.ccnetrc.json', 'ccnet.config.json', 'package.json'] as const;

/** JSON.parse, with the file named: lilconfig's own loader does not say which file of the search was broken. */
function loadJson(filepath: string, content: string): unknown {
  try {
    return JSON.parse(content);
  } catch (error) {
    throw usageError(`${filepath}: not valid JSON (${(error as Error).message})`);
  }
}

const explorer = () =>
  lilconfig('ccnet', {
    searchPlaces: [...CONFIG_FILES],
    packageProp: 'ccnet',
    cache: false,
    loaders: { '.json': loadJson },
  });

/** `explicit` is --config; otherwise the search runs upward from `cwd`. */
export async function loadConfig(cwd: string, explicit: string | undefined): Promise<LoadedConfig> {
  let found: Awaited<ReturnType<ReturnType<typeof explorer>['search']>>;
  const shown = (file: string) => path.relative(cwd, file) || file;
  try {
    found = explicit ? await explorer().load(path.resolve(cwd, explicit)) : await explorer().search(cwd);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'USAGE') throw error;
    const file = explicit ?? 'config file';
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw usageError(`${file}: ${reason}`);
  }
  if (!found || found.isEmpty) return { config: {}, file: found?.filepath ?? null };
  const parsed = ConfigSchema.safeParse(found.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(top level)';
    throw usageError(`${shown(found.filepath)}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return { config: parsed.data, file: found.filepath };
}

/** Config params as the strings --param gives. */
export function configParams(config: CcnetConfig): Record<string, string> {
  return Object.fromEntries(Object.entries(config.params ?? {}).map(([k, v]) => [k, String(v)]));
}
