// One flow, end to end, in Azure's order: the source's NIC then subnet NSG (outbound), the route, the destination's
// subnet then NIC NSG (inbound). Hops stop at the first deny, so the last hop names the rule that decided.
import type { TagContext } from './addresses.ts';
import { type Endpoint, resolveEndpoint } from './endpoints.ts';
import type { EvidenceIndex } from './evidence-index.ts';
import { idKey, nameOfId, parseId } from './fields.ts';
import { formatRange } from './ip.ts';
import { evaluateRules, type FlowQuery, type NsgOutcome, type Protocol, type RuleRef } from './nsg-eval.ts';
import { type RouteReport, routeFor } from './routes.ts';
import { NSG_SEMANTICS } from './semantics.ts';
import type { Direction, SecurityRule } from './types.ts';

/** A resource group the evidence does not name, quoted so a pasted command fails with a clear message. */
const UNKNOWN_RG = '"<resource group>"';

export interface FlowSpec {
  source: string;
  destination: string;
  port: number;
  protocol: Protocol;
}

type Verdict = 'allow' | 'deny' | 'unknown';

/** An allow rule that lets a denied flow through: placed in the denying NSG, just above the rule that denied it. */
export interface AllowRule {
  nsg: string;
  resourceGroup?: string;
  attachedTo: string;
  name: string;
  priority: number;
  direction: Direction;
  protocol: Protocol;
  source: string;
  destination: string;
  port: number;
  /** The rule it goes in front of. */
  blocking: RuleRef;
  /** Priorities already taken in this NSG and direction. */
  taken: ReadonlySet<number>;
}

export interface HopResult {
  nsg: string;
  nsgId: string;
  resourceGroup?: string;
  /** `subnet <name>` or `nic <name>`. */
  attachedTo: string;
  direction: Direction;
  rule?: RuleRef;
  access: 'allow' | 'deny' | 'unknown';
  /** Why the hop's verdict is unknown, or a caveat on a decided one. */
  why?: string;
  /** Priorities already taken in this NSG and direction, for a fix that fits in. */
  taken: ReadonlySet<number>;
}

export interface FlowVerdict {
  flow: FlowSpec;
  source: string;
  destination: string;
  verdict: Verdict;
  hops: HopResult[];
  route?: RouteReport;
  reason: string;
  /** The hop that denied, or left the verdict open. */
  deciding?: HopResult;
  /** An `az` command that would let the flow through, when an NSG denies it. */
  fix?: string;
  /** The rule `fix` creates, when an NSG denies the flow and a free priority is left above the blocking rule. */
  allowRule?: AllowRule;
  /** Commands that print the evidence which would settle an unknown verdict. */
  next: string[];
  notes: string[];
}

interface PlannedHop {
  nsgId: string;
  nsgName: string;
  resourceGroup?: string;
  attachedTo: string;
  direction: Direction;
  /** Null when the NSG is attached but its rules are not in the evidence. */
  rules: SecurityRule[] | null;
  ctx: TagContext;
  cacheKey: string;
}

export function verifyFlow(index: EvidenceIndex, flow: FlowSpec): FlowVerdict | { problem: string } {
  const src = index.memo(`endpoint|${flow.source}`, () => resolveEndpoint(index, flow.source));
  if (!src.ok) return { problem: `source: ${src.problem}` };
  const dst = index.memo(`endpoint|${flow.destination}`, () => resolveEndpoint(index, flow.destination));
  if (!dst.ok) return { problem: `destination: ${dst.problem}` };
  const from = src.endpoint.side.address;
  const to = dst.endpoint.side.address;
  if (from.kind === 'range' && to.kind === 'range' && from.range.family !== to.range.family) {
    return {
      problem: `${src.endpoint.label} is IPv${from.range.family} and ${dst.endpoint.label} is IPv${to.range.family}: no packet goes from one to the other; name two addresses of the same family`,
    };
  }
  return verifyEndpoints(index, flow, src.endpoint, dst.endpoint);
}

