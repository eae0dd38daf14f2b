// Shared helpers for evidence tests: fixtures in the shapes az prints, the same resources in the REST shape, and
// verdicts for `SRC,DST,PORT` strings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  EvidenceIndex,
  type FlowVerdict,
  mergeEvidence,
  parseFlowSpec,
  readEvidenceText,
  verifyFlow,
} from '../../knowledge/evidence/index.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/evidence');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Reads texts as evidence files; a file that does not read fails the test with its problem. */
export function indexOf(files: Record<string, string>): EvidenceIndex {
  const parts = Object.entries(files).map(([name, text]) => {
    const read = readEvidenceText(name, text);
    if (!read.ok) throw new Error(`${name}: ${read.problem}`);
    return read.evidence;
  });
  return new EvidenceIndex(mergeEvidence(parts));
}

export function verdict(index: EvidenceIndex, flow: string): FlowVerdict {
  const parsed = parseFlowSpec(flow);
  if (!parsed.ok) throw new Error(parsed.problem);
  const v = verifyFlow(index, parsed.flow);
  if ('problem' in v) throw new Error(v.problem);
  return v;
}

/** What decided, compactly: "deny cyclecloud-nsg/DenyAllOtherInbound@4096". */
export function decided(v: FlowVerdict): string {
  const hop = v.verdict === 'allow' ? v.hops.at(-1) : v.deciding;
  return hop?.rule ? `${v.verdict} ${hop.nsg}/${hop.rule.name}@${hop.rule.priority}` : v.verdict;
}

const OUTSIDE_PROPERTIES = new Set(['id', 'name', 'type', 'etag', 'location', 'tags']);

/**
 * The same resources as the REST API returns them: resource fields under `properties`, sub-resource references
 * reduced to `{ id }`, no `resourceGroup` (az adds it).
 */
export function toRestShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toRestShape);
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.every((k) => k === 'id' || k === 'resourceGroup') && typeof o.id === 'string') return { id: o.id };
  if (typeof o.type !== 'string' || !o.type.startsWith('Microsoft.Network/')) {
    return Object.fromEntries(keys.map((k) => [k, toRestShape(o[k])]));
  }
  const top: Record<string, unknown> = {};
  const properties: Record<string, unknown> = {};
  for (const k of keys) {
    if (k === 'resourceGroup') continue;
    if (OUTSIDE_PROPERTIES.has(k)) top[k] = o[k];
    else properties[k] = toRestShape(o[k]);
  }
  return { ...top, properties };
}

/** An inbound rule on any address and port, as az prints it: a DenyAll unless told otherwise. */
export function inboundRule(name: string, priority: number, access: 'Allow' | 'Deny' = 'Deny', port = '*') {
  return {
    name,
    priority,
    direction: 'Inbound',
    access,
    protocol: port === '*' ? '*' : 'Tcp',
    sourceAddressPrefix: '*',
    sourcePortRange: '*',
    destinationAddressPrefix: '*',
    destinationPortRange: port,
  };
}

/** One NSG exported on its own, without its id (so without its resource group), as JSON text. */
export function loneNsgJson(name: string, rules: object[]): string {
  return JSON.stringify({ name, type: 'Microsoft.Network/networkSecurityGroups', securityRules: rules });
}
