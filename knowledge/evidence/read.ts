// An evidence file -> resources by kind. The kind is read from the content (a resource's `type`, else its shape),
// never from the file name. A file that holds nothing ccnet reads gets one line saying what was expected.
import { isObj, nameOfId, type Obj, objects, prop, str } from './fields.ts';
import { parseJsonDocuments } from './json.ts';
import {
  nsgsFromRules,
  parseEffectiveEntry,
  parseNic,
  parseNsg,
  parsePeering,
  parseRoute,
  parseRouteTable,
  parseSubnet,
  parseVnet,
} from './parse-resources.ts';
import { interpretProbe, PROBE_MARKER } from './probe.ts';
import { type Evidence, type EvidenceKind, emptyEvidence, type Origin, type Route } from './types.ts';

const EXPECTED_EVIDENCE =
  'expected the JSON of az network vnet show|list, vnet peering list, nsg show|list, nsg rule list, nic show|list, ' +
  'nic list-effective-nsg, nic show-effective-route-table or route-table show (or a ccnet collect bundle, or ccnet probe output)';

/** Resources one file may hold; far more than one subscription's network. */
const MAX_RESOURCES = 50_000;

export type ReadEvidence = { ok: true; evidence: Evidence; notes: string[] } | { ok: false; problem: string };

interface Collector {
  evidence: Evidence;
  notes: string[];
  skipped: Map<string, number>;
  count: number;
}

export function readEvidenceText(file: string, text: string): ReadEvidence {
  const collector: Collector = { evidence: emptyEvidence(), notes: [], skipped: new Map(), count: 0 };
  if (text.includes(PROBE_MARKER)) {
    const probe = interpretProbe(text, { file });
    if (probe) {
      collector.evidence.probes.push(probe);
      return finish(file, collector);
    }
  }
  const parsed = parseJsonDocuments(text);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  collector.notes.push(...parsed.notes);
  if (parsed.documents.every(isEmptyList)) {
    // `az network vnet peering list` on a VNet without peerings prints [] — a true answer, but one that names no VNet.
    return {
      ok: false,
      problem:
        'an empty list ([]): az found nothing to print, so there is nothing to read (for vnet peering list: that VNet has no peerings, which az network vnet show also says, naming the VNet); leave this file out',
    };
  }
  try {
    for (const document of parsed.documents) classify(document, { file }, collector);
  } catch (error) {
    if (error instanceof TooMany) return { ok: false, problem: error.message };
    throw error;
  }
  return finish(file, collector);
}

function finish(file: string, c: Collector): ReadEvidence {
  const kinds = kindsOf(c.evidence);
  if (Object.keys(kinds).length === 0) {
    const skipped = [...c.skipped.keys()]
      .filter((k) => k.startsWith('type '))
      .slice(0, 3)
      .join(', ');
    return {
      ok: false,
      problem: `not an evidence export ccnet reads (${skipped ? `found ${skipped}; ` : ''}${EXPECTED_EVIDENCE})`,
    };
  }
  for (const [what, n] of c.skipped)
    c.notes.push(`skipped ${n} × ${what}: not a network resource ccnet reads`);
  c.evidence.files.push({ file, kinds });
  return { ok: true, evidence: c.evidence, notes: c.notes };
}

function kindsOf(e: Evidence): Partial<Record<EvidenceKind, number>> {
  const kinds: Partial<Record<EvidenceKind, number>> = {};
  const add = (kind: EvidenceKind, n: number) => {
    if (n > 0) kinds[kind] = (kinds[kind] ?? 0) + n;
  };
  add('vnet', e.vnets.length);
  add('subnet', e.subnets.length);
  add('peering', e.peerings.length);
  add('nsg', e.nsgs.filter((n) => !n.rulesOnly).length);
  add('nsg-rules', e.nsgs.filter((n) => n.rulesOnly).length);
  add('nic', e.nics.length);
  add('effective-nsg', e.effectiveNsgs.length);
  add('effective-routes', e.effectiveRoutes.length);
  add('route-table', e.routeTables.length);
  add('probe', e.probes.length);
  return kinds;
}