export function verifyEndpoints(
  index: EvidenceIndex,
  flow: FlowSpec,
  src: Endpoint,
  dst: Endpoint,
): FlowVerdict {
  const outPlan = plansFor(index, src, 'outbound');
  const inPlan = plansFor(index, dst, 'inbound');
  const notes = [...src.notes, ...dst.notes, ...outPlan.notes, ...inPlan.notes];
  const next: string[] = [...outPlan.next, ...inPlan.next];
  const out = outPlan.hops;
  const inbound = [...inPlan.hops];
  if (out.length === 0 && inbound.length === 0 && !placed(src) && !placed(dst)) {
    const fallback = loneNsgFallback(index, dst);
    if (fallback) {
      inbound.push(fallback);
      notes.push(
        `the evidence does not say where either end is; ${fallback.nsgName}, its only NSG, was applied to traffic into ${dst.label} (an assumption)`,
      );
    } else if (index.nsgs.length > 0) {
      return {
        ...base(flow, src, dst, notes, next),
        verdict: 'unknown',
        reason: `neither ${src.label} nor ${dst.label} is in a subnet or NIC of the evidence, so which NSGs apply is unknown (add az network vnet show and az network nic show)`,
      };
    }
  }
  const q: FlowQuery = { src: src.side, dst: dst.side, port: flow.port, protocol: flow.protocol };
  const platform = inPlan.platform;
  const hops: HopResult[] = [];
  let open: string | null = null;

  for (const plan of out) {
    const hop = evaluateHop(index, plan, q, platform, next);
    hops.push(hop);
    if (hop.access === 'deny') return denied(flow, src, dst, hops, hop, undefined, notes, next);
    if (hop.access === 'unknown') open ??= `${hop.nsg} (${hop.attachedTo}): ${hop.why ?? 'unknown'}`;
  }
  const routed = placed(src) ? routeFor(index, src, dst) : null;
  const route = routed?.report;
  if (routed) notes.push(...routed.notes);
  if (route?.effect === 'drop') {
    return {
      ...base(flow, src, dst, notes, next),
      verdict: 'deny',
      hops,
      route,
      reason: `dropped: ${route.reason}`,
      fix: routeFix(route),
    };
  }
  if (route && route.effect !== 'deliver') open ??= route.reason;
  for (const plan of inbound) {
    const hop = evaluateHop(index, plan, q, platform, next);
    hops.push(hop);
    if (hop.access === 'deny') return denied(flow, src, dst, hops, hop, route, notes, next);
    if (hop.access === 'unknown') open ??= `${hop.nsg} (${hop.attachedTo}): ${hop.why ?? 'unknown'}`;
  }
  const result: FlowVerdict = { ...base(flow, src, dst, notes, next), hops, verdict: 'allow', reason: '' };
  if (route) result.route = route;
  if (open !== null) {
    result.verdict = 'unknown';
    result.reason = open;
    const deciding = hops.find((h) => h.access === 'unknown');
    if (deciding) result.deciding = deciding;
    return result;
  }
  result.reason = allowReason(hops, route, platform);
  return result;
}

function base(flow: FlowSpec, src: Endpoint, dst: Endpoint, notes: string[], next: string[]) {
  return {
    flow,
    source: src.label,
    destination: dst.label,
    hops: [] as HopResult[],
    notes: notes.length > 1 ? [...new Set(notes)] : notes,
    next: next.length > 1 ? [...new Set(next)] : next,
  };
}

function placed(e: Endpoint): boolean {
  return e.nic !== undefined || e.subnet !== undefined || e.subnetId !== undefined;
}

interface SidePlan {
  hops: PlannedHop[];
  notes: string[];
  next: string[];
  /** The endpoint is a host service address NSGs do not filter (168.63.129.16, 169.254.169.254). */
  platform: string | null;
}

const plans = new WeakMap<Endpoint, Partial<Record<Direction, SidePlan>>>();

/** The NSGs on one end of a flow depend only on the endpoint: planned once per endpoint and direction. */
function plansFor(index: EvidenceIndex, e: Endpoint, direction: Direction): SidePlan {
  const known = plans.get(e) ?? {};
  const hit = known[direction];
  if (hit) return hit;
  const notes: string[] = [];
  const next: string[] = [];
  const plan = {
    hops: planSide(index, e, direction, notes, next),
    notes,
    next,
    platform: platformAddress(e),
  };
  plans.set(e, { ...known, [direction]: plan });
  return plan;
}

