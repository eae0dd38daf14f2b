// One NSG, one direction, one flow: the rules in priority order, the first match decides (NSG_SEMANTICS
// PRIORITY_ORDER). Rules are compiled once per NSG and VNet context so a flow costs a loop over typed arrays.
import {
  ALL,
  compileSide,
  type Match,
  type MatchDetail,
  type Matcher,
  matchSide,
  NONE,
  type Side,
  splitRange,
  type TagContext,
} from './addresses.ts';
import { formatRange } from './ip.ts';
import type { Access, Direction, SecurityRule } from './types.ts';

export type Protocol = 'tcp' | 'udp';

export interface FlowQuery {
  src: Side;
  dst: Side;
  port: number;
  protocol: Protocol;
}

export interface RuleRef {
  name: string;
  priority: number;
  access: Access;
  direction: Direction;
  isDefault: boolean;
}

interface CompiledRule {
  ref: RuleRef;
  protocols: number;
  /** Destination port ranges as flat [lo, hi, …]; null = every port. */
  ports: Int32Array | null;
  /** Whether the rule's source ports cover every client port (1024-65535), none of them, or part. */
  sourcePorts: 'all' | 'none' | 'part';
  src: Matcher;
  dst: Matcher;
  problem: string | null;
  /** The outcome when this rule decides, built once. */
  decided: NsgOutcome;
}

/**
 * One direction's rules in priority order, indexed by destination port: the ports 0-65535 are cut into intervals at
 * every rule's port bounds, and each interval lists (in priority order) the rules that cover it. A flow then reads
 * only the rules that can match its port.
 */
export interface CompiledDirection {
  rules: CompiledRule[];
  bounds: Int32Array;
  candidates: CompiledRule[][];
  /** Priorities in use, for a fix that fits in before a blocking rule. */
  taken: ReadonlySet<number>;
}

export interface CompiledNsg {
  inbound: CompiledDirection;
  outbound: CompiledDirection;
}

const TCP = 1;
const UDP = 2;
const PROTOCOL_BITS: Record<string, number> = { tcp: TCP, udp: UDP, icmp: 4, esp: 8, ah: 16 };
const EVERY_PROTOCOL = 31;
const CLIENT_PORTS: [number, number] = [1024, 65535];

/** Azure's default rules, written as az prints them (NSG_SEMANTICS DEFAULT_RULES). */
const DEFAULT_SECURITY_RULES: readonly SecurityRule[] = [
  defaultRule('AllowVnetInBound', 65000, 'inbound', 'allow', 'VirtualNetwork', 'VirtualNetwork'),
  defaultRule('AllowAzureLoadBalancerInBound', 65001, 'inbound', 'allow', 'AzureLoadBalancer', '*'),
  defaultRule('DenyAllInBound', 65500, 'inbound', 'deny', '*', '*'),
  defaultRule('AllowVnetOutBound', 65000, 'outbound', 'allow', 'VirtualNetwork', 'VirtualNetwork'),
  defaultRule('AllowInternetOutBound', 65001, 'outbound', 'allow', '*', 'Internet'),
  defaultRule('DenyAllOutBound', 65500, 'outbound', 'deny', '*', '*'),
];

function defaultRule(
  name: string,
  priority: number,
  direction: Direction,
  access: Access,
  source: string,
  destination: string,
): SecurityRule {
  return {
    name,
    priority,
    direction,
    access,
    protocol: '*',
    sourcePrefixes: [source],
    destinationPrefixes: [destination],
    sourcePorts: ['*'],
    destinationPorts: ['*'],
    sourceAsgIds: [],
    destinationAsgIds: [],
    isDefault: true,
  };
}

/** The rules Azure evaluates: the export's, plus any default rule it omitted. */
function withDefaults(rules: readonly SecurityRule[]): SecurityRule[] {
  const taken = new Set(rules.map((r) => `${r.direction}|${r.priority}`));
  return [...rules, ...DEFAULT_SECURITY_RULES.filter((d) => !taken.has(`${d.direction}|${d.priority}`))];
}

