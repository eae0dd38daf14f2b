// What decides which findings `ccnet check` reports and how it exits: rule settings (config, then --rule), the
// severity threshold (--severity, --quiet), --max-warnings, the docs base and the baseline.
import { TEMPLATE_RULES } from '../../knowledge/index.ts';
import { SEVERITIES, type Severity } from '../../knowledge/model.ts';
import { usageError } from '../errors.ts';
import type { ParsedCli } from '../run.ts';
import type { BaselineMatcher } from './baseline.ts';
import { type CcnetConfig, RULE_SETTINGS, type RuleSetting } from './config.ts';
import { docsBase } from './help-uri.ts';

export interface LintSettings {
  rules: ReadonlyMap<string, RuleSetting>;
  /** The lowest severity reported. */
  threshold: Severity;
  maxWarnings?: number;
  docsBase: string;
  baseline: BaselineMatcher | null;
}

export const KNOWN_RULES: ReadonlySet<string> = new Set(TEMPLATE_RULES.map((r) => r.id));

function strings(value: ParsedCli['values'][string]): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function ruleSettings(
  config: CcnetConfig,
  args: ParsedCli,
  configFile: string | null,
): Map<string, RuleSetting> {
  const rules = new Map<string, RuleSetting>();
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    if (!KNOWN_RULES.has(id))
      throw usageError(`${configFile ?? 'config'}: rules.${id}: no such rule (see ccnet explain)`);
    rules.set(id, setting);
  }
  for (const item of strings(args.values.rule)) {
    const match = /^(CCN\d{3})=(\w+)$/i.exec(item.trim());
    const id = match?.[1]?.toUpperCase();
    const setting = match?.[2]?.toLowerCase() as RuleSetting | undefined;
    if (!id || !setting || !RULE_SETTINGS.includes(setting)) {
      throw usageError(`--rule takes RULE=${RULE_SETTINGS.join('|')}, e.g. --rule CCN006=off, not "${item}"`);
    }
    if (!KNOWN_RULES.has(id)) throw usageError(`--rule ${item}: no rule ${id} (see ccnet explain)`);
    rules.set(id, setting);
  }
  return rules;
}

export function threshold(args: ParsedCli): Severity {
  const given = args.values.severity;
  let level: Severity = 'info';
  if (given !== undefined) {
    if (typeof given !== 'string' || !(SEVERITIES as readonly string[]).includes(given)) {
      throw usageError(`--severity takes error, warning or info, not "${String(given)}"`);
    }
    level = given as Severity;
  }
  return args.values.quiet === true ? 'error' : level;
}

export function maxWarnings(args: ParsedCli): number | undefined {
  const given = args.values['max-warnings'];
  if (given === undefined) return undefined;
  const n = typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : Number.NaN;
  if (!Number.isSafeInteger(n))
    throw usageError(`--max-warnings takes a whole number, not "${String(given)}"`);
  return n;
}

export function resolveDocsBase(config: CcnetConfig, args: ParsedCli): string {
  const given = args.values['docs-base'];
  return docsBase(typeof given === 'string' ? given : config.docsBase);
}