function planSide(
  index: EvidenceIndex,
  e: Endpoint,
  direction: Direction,
  notes: string[],
  next: string[],
): PlannedHop[] {
  const ctx = index.tagContext(e.vnet, e.subnet);
  const ctxKey = `${e.vnet?.id ?? '-'}|${e.subnet?.id ?? '-'}`.toLowerCase();
  const hops: { nic?: PlannedHop; subnet?: PlannedHop } = {};
  const effective = e.nic ? index.effectiveNsgFor(e.nic) : undefined;
  if (effective) {
    for (const entry of effective.entries) {
      const attached =
        entry.association.kind === 'nic'
          ? `nic ${nameOfId(entry.association.id)}`
          : `subnet ${nameOfId(entry.association.id)}`;
      const rg = parseId(entry.nsgId).resourceGroup;
      hops[entry.association.kind] = {
        nsgId: entry.nsgId,
        nsgName: entry.nsgName,
        ...(rg ? { resourceGroup: rg } : {}),
        attachedTo: attached,
        direction,
        rules: entry.rules,
        ctx,
        cacheKey: `effective|${idKey(entry.nsgId)}|${effective.origin.file}|${ctxKey}`,
      };
    }
  } else {
    if (e.nic?.nsgId)
      hops.nic = planned(index, e.nic.nsgId, `nic ${e.nic.name}`, direction, ctx, ctxKey, next);
    if (e.subnet) {
      if (e.subnet.nsgId)
        hops.subnet = planned(index, e.subnet.nsgId, `subnet ${e.subnet.name}`, direction, ctx, ctxKey, next);
    } else if (e.subnetId) {
      const nsg = index.nsgListingSubnet(e.subnetId);
      if (nsg)
        hops.subnet = planned(index, nsg.id, `subnet ${nameOfId(e.subnetId)}`, direction, ctx, ctxKey, next);
      else {
        notes.push(
          `subnet ${index.subnetLabel(e.subnetId)} of ${e.label} is not in the evidence, so an NSG on it is not evaluated`,
        );
        const vnet = e.subnetId.replace(/\/subnets\/[^/]+$/i, '');
        const rg = parseId(vnet).resourceGroup;
        next.push(`az network vnet show -g ${rg ?? UNKNOWN_RG} -n ${nameOfId(vnet)} -o json`);
      }
    }
  }
  const ordered = direction === 'inbound' ? [hops.subnet, hops.nic] : [hops.nic, hops.subnet];
  return ordered.filter((h): h is PlannedHop => h !== undefined);
}

function planned(
  index: EvidenceIndex,
  nsgId: string,
  attachedTo: string,
  direction: Direction,
  ctx: TagContext,
  ctxKey: string,
  next: string[],
): PlannedHop {
  const nsg = index.nsg(nsgId);
  const rg = nsg?.resourceGroup ?? parseId(nsgId).resourceGroup;
  if (!nsg) next.push(`az network nsg show -g ${rg ?? UNKNOWN_RG} -n ${nameOfId(nsgId)} -o json`);
  return {
    nsgId,
    nsgName: nsg?.name ?? nameOfId(nsgId),
    ...(rg ? { resourceGroup: rg } : {}),
    attachedTo,
    direction,
    rules: nsg ? index.rulesOf(nsg) : null,
    ctx,
    cacheKey: `nsg|${idKey(nsgId)}|${ctxKey}`,
  };
}

/** With nothing placed and a single NSG exported on its own, apply it to the destination (stated as an assumption). */
function loneNsgFallback(index: EvidenceIndex, dst: Endpoint): PlannedHop | null {
  const e = index.evidence;
  if (e.vnets.length > 0 || e.nics.length > 0 || e.subnets.length > 0 || e.effectiveNsgs.length > 0)
    return null;
  // A service (Storage, Internet) has no NSG of the customer's in front of it.
  if (dst.side.address.kind === 'tag') return null;
  const [only, ...others] = index.nsgs;
  if (!only || others.length > 0) return null;
  return {
    nsgId: only.id,
    nsgName: only.name,
    ...(only.resourceGroup ? { resourceGroup: only.resourceGroup } : {}),
    attachedTo: only.subnetIds[0]
      ? `subnet ${nameOfId(only.subnetIds[0])}`
      : only.nicIds[0]
        ? `nic ${nameOfId(only.nicIds[0])}`
        : `(the NSG in front of ${dst.input})`,
    direction: 'inbound',
    rules: index.rulesOf(only),
    ctx: index.tagContext(undefined, undefined),
    cacheKey: `lone|${idKey(only.id)}`,
  };
}

const PLATFORM = ['168.63.129.16', '169.254.169.254'];
const PLATFORM_TAGS = /^azureplatform(dns|imds|lkm)$/i;

function platformAddress(dst: Endpoint): string | null {
  const a = dst.side.address;
  if (a.kind !== 'range' || a.range.lo !== a.range.hi) return null;
  const text = formatRange(a.range);
  return PLATFORM.includes(text) ? text : null;
}

const NOTHING_TAKEN: ReadonlySet<number> = new Set();

