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
  type SituationKey,
  SituationSchema,
} from '../knowledge/model.ts';
import { readSituationField } from '../knowledge/situation-fields.ts';
import { usageError } from './errors.ts';

/** Flag name → the Situation field it fills, and its help. Values are read by the one Situation field reader. */
export const SITUATION_FLAGS: Record<string, { key: SituationKey; help: string }> = {
  version: { key: 'cyclecloudVersion', help: '7 | 8' },
  server: { key: 'serverLocation', help: SERVER_LOCATIONS.join(' | ') },
  peering: { key: 'peering', help: PEERING_STATES.join(' | ') },
  'hub-and-spoke': { key: 'hubAndSpoke', help: 'yes | no' },
  'same-region': { key: 'sameRegion', help: 'yes | no' },
  'private-link': { key: 'privateLink', help: PRIVATE_LINKS.join(' | ') },
  'public-ip': { key: 'publicIpAllowed', help: 'allowed | blocked' },
  firewall: { key: 'firewall', help: FIREWALLS.join(' | ') },
  'blocked-ports': { key: 'blockedPorts', help: 'ports, e.g. 9443,22' },
  'open-ports': { key: 'openPorts', help: 'ports, e.g. 9443,22' },
  'proxy-os': { key: 'proxyCandidateOs', help: OPERATING_SYSTEMS.join(' | ') },
  link: { key: 'link', help: LINKS.join(' | ') },
};

/** `--peering takes one of connected, …, none (Situation field peering), not "x"`: the flag, what it takes, the field. */
function flagValue(flag: string, key: SituationKey, raw: string): Partial<Situation> {
  const read = readSituationField(key, raw);
  if (read.ok) return { [key]: read.value };
  const { words } = read;
  const takes =
    words.length === 0
      ? 'comma-separated TCP ports (1-65535), e.g. 9443,22'
      : words.length === 2
        ? `${words[0]} or ${words[1]}`
        : `one of ${words.join(', ')}`;
  throw usageError(`--${flag} takes ${takes} (Situation field ${key}), not "${raw}"`);
}

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

function describeIssues(error: z.ZodError): string {
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
    if (typeof raw === 'string') situation = { ...situation, ...flagValue(flag, spec.key, raw) };
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
