// Team profile (ccnet.ini): facts a team already knows, so the flow does not ask them again.
//   [defaults]            facts for every check
//   [channel C0123ABC]    facts for checks started in that Slack channel (over the defaults)
// Keys are Situation fields (any case); values are INI strings read by knowledge/situation-fields.ts. Reading the file is the adapters' job.
import { parse } from 'ini';
import { z } from 'zod';
import { type Situation, SituationSchema } from '../knowledge/model.ts';
import { readSituationField, SITUATION_KEYS } from '../knowledge/situation-fields.ts';

export interface TeamProfile {
  defaults: Partial<Situation>;
  /** Keyed by channel id, exactly as Slack spells it. */
  channels: Record<string, Partial<Situation>>;
}

const FIELD_BY_LOWER = new Map(SITUATION_KEYS.map((key) => [key.toLowerCase(), key] as const));

const CHANNEL_SECTION = /^channel\s+(\S+)$/i;

export function parseProfile(text: string, fileName: string): { profile: TeamProfile } | { error: string } {
  let parsed: Record<string, unknown>;
  try {
    parsed = parse(text);
  } catch (error) {
    return {
      error: `${fileName}: not a readable INI file (${error instanceof Error ? error.message : error})`,
    };
  }
  const problems: string[] = [];
  const profile: TeamProfile = { defaults: {}, channels: {} };
  for (const [name, body] of Object.entries(parsed)) {
    if (!isSection(body)) {
      problems.push(`${fileName}: "${name}" is outside a section; put it under [defaults] or [channel <id>]`);
      continue;
    }
    const channel = CHANNEL_SECTION.exec(name)?.[1];
    if (name.toLowerCase() !== 'defaults' && channel === undefined) {
      problems.push(`${fileName}: unknown section [${name}]; use [defaults] or [channel <channel id>]`);
      continue;
    }
    const facts = readSection(body, `${fileName}: [${name}]`, problems);
    if (channel === undefined) profile.defaults = { ...profile.defaults, ...facts };
    else profile.channels[channel] = { ...profile.channels[channel], ...facts };
  }
  return problems.length > 0 ? { error: problems.join('\n') } : { profile };
}

function isSection(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readSection(body: Record<string, unknown>, where: string, problems: string[]): Partial<Situation> {
  const facts: Record<string, unknown> = {};
  for (const [rawKey, raw] of Object.entries(body)) {
    const key = FIELD_BY_LOWER.get(rawKey.replace(/\[\]$/, '').toLowerCase());
    if (key === undefined) {
      const hint = isSection(raw) ? ' (section names may not contain dots)' : '';
      problems.push(`${where} unknown key "${rawKey}"${hint}; known keys: ${SITUATION_KEYS.join(', ')}`);
      continue;
    }
    const read = readSituationField(key, raw);
    if (read.ok) facts[key] = read.value;
    else problems.push(`${where} ${read.problem}`);
  }
  const checked = SituationSchema.safeParse(facts);
  if (!checked.success) {
    problems.push(`${where} ${z.prettifyError(checked.error)}`);
    return {};
  }
  return checked.data;
}

/** The facts a check starts with: the channel's section over the defaults. */
export function profileFacts(profile: TeamProfile | undefined, scope?: string): Partial<Situation> {
  if (!profile) return {};
  const channel =
    scope !== undefined && Object.hasOwn(profile.channels, scope) ? profile.channels[scope] : {};
  return { ...profile.defaults, ...channel };
}
