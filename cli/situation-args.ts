// Situation from `--situation file.json` and/or flags (`--version 8 --server other-vnet ...`); flags win over the file.
import type { z } from 'zod';
import {
  FIREWALLS,
  LINKS,
  OPERATING_SYSTEMS,
  PEERING_STATES,
  PRIVATE_LINKS,
  SERVER_LOCATIONS,
  type Situation,
  SituationSchema,
} from '../knowledge/model.ts';
import { usageError } from './errors.ts';

type Parser = (raw: string, flag: string) => Partial<Situation>;

const YES = new Set(['yes', 'true', 'y', '1', 'allowed', 'on']);
const NO = new Set(['no', 'false', 'n', '0', 'blocked', 'denied', 'off', 'none']);

function bool(key: 'hubAndSpoke' | 'sameRegion' | 'publicIpAllowed'): Parser {
  return (raw, flag) => {
    const v = raw.trim().toLowerCase();
    if (YES.has(v)) return { [key]: true };
    if (NO.has(v)) return { [key]: false };
    throw usageError(`--${flag} takes yes or no (also allowed/blocked, true/false), not "${raw}"`);
  };
}

function oneOf<K extends keyof Situation>(key: K, allowed: readonly string[]): Parser {
  return (raw, flag) => {
    const v = raw.trim().toLowerCase();
    if (!allowed.includes(v)) throw usageError(`--${flag} takes one of ${allowed.join(', ')}, not "${raw}"`);
    return { [key]: v } as Partial<Situation>;
  };
}

function ports(key: 'blockedPorts' | 'openPorts'): Parser {
  return (raw, flag) => {
    const list = raw
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    const numbers = list.map(Number);
    if (list.length === 0 || numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 65535)) {
      throw usageError(`--${flag} takes comma-separated TCP ports (1-65535), e.g. 9443,22, not "${raw}"`);
    }
    return { [key]: numbers };
  };
}

/** Flag name → how it fills the Situation. */
export const SITUATION_FLAGS: Record<string, { parse: Parser; help: string }> = {
  version: {
    parse: (raw, flag) => {
      const v = raw.trim().replace(/^v/i, '');
      if (v === '7' || v === '8') return { cyclecloudVersion: Number(v) as 7 | 8 };
      throw usageError(`--${flag} takes 7 or 8 (the CycleCloud major version), not "${raw}"`);
    },
    help: '7 | 8',
  },
  server: { parse: oneOf('serverLocation', SERVER_LOCATIONS), help: SERVER_LOCATIONS.join(' | ') },
  peering: { parse: oneOf('peering', PEERING_STATES), help: PEERING_STATES.join(' | ') },
  'hub-and-spoke': { parse: bool('hubAndSpoke'), help: 'yes | no' },
  'same-region': { parse: bool('sameRegion'), help: 'yes | no' },
  'private-link': { parse: oneOf('privateLink', PRIVATE_LINKS), help: PRIVATE_LINKS.join(' | ') },
  'public-ip': { parse: bool('publicIpAllowed'), help: 'allowed | blocked' },
  firewall: { parse: oneOf('firewall', FIREWALLS), help: FIREWALLS.join(' | ') },
  'blocked-ports': { parse: ports('blockedPorts'), help: 'ports, e.g. 9443,22' },
  'open-ports': { parse: ports('openPorts'), help: 'ports, e.g. 9443,22' },
  'proxy-os': { parse: oneOf('proxyCandidateOs', OPERATING_SYSTEMS), help: OPERATING_SYSTEMS.join(' | ') },
  link: { parse: oneOf('link', LINKS), help: LINKS.join(' | ') },
};

/** Validate JSON text as a Situation; the message names the file, the field and what it accepts. */
export function parseSituationJson(text: string, file: string): Situation {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw usageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const result = SituationSchema.safeParse(data);
  if (!result.success) throw usageError(`${file}: ${describeIssues(result.error)}`);
  return result.data;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      if (issue.code === 'unrecognized_keys') {
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (allowed: ${Object.keys(SituationSchema.shape).join(', ')})`;
      }
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

export function situationFromFlags(values: Record<string, unknown>): Partial<Situation> {
  let situation: Partial<Situation> = {};
  for (const [flag, spec] of Object.entries(SITUATION_FLAGS)) {
    const raw = values[flag];
    if (typeof raw === 'string') situation = { ...situation, ...spec.parse(raw, flag) };
  }
  return situation;
}

/** `--param Name=value` (repeatable) → overrides for template parameters. */
export function parseParams(raw: readonly string[]): Record<string, string> {
  const params: Record<string, string> = Object.create(null);
  for (const item of raw) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw usageError(`--param takes Name=value (e.g. --param ReturnProxy=true), not "${item}"`);
    params[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return params;
}