function evaluateHop(
  index: EvidenceIndex,
  plan: PlannedHop,
  q: FlowQuery,
  platform: string | null,
  next: string[],
): HopResult {
  const rules = plan.rules;
  const hop: HopResult = {
    nsg: plan.nsgName,
    nsgId: plan.nsgId,
    attachedTo: plan.attachedTo,
    direction: plan.direction,
    access: 'unknown',
    taken: NOTHING_TAKEN,
  };
  if (plan.resourceGroup) hop.resourceGroup = plan.resourceGroup;
  if (rules === null) {
    hop.why = `NSG ${plan.nsgName} is attached to ${plan.attachedTo} but its rules are not in the evidence`;
    return hop;
  }
  if (platform !== null && !namesPlatformTag(rules)) {
    hop.access = 'allow';
    hop.why = `${platform} is not filtered by NSGs (${NSG_SEMANTICS.PLATFORM_ADDRESSES.url})`;
    return hop;
  }
  const compiled = index.compiled(plan.cacheKey, rules, plan.ctx);
  const direction = plan.direction === 'inbound' ? compiled.inbound : compiled.outbound;
  const outcome: NsgOutcome = evaluateRules(direction, q);
  hop.taken = direction.taken;
  hop.rule = outcome.rule;
  if (outcome.kind === 'unknown') {
    if (/service tag VirtualNetwork/.test(outcome.why)) {
      next.push(
        `az network vnet show -g ${plan.resourceGroup ?? UNKNOWN_RG} -n "<its VNet>" -o json   (the VNet of ${plan.attachedTo}: VirtualNetwork is its address space)`,
      );
    } else if (/service tag/.test(outcome.why)) {
      next.push(
        `az network nic list-effective-nsg -g ${UNKNOWN_RG} -n "<NIC>" -o json   (lists service tags as prefixes)`,
      );
    }
    hop.why = outcome.why;
    return hop;
  }
  hop.access = outcome.access;
  if (outcome.note) hop.why = outcome.note;
  return hop;
}

function namesPlatformTag(rules: readonly SecurityRule[]): boolean {
  return rules.some((r) =>
    [...r.destinationPrefixes, ...r.sourcePrefixes].some((p) => PLATFORM_TAGS.test(p.trim())),
  );
}

function denied(
  flow: FlowSpec,
  src: Endpoint,
  dst: Endpoint,
  hops: HopResult[],
  hop: HopResult,
  route: RouteReport | undefined,
  notes: string[],
  next: string[],
): FlowVerdict {
  const rule = hop.rule;
  const what = rule
    ? `${rule.isDefault ? 'default rule' : 'rule'} ${rule.name} (priority ${rule.priority})`
    : 'a rule';
  const because =
    rule?.isDefault && rule.access === 'deny'
      ? `: no rule above it allows ${flow.protocol}/${flow.port} from ${src.side.label}`
      : '';
  const earlier = hops.find((h) => h.access === 'unknown');
  const allowRule = allowRuleFor(flow, src, dst, hop);
  const fix = allowRule ? allowCommand(allowRule) : noRoomFix(flow, src, dst, hop);
  return {
    ...base(flow, src, dst, notes, next),
    verdict: 'deny',
    hops,
    ...(route ? { route } : {}),
    reason: `denied by ${hop.nsg} (${hop.attachedTo}) ${hop.direction} ${what}${because}${earlier ? `; ${earlier.nsg} before it is undetermined (${earlier.why ?? ''})` : ''}`,
    deciding: hop,
    ...(fix ? { fix } : {}),
    ...(allowRule ? { allowRule } : {}),
  };
}

function allowReason(hops: HopResult[], route: RouteReport | undefined, platform: string | null): string {
  const parts = hops.map(
    (h) =>
      `${h.nsg} (${h.attachedTo}) ${h.direction} ${h.rule ? `${h.rule.name} (priority ${h.rule.priority})` : 'unfiltered'}`,
  );
  const nsgs =
    parts.length > 0
      ? `allowed by ${parts.join(', then ')}`
      : `no NSG on the path (${NSG_SEMANTICS.MISSING_NSG_ALLOWS.url})`;
  const platformNote = platform ? `; ${platform} is a host service address NSGs do not filter` : '';
  return route ? `${nsgs}; ${route.reason}${platformNote}` : `${nsgs}${platformNote}`;
}

/**
 * Fixes for several flows, made to fit together: two rules for one NSG and direction get distinct priorities (each
 * still the highest free one below its blocking rule) and distinct names, so every printed command can be run.
 */
