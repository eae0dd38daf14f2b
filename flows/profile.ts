// Team profile (ccnet.ini): facts a team already knows, so the flow does not ask them again.
//   [defaults]            facts for every check
//   [channel C0123ABC]    facts for checks started in that Slack channel (over the defaults)
// Keys are Situation fields (any case); values are INI strings coerced here. Reading the file is the adapters' job.
import { parse } from 'ini';
import { z } from 'zod';
import {
  CYCLECLOUD_VERSIONS,
  FIREWALLS,
  LINKS,
  OPERATING_SYSTEMS,
  PEERING_STATES,
  PRIVATE_LINKS,
  SERVER_LOCATIONS,
  type Situation,
  type SituationKey,
  SituationSchema,
} from '../knowledge/model.ts';

export interface TeamProfile {
  defaults: Partial<Situation>;
  /** Keyed by channel id, exactly as Slack spells it. */
  channels: Record<string, Partial<Situation>>;
}

type Coerce = { allowed: string; read: (raw: unknown) => unknown };

const enumOf = (values: readonly string[]): Coerce => ({
  allowed: values.join(', '),
  read: (raw) => (typeof raw === 'string' && values.includes(raw.trim()) ? raw.trim() : undefined),
});

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, yes: true, false: false, no: false };
const bool: Coerce = {
  allowed: 'true, false (or yes, no)',
  read: (raw) => (typeof raw === 'boolean' ? raw : BOOLEAN_WORDS[String(raw).trim().toLowerCase()]),
};

const ports: Coerce = {
  allowed: 'port numbers 1-65535 separated by commas, e.g. 9443,5672',
  read: (raw) => {
    const parts = (Array.isArray(raw) ? raw.map(String) : String(raw).split(/[\s,]+/)).filter(
      (p) => p !== '',
    );
    const numbers = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN));
    return numbers.length > 0 && numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= 65535)
      ? numbers
      : undefined;
  },
};

const version: Coerce = {
  allowed: CYCLECLOUD_VERSIONS.join(', '),
  read: (raw) => CYCLECLOUD_VERSIONS.find((v) => String(v) === String(raw).trim()),
};

const FIELDS: Record<SituationKey, Coerce> = {
  link: enumOf(LINKS),
  cyclecloudVersion: version,
  serverLocation: enumOf(SERVER_LOCATIONS),
  peering: enumOf(PEERING_STATES),
  hubAndSpoke: bool,
  sameRegion: bool,
  privateLink: enumOf(PRIVATE_LINKS),
  publicIpAllowed: bool,
  firewall: enumOf(FIREWALLS),
  blockedPorts: ports,
  openPorts: ports,
  proxyCandidateOs: enumOf(OPERATING_SYSTEMS),
};

const FIELD_BY_LOWER = new Map(
  (Object.keys(FIELDS) as SituationKey[]).map((key) => [key.toLowerCase(), key] as const),
);

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
      problems.push(`${where} unknown key "${rawKey}"${hint}; known keys: ${Object.keys(FIELDS).join(', ')}`);
      continue;
    }
    const field = FIELDS[key];
    const value = field.read(raw);
    if (value === undefined) {
      problems.push(`${where} ${key} = "${String(raw)}" is not allowed; allowed: ${field.allowed}`);
      continue;
    }
    facts[key] = value;
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