function isEmptyList(document: unknown): boolean {
  if (Array.isArray(document)) return document.length === 0;
  return isObj(document) && Array.isArray(document.value) && document.value.length === 0;
}

class TooMany extends Error {}

function counted(c: Collector): void {
  c.count += 1;
  if (c.count > MAX_RESOURCES)
    throw new TooMany(
      `more than ${MAX_RESOURCES} resources in one file: export one resource group at a time`,
    );
}

const TYPE_PREFIX = 'microsoft.network/';

function classify(value: unknown, origin: Origin, c: Collector): void {
  if (Array.isArray(value)) {
    classifyList(value, origin, c);
    return;
  }
  if (!isObj(value)) return;
  if (isBundle(value)) {
    classifyBundle(value, origin, c);
    return;
  }
  const type = (str(value, 'type') ?? '').toLowerCase();
  if (type === '' && Array.isArray(value.value)) {
    classifyList(value.value, origin, c);
    return;
  }
  classifyResource(value, type, origin, c);
}

function classifyList(items: unknown[], origin: Origin, c: Collector): void {
  const objs = items.filter(isObj);
  if (objs.length === 0) return;
  if (objs.every(isEffectiveEntry)) {
    const problems: string[] = [];
    const entries = objs.map((o) => parseEffectiveEntry(o, problems)).filter((e) => e !== null);
    c.notes.push(...problems);
    const nicEntry = entries.find((e) => e.association.kind === 'nic');
    const nicName = nicEntry ? nameOfId(nicEntry.association.id) : commandName(origin.command);
    c.evidence.effectiveNsgs.push({
      ...(nicEntry ? { nicId: nicEntry.association.id } : {}),
      ...(nicName ? { nicName } : {}),
      entries,
      origin,
    });
    counted(c);
    return;
  }
  if (objs.every(isRouteEntry)) {
    const routes = objs.map((o) => parseRoute(o, false)).filter((r): r is Route => r !== null);
    const nicName = commandName(origin.command);
    const resourceGroup = commandGroup(origin.command);
    c.evidence.effectiveRoutes.push({
      ...(nicName ? { nicName } : {}),
      ...(resourceGroup ? { resourceGroup } : {}),
      routes,
      origin,
    });
    counted(c);
    return;
  }
  if (objs.every(isRule)) {
    const problems: string[] = [];
    c.evidence.nsgs.push(...nsgsFromRules(objs, origin, problems));
    c.notes.push(...problems);
    counted(c);
    return;
  }
  for (const item of objs) classify(item, origin, c);
}

function classifyResource(o: Obj, type: string, origin: Origin, c: Collector): void {
  const kind = type.startsWith(TYPE_PREFIX)
    ? type.slice(TYPE_PREFIX.length)
    : type === ''
      ? shapeOf(o)
      : null;
  counted(c);
  switch (kind) {
    case 'virtualnetworks':
      c.evidence.vnets.push(parseVnet(o, origin));
      return;
    case 'virtualnetworks/subnets':
      c.evidence.subnets.push(parseSubnet(o, origin));
      return;
    case 'virtualnetworks/virtualnetworkpeerings':
      c.evidence.peerings.push(parsePeering(o, origin));
      return;
    case 'networksecuritygroups': {
      const problems: string[] = [];
      c.evidence.nsgs.push(parseNsg(o, origin, problems));
      c.notes.push(...problems);
      return;
    }
    case 'networksecuritygroups/securityrules':
    case 'networksecuritygroups/defaultsecurityrules': {
      const problems: string[] = [];
      c.evidence.nsgs.push(...nsgsFromRules([o], origin, problems));
      c.notes.push(...problems);
      return;
    }
    case 'networkinterfaces':
      c.evidence.nics.push(parseNic(o, origin));
      return;
    case 'routetables':
      c.evidence.routeTables.push(parseRouteTable(o, origin));
      return;
    default: {
      const written = str(o, 'type') ?? '';
      const label = /^Microsoft\.[\w.]+\/[\w/]{1,100}$/.test(written)
        ? `type ${written}`
        : 'JSON of another kind';
      c.skipped.set(label, (c.skipped.get(label) ?? 0) + 1);
      c.count -= 1;
    }
  }
}