export function compileRules(rules: readonly SecurityRule[], ctx: TagContext): CompiledNsg {
  const compiled = withDefaults(rules)
    .map((r) => compileRule(r, ctx))
    // Priorities are unique per direction in Azure; a stable sort keeps file order for a malformed export.
    .sort((a, b) => a.ref.priority - b.ref.priority);
  return {
    inbound: indexByPort(compiled.filter((r) => r.ref.direction === 'inbound')),
    outbound: indexByPort(compiled.filter((r) => r.ref.direction === 'outbound')),
  };
}

function indexByPort(rules: CompiledRule[]): CompiledDirection {
  const cuts = new Set<number>([0]);
  for (const r of rules) {
    if (!r.ports) continue;
    for (let i = 0; i < r.ports.length; i += 2) {
      cuts.add(r.ports[i] as number);
      cuts.add((r.ports[i + 1] as number) + 1);
    }
  }
  const bounds = Int32Array.from([...cuts].filter((c) => c <= 65535).sort((a, b) => a - b));
  const candidates = Array.from(bounds, (start) =>
    rules.filter((r) => r.ports === null || portIn(r.ports, start)),
  );
  return { rules, bounds, candidates, taken: new Set(rules.map((r) => r.ref.priority)) };
}

/** The rules that can match `port`, in priority order. */
function candidatesFor(d: CompiledDirection, port: number): CompiledRule[] {
  let lo = 0;
  let hi = d.bounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((d.bounds[mid] as number) <= port) lo = mid;
    else hi = mid - 1;
  }
  return d.candidates[lo] ?? d.rules;
}

function compileRule(r: SecurityRule, ctx: TagContext): CompiledRule {
  const protocol = r.protocol.trim().toLowerCase();
  const bits =
    protocol === '*' || protocol === 'any' || protocol === 'all' ? EVERY_PROTOCOL : PROTOCOL_BITS[protocol];
  const ports = portRanges(r.destinationPorts);
  const sourcePorts = portRanges(r.sourcePorts);
  const ref: RuleRef = {
    name: r.name,
    priority: r.priority,
    access: r.access,
    direction: r.direction,
    isDefault: r.isDefault,
  };
  return {
    ref,
    decided: { kind: 'decided', access: r.access, rule: ref },
    protocols: bits ?? 0,
    ports: ports === 'bad' ? new Int32Array(0) : ports,
    sourcePorts: sourcePorts === 'bad' ? 'none' : coverage(sourcePorts, CLIENT_PORTS),
    src: compileSide(r.sourcePrefixes, r.sourceExpanded, r.sourceAsgIds, ctx),
    dst: compileSide(r.destinationPrefixes, r.destinationExpanded, r.destinationAsgIds, ctx),
    problem:
      bits === undefined
        ? `protocol "${r.protocol.slice(0, 20)}" is not one Azure knows`
        : ports === 'bad' || sourcePorts === 'bad'
          ? 'a port range ccnet cannot read'
          : null,
  };
}

/** `*`, `80`, `80-90`, lists of them; null = every port; 'bad' when an entry is not a port. */
function portRanges(entries: readonly string[]): Int32Array | null | 'bad' {
  if (entries.length === 0 || entries.some((e) => e.trim() === '*' || e.trim().toLowerCase() === 'any'))
    return null;
  const out: number[] = [];
  for (const entry of entries) {
    const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(entry);
    if (!m) return 'bad';
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo > 65535 || hi > 65535 || hi < lo) return 'bad';
    if (lo === 0 && hi === 65535) return null;
    out.push(lo, hi);
  }
  return Int32Array.from(out);
}