export function fitTogether(verdicts: readonly FlowVerdict[]): FlowVerdict[] {
  const priorities = new Map<string, Set<number>>();
  const names = new Map<string, Set<string>>();
  return verdicts.map((v) => {
    const rule = v.allowRule;
    if (!rule) return v;
    const slot = `${rule.resourceGroup ?? ''}/${rule.nsg}|${rule.direction}`.toLowerCase();
    const used = priorities.get(slot) ?? new Set<number>();
    priorities.set(slot, used);
    const taken = names.get(slot) ?? new Set<string>();
    names.set(slot, taken);
    const priority = freePriorityBefore(rule.blocking.priority, new Set([...rule.taken, ...used]));
    if (priority === null) {
      const { allowRule: _dropped, ...rest } = v;
      return {
        ...rest,
        fix: `# No free priority left below ${rule.blocking.priority} in ${rule.nsg} for this flow too: renumber its rules`,
      };
    }
    used.add(priority);
    let name = rule.name;
    for (let n = 2; taken.has(name); n++) name = `${rule.name}-${n}`;
    taken.add(name);
    if (priority === rule.priority && name === rule.name) return v;
    const fitted = { ...rule, priority, name };
    return { ...v, allowRule: fitted, fix: allowCommand(fitted) };
  });
}

/** The highest free priority below the blocking rule (custom rules take 100-4096). */
export function freePriorityBefore(blocking: number, taken: ReadonlySet<number>): number | null {
  for (let p = Math.min(blocking - 1, 4096); p >= 100; p--) if (!taken.has(p)) return p;
  return null;
}

function allowRuleFor(flow: FlowSpec, src: Endpoint, dst: Endpoint, hop: HopResult): AllowRule | undefined {
  const rule = hop.rule;
  if (rule?.access !== 'deny') return undefined;
  const priority = freePriorityBefore(rule.priority, hop.taken);
  if (priority === null) return undefined;
  return {
    nsg: hop.nsg,
    ...(hop.resourceGroup ? { resourceGroup: hop.resourceGroup } : {}),
    attachedTo: hop.attachedTo,
    name: `ccnet-allow-${flow.protocol}-${flow.port}`,
    priority,
    direction: hop.direction,
    protocol: flow.protocol,
    source: fixAddress(src),
    destination: fixAddress(dst),
    port: flow.port,
    blocking: rule,
    taken: hop.taken,
  };
}

function noRoomFix(flow: FlowSpec, src: Endpoint, dst: Endpoint, hop: HopResult): string | undefined {
  const rule = hop.rule;
  if (rule?.access !== 'deny') return undefined;
  return `# No free priority below ${rule.priority} in ${hop.nsg}: renumber its rules, then allow ${flow.protocol}/${flow.port} from ${fixAddress(src)} to ${fixAddress(dst)}`;
}

/** The `az network nsg rule create` line for a rule; `at` names the resource group and NSG as shell words. */
export function allowCommand(
  r: AllowRule,
  at: { resourceGroup: string; nsg: string } = {
    resourceGroup: r.resourceGroup !== undefined ? shellWord(r.resourceGroup) : UNKNOWN_RG,
    nsg: shellWord(r.nsg),
  },
): string {
  return [
    'az network nsg rule create',
    `-g ${at.resourceGroup}`,
    `--nsg-name ${at.nsg}`,
    `-n ${r.name}`,
    `--priority ${r.priority}`,
    `--direction ${r.direction === 'inbound' ? 'Inbound' : 'Outbound'}`,
    '--access Allow',
    `--protocol ${r.protocol === 'tcp' ? 'Tcp' : 'Udp'}`,
    `--source-address-prefixes ${shellWord(r.source)}`,
    `--source-port-ranges '*'`,
    `--destination-address-prefixes ${shellWord(r.destination)}`,
    `--destination-port-ranges ${r.port}`,
  ].join(' ');
}

function fixAddress(e: Endpoint): string {
  const a = e.side.address;
  if (a.kind === 'range') return formatRange(a.range);
  if (a.kind === 'tag') return a.tag;
  return '*';
}

/** A value safe to paste into bash: Azure names and prefixes pass as they are, anything else is single-quoted. */
function shellWord(value: string): string {
  return /^[\w.\-/:]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function routeFix(route: RouteReport): string {
  if (/peering/.test(route.reason) && /carries nothing/.test(route.reason)) {
    return '# Create the missing direction of the VNet peering (both sides must show Connected): az network vnet peering create … --allow-vnet-access';
  }
  if (route.name)
    return `# Route ${route.name} (${route.prefix} -> ${route.nextHopType}) drops this traffic: change or remove it in its route table`;
  return `# The destination is routed to ${route.nextHopType}: connect the networks (peering or VPN) so a route to it exists`;
}