/** Hand-trimmed exports lose `type`: tell the resources apart by their fields. */
function shapeOf(o: Obj): string | null {
  if (isObj(prop(o, 'addressSpace')) || Array.isArray(prop(o, 'virtualNetworkPeerings')))
    return 'virtualnetworks';
  if (prop(o, 'peeringState') !== undefined) return 'virtualnetworks/virtualnetworkpeerings';
  if (Array.isArray(prop(o, 'securityRules')) || Array.isArray(prop(o, 'defaultSecurityRules'))) {
    return 'networksecuritygroups';
  }
  if (isRule(o)) return 'networksecuritygroups/securityrules';
  if (Array.isArray(prop(o, 'ipConfigurations'))) return 'networkinterfaces';
  if (Array.isArray(prop(o, 'routes'))) return 'routetables';
  if (prop(o, 'addressPrefix') !== undefined || Array.isArray(prop(o, 'addressPrefixes'))) {
    return 'virtualnetworks/subnets';
  }
  return null;
}

function isBundle(o: Obj): boolean {
  return o.ccnetEvidence !== undefined && Array.isArray(o.items);
}

function classifyBundle(o: Obj, origin: Origin, c: Collector): void {
  for (const item of objects(o, 'items')) {
    const command = typeof item.command === 'string' ? item.command : undefined;
    const shown = command && /^[\w .,'"=:/-]{1,300}$/.test(command) ? command : 'a command';
    if (item.failed === true || item.output === undefined || item.output === null) {
      c.notes.push(`the bundle records that ${shown} failed or printed nothing`);
      continue;
    }
    classify(item.output, { ...origin, ...(command ? { command: shown } : {}) }, c);
  }
}

function isEffectiveEntry(o: Obj): boolean {
  return Array.isArray(prop(o, 'effectiveSecurityRules')) && isObj(prop(o, 'association'));
}

function isRouteEntry(o: Obj): boolean {
  return (
    typeof prop(o, 'nextHopType') === 'string' &&
    prop(o, 'addressPrefix') !== undefined &&
    str(o, 'type') === undefined
  );
}

function isRule(o: Obj): boolean {
  const type = (str(o, 'type') ?? '').toLowerCase();
  if (type.endsWith('/securityrules') || type.endsWith('/defaultsecurityrules')) return true;
  return (
    type === '' &&
    prop(o, 'priority') !== undefined &&
    prop(o, 'direction') !== undefined &&
    prop(o, 'access') !== undefined
  );
}

/** `-n NAME` / `--name NAME` of a bundle's command (the NIC an effective export was printed for). */
function commandName(command: string | undefined): string | undefined {
  return command ? /(?:^|\s)(?:-n|--name)\s+['"]?([\w.()-]+)/.exec(command)?.[1] : undefined;
}

function commandGroup(command: string | undefined): string | undefined {
  return command ? /(?:^|\s)(?:-g|--resource-group)\s+['"]?([\w.()-]+)/.exec(command)?.[1] : undefined;
}

/** Several files' evidence as one. */
export function mergeEvidence(parts: readonly Evidence[]): Evidence {
  const all = emptyEvidence();
  for (const p of parts) {
    all.vnets.push(...p.vnets);
    all.subnets.push(...p.subnets);
    all.peerings.push(...p.peerings);
    all.nsgs.push(...p.nsgs);
    all.nics.push(...p.nics);
    all.effectiveNsgs.push(...p.effectiveNsgs);
    all.effectiveRoutes.push(...p.effectiveRoutes);
    all.routeTables.push(...p.routeTables);
    all.probes.push(...p.probes);
    all.files.push(...p.files);
  }
  return all;
}