function coverage(ranges: Int32Array | null, [lo, hi]: [number, number]): 'all' | 'none' | 'part' {
  if (ranges === null) return 'all';
  let covered = 0;
  let touches = false;
  for (let i = 0; i < ranges.length; i += 2) {
    const a = Math.max(lo, ranges[i] as number);
    const b = Math.min(hi, ranges[i + 1] as number);
    if (a <= b) {
      touches = true;
      covered += b - a + 1;
    }
  }
  if (!touches) return 'none';
  return covered >= hi - lo + 1 ? 'all' : 'part';
}

function portIn(ranges: Int32Array, port: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if ((ranges[i] as number) <= port && port <= (ranges[i + 1] as number)) return true;
  }
  return false;
}

/** A rule that might match (the verdict hangs on a fact not in the evidence). */
interface Uncertain {
  rule: RuleRef;
  why: string;
}

interface PieceResult {
  src: Side;
  dst: Side;
  rule: RuleRef | null;
  uncertain: Uncertain[];
}

export type NsgOutcome =
  | {
      kind: 'decided';
      access: Access;
      rule: RuleRef;
      /** Said when the decision holds whatever an uncertain earlier rule does, or differs per address. */
      note?: string;
    }
  | { kind: 'unknown'; why: string; rule: RuleRef };

/** Address ranges are split at most this many times per evaluation; past it the verdict is unknown. */
const MAX_PIECES = 256;

export function evaluateRules(direction: CompiledDirection, q: FlowQuery): NsgOutcome {
  const rules = candidatesFor(direction, q.port);
  const quick = firstCertainMatch(rules, q);
  if (quick !== null) return quick;
  const out: PieceResult[] = [];
  const overflow = run(rules, 0, q.src, q.dst, q, null, out);
  if (overflow) {
    const first = out[0]?.rule ?? rules[0]?.ref;
    return {
      kind: 'unknown',
      why: `the address ranges split into more than ${MAX_PIECES} parts with different rules; verify single addresses`,
      rule: first ?? DEFAULT_REF,
    };
  }
  return summarize(out);
}

const DEFAULT_REF: RuleRef = {
  name: 'DenyAll',
  priority: 65500,
  access: 'deny',
  direction: 'inbound',
  isDefault: true,
};

/**
 * The common case without allocating: the first rule that matches for certain, when no earlier rule was uncertain
 * or cut a range in parts. Null sends the flow through the general path below.
 */
function firstCertainMatch(rules: readonly CompiledRule[], q: FlowQuery): NsgOutcome | null {
  const protocol = q.protocol === 'tcp' ? TCP : UDP;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i] as CompiledRule;
    if ((r.protocols & protocol) === 0) continue;
    if (r.ports !== null && !portIn(r.ports, q.port)) continue;
    if (r.sourcePorts === 'none') continue;
    const ms = matchSide(r.src, q.src);
    if (ms === NONE) continue;
    if (ms !== ALL) return null;
    const md = matchSide(r.dst, q.dst);
    if (md === NONE) continue;
    if (md !== ALL || r.sourcePorts === 'part' || r.problem !== null) return null;
    return r.decided;
  }
  return null;
}

function run(
  rules: readonly CompiledRule[],
  from: number,
  src: Side,
  dst: Side,
  q: FlowQuery,
  uncertain: Uncertain[] | null,
  out: PieceResult[],
): boolean {
  const protocol = q.protocol === 'tcp' ? TCP : UDP;
  for (let i = from; i < rules.length; i++) {
    const r = rules[i] as CompiledRule;
    if ((r.protocols & protocol) === 0) continue;
    if (r.ports !== null && !portIn(r.ports, q.port)) continue;
    if (r.sourcePorts === 'none') continue;
    const ms = matchSide(r.src, src);
    if (ms === NONE) continue;
    const md = matchSide(r.dst, dst);
    if (md === NONE) continue;
    if (isSome(ms) && src.address.kind === 'range') {
      return splitAndRun(src, ms.cuts, (part) => run(rules, i, part, dst, q, uncertain, out), out);
    }
    if (isSome(md) && dst.address.kind === 'range') {
      return splitAndRun(dst, md.cuts, (part) => run(rules, i, src, part, q, uncertain, out), out);
    }
    const why =
      whyMaybe(ms) ??
      whyMaybe(md) ??
      (r.sourcePorts === 'part' ? 'depends on the client source port: the rule limits source ports' : null) ??
      r.problem;
    if (why !== null || ms !== ALL || md !== ALL) {
      uncertain = [...(uncertain ?? []), { rule: r.ref, why: why ?? 'depends on facts not in the evidence' }];
      continue;
    }
    out.push({ src, dst, rule: r.ref, uncertain: uncertain ?? [] });
    return false;
  }
  out.push({ src, dst, rule: null, uncertain: uncertain ?? [] });
  return false;
}

