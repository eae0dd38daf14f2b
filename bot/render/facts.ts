// Situation facts in words, for "from your team profile" and "learned from the template" notes.

import type { FactSource } from '../../flows/types.ts';
import type { Situation, SituationKey } from '../../knowledge/model.ts';
import { escapeText } from '../slack/escape.ts';

const LABELS: Record<SituationKey, string> = {
  link: 'Broken link',
  cyclecloudVersion: 'CycleCloud version',
  serverLocation: 'CycleCloud server',
  peering: 'VNet peering',
  hubAndSpoke: 'Hub-and-spoke',
  sameRegion: 'Same region',
  privateLink: 'Private connection',
  publicIpAllowed: 'Public IPs allowed',
  firewall: 'Firewall',
  blockedPorts: 'Blocked ports',
  openPorts: 'Open ports',
  proxyCandidateOs: 'Return proxy OS',
};

function formatValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value).replace(/-/g, ' ');
}

/** `CycleCloud server: other vnet` for each key present, in the order of LABELS. */
export function describeFacts(facts: Partial<Situation>, keys?: readonly SituationKey[]): string[] {
  const wanted = keys ?? (Object.keys(LABELS) as SituationKey[]);
  return (Object.keys(LABELS) as SituationKey[])
    .filter((k) => wanted.includes(k) && facts[k] !== undefined)
    .map((k) => escapeText(`${LABELS[k]}: ${formatValue(facts[k])}`));
}

export function keysFrom(
  sources: Partial<Record<SituationKey, FactSource>>,
  source: FactSource,
): SituationKey[] {
  return (Object.keys(sources) as SituationKey[]).filter((k) => sources[k] === source);
}