function splitAndRun(
  side: Side,
  cuts: Parameters<typeof splitRange>[1],
  next: (part: Side) => boolean,
  out: PieceResult[],
): boolean {
  if (side.address.kind !== 'range') return false;
  for (const range of splitRange(side.address.range, cuts)) {
    if (out.length > MAX_PIECES) return true;
    if (next({ ...side, address: { kind: 'range', range } })) return true;
  }
  return false;
}

function isSome(m: Match): m is Extract<MatchDetail, { kind: 'some' }> {
  return typeof m === 'object' && m.kind === 'some';
}

function whyMaybe(m: Match): string | null {
  return typeof m === 'object' && m.kind === 'maybe' ? m.why : null;
}

function pieceVerdict(p: PieceResult): NsgOutcome {
  if (!p.rule) {
    const first = p.uncertain[0];
    return { kind: 'unknown', why: first?.why ?? 'no rule matched', rule: first?.rule ?? DEFAULT_REF };
  }
  const rule = p.rule;
  const against = p.uncertain.find((u) => u.rule.access !== rule.access);
  if (against) return { kind: 'unknown', why: against.why, rule: against.rule };
  const same = p.uncertain[0];
  return same
    ? {
        kind: 'decided',
        access: rule.access,
        rule,
        note: `${same.rule.name} (priority ${same.rule.priority}) may match first (${same.why}); it ${same.rule.access === 'allow' ? 'allows' : 'denies'} too`,
      }
    : { kind: 'decided', access: rule.access, rule };
}

function summarize(pieces: PieceResult[]): NsgOutcome {
  const verdicts = pieces.map(pieceVerdict);
  const [first] = verdicts;
  if (!first) return { kind: 'unknown', why: 'no rule matched', rule: DEFAULT_REF };
  if (verdicts.length === 1) return first;
  const unknown = verdicts.find((v) => v.kind === 'unknown');
  const decided = verdicts.filter((v) => v.kind === 'decided');
  const accesses = new Set(decided.map((v) => v.access));
  if (!unknown && accesses.size === 1 && first.kind === 'decided') {
    const rules = new Set(decided.map((v) => `${v.rule.name}|${v.rule.priority}`));
    return rules.size === 1
      ? first
      : { ...first, note: `other addresses in the range are decided by other rules with the same access` };
  }
  const srcVaries = pieces.some((p) => p.src !== pieces[0]?.src);
  const parts = pieces
    .map((p, i) => {
      const v = verdicts[i];
      const address = srcVaries ? p.src.address : p.dst.address;
      const what = v?.kind === 'decided' ? `${v.access} (${v.rule.name})` : `unknown (${v?.why ?? ''})`;
      return address.kind === 'range' ? `${formatRange(address.range)} ${what}` : what;
    })
    .slice(0, 4);
  const more = pieces.length > 4 ? `, and ${pieces.length - 4} more parts` : '';
  const rule = unknown?.rule ?? first.rule;
  return {
    kind: 'unknown',
    why: `depends on the address within the range: ${parts.join('; ')}${more}`,
    rule,
  };
}
