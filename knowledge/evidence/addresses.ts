// What one side of a rule (source or destination) matches, compiled once per NSG and VNet context, and how an
// endpoint's address compares to it: all of it, none of it, part of it (split and evaluate each part), or maybe
// (the verdict depends on something the evidence does not say).
import { type IpRange, isNonPublic, isPublic, parsePrefix } from './ip.ts';

/** An endpoint's address as far as the evidence knows it. */
export type AddressSet =
  | { kind: 'range'; range: IpRange }
  /** Addresses named by a service tag (Internet, Storage, …) whose prefixes are not listed. */
  | { kind: 'tag'; tag: string }
  /** Placed (a subnet or NIC is known) but its address is not in the evidence. */
  | { kind: 'unknown'; why: string };

export interface Side {
  address: AddressSet;
  /** Application security groups of the endpoint's NIC (lower-cased ids); null when the NIC is not in the evidence. */
  asgIds: ReadonlySet<string> | null;
  label: string;
}

/** What the VNet context says VirtualNetwork, Internet and other service tags are. */
export interface TagContext {
  /** VirtualNetwork's prefixes, or null when the VNet is not in the evidence. */
  virtualNetwork: IpRange[] | null;
  /** Why VirtualNetwork may hold more than `virtualNetwork` (gateway ranges, a route table not exported), or null. */
  virtualNetworkMayHoldMore: string | null;
  /** Other service tags' prefixes, from effective-NSG exports (lower-case tag names). */
  tags: ReadonlyMap<string, IpRange[]>;
}

export interface Matcher {
  any: boolean;
  /** IPv4 ranges as flat [lo, hi, lo, hi, …]. */
  v4: Float64Array;
  v6: Array<[bigint, bigint]>;
  /** The Internet tag: public addresses outside `internetExclude`. */
  internet: boolean;
  internetExclude: IpRange[];
  /** Tag names as written, for comparing with a tag endpoint and for messages. */
  tags: string[];
  /** Tags the context could not resolve. */
  unresolved: string[];
  /** VirtualNetwork is in this side and may hold more than its known prefixes. */
  mayHoldMore: string | null;
  asgIds: string[];
}

export const NONE = 0;
export const ALL = 1;
export type MatchDetail = { kind: 'some'; cuts: IpRange[] } | { kind: 'maybe'; why: string };
export type Match = typeof NONE | typeof ALL | MatchDetail;

const HOST_VIP = parsePrefix('168.63.129.16') as IpRange;

/** Classic deployment spellings of the default tags. */
const CLASSIC: Record<string, string> = {
  internet: 'internet',
  virtual_network: 'virtualnetwork',
  azure_loadbalancer: 'azureloadbalancer',
};

export function compileSide(
  prefixes: readonly string[],
  expanded: readonly string[] | undefined,
  asgIds: readonly string[],
  ctx: TagContext,
): Matcher {
  const v4: number[] = [];
  const v6: Array<[bigint, bigint]> = [];
  const m: Matcher = {
    any: false,
    v4: new Float64Array(0),
    v6,
    internet: false,
    internetExclude: [],
    tags: [],
    unresolved: [],
    mayHoldMore: null,
    asgIds: asgIds.map((id) => id.toLowerCase()),
  };
  const add = (r: IpRange) => {
    if (r.family === 4) v4.push(r.lo, r.hi);
    else v6.push([r.lo, r.hi]);
  };
  const hasTag = prefixes.some((p) => p.trim() !== '*' && parsePrefix(p) === null);
  if (expanded && expanded.length > 0 && hasTag) {
    // Effective rules list what a tag meant for this NIC: authoritative, no context needed.
    for (const p of prefixes) if (parsePrefix(p) === null && p.trim() !== '*') m.tags.push(p.trim());
    for (const e of expanded) {
      const r = parsePrefix(e);
      if (r) add(r);
    }
    m.v4 = Float64Array.from(v4);
    return m;
  }
  for (const raw of prefixes) {
    const p = raw.trim();
    const low = p.toLowerCase();
    if (p === '*' || low === 'any') {
      m.any = true;
      continue;
    }
    const r = parsePrefix(p);
    if (r) {
      add(r);
      continue;
    }
    const tag = CLASSIC[low] ?? low;
    m.tags.push(p);
    if (tag === 'virtualnetwork') {
      if (ctx.virtualNetwork) {
        for (const v of ctx.virtualNetwork) add(v);
        m.mayHoldMore = ctx.virtualNetworkMayHoldMore;
      } else m.unresolved.push('VirtualNetwork');
    } else if (tag === 'azureloadbalancer') {
      add(HOST_VIP);
    } else if (tag === 'internet') {
      m.internet = true;
      m.internetExclude = ctx.virtualNetwork ?? [];
    } else {
      const known = ctx.tags.get(tag);
      if (known) for (const k of known) add(k);
      else m.unresolved.push(p);
    }
  }
  m.v4 = Float64Array.from(v4);
  return m;
}

export function matchSide(m: Matcher, side: Side): Match {
  if (m.any) return ALL;
  const a = side.address;
  let result: Match = NONE;
  if (a.kind === 'range') {
    const r = a.range;
    if (r.family === 4) {
      const v = m.v4;
      for (let i = 0; i < v.length; i += 2) {
        const lo = v[i] as number;
        const hi = v[i + 1] as number;
        if (lo <= r.lo && r.hi <= hi) return ALL;
        if (lo <= r.hi && r.lo <= hi) result = some(result, { family: 4, lo, hi });
      }
    } else {
      for (const [lo, hi] of m.v6) {
        if (lo <= r.lo && r.hi <= hi) return ALL;
        if (lo <= r.hi && r.lo <= hi) result = some(result, { family: 6, lo, hi });
      }
    }
    if (m.internet) {
      const inVnet = m.internetExclude.some((x) => overlapsRange(x, r));
      if (isPublic(r) && !inVnet) return ALL;
      const whollyOutside = isNonPublic(r) || m.internetExclude.some((x) => containsRange(x, r));
      if (!whollyOutside)
        result = maybe(result, 'part of the range is Internet address space and part is not');
    }
    for (const tag of m.unresolved) {
      // Service tags other than VirtualNetwork name Azure's public prefixes only; a private address is never in them.
      if (tag !== 'VirtualNetwork' && isNonPublic(r)) continue;
      result = maybe(result, `depends on service tag ${tag}`);
    }
    if (m.mayHoldMore && result === NONE && !isPublic(r)) result = maybe(result, m.mayHoldMore);
    if (m.asgIds.length > 0) result = asgMatch(m, side, result);
    return result;
  }
  if (a.kind === 'tag') return matchTag(m, a.tag, result);
  // Address unknown: any address condition leaves the verdict open.
  if (m.v4.length > 0 || m.v6.length > 0 || m.internet || m.unresolved.length > 0) {
    result = maybe(result, a.why);
  }
  if (m.asgIds.length > 0) result = asgMatch(m, side, result);
  return result;
}

function matchTag(m: Matcher, tag: string, start: Match): Match {
  let result = start;
  const low = tag.toLowerCase();
  const base = low.split('.')[0] ?? low;
  for (const written of m.tags) {
    const t = written.toLowerCase();
    if (t === low) return ALL;
    // Storage.WestEurope is part of Storage; AzureCloud holds every Azure service's public addresses.
    if (t === base || t === 'azurecloud') return ALL;
    if (t === 'internet' && low !== 'virtualnetwork') return ALL;
    if (t.split('.')[0] === base || t.startsWith('azurecloud.')) {
      // A regional tag holds that region's addresses only: Storage.WestEurope is never in Storage.EastUS (nor in
      // AzureCloud.EastUS). Only a flow to the whole tag (Storage) leaves the region open.
      const region = low.split('.')[1];
      if (region !== undefined && t.split('.')[1] !== region) continue;
      result = maybe(result, `depends on the region of ${tag} (the rule names ${written})`);
    }
  }
  const ranges: IpRange[] = [];
  for (let i = 0; i < m.v4.length; i += 2)
    ranges.push({ family: 4, lo: m.v4[i] as number, hi: m.v4[i + 1] as number });
  for (const [lo, hi] of m.v6) ranges.push({ family: 6, lo, hi });
  for (const r of ranges) {
    if (
      (r.family === 4 && r.lo === 0 && r.hi === 0xffffffff) ||
      (r.family === 6 && r.lo === 0n && r.hi === (1n << 128n) - 1n)
    ) {
      return ALL;
    }
    if (containsRange(r, HOST_VIP) && r.lo === r.hi) continue;
    if (!isNonPublic(r))
      result = maybe(result, `depends on whether ${tag}'s addresses fall in the rule's prefixes`);
  }
  for (const t of m.unresolved) {
    if (t === 'VirtualNetwork') continue;
    // Tags of the same service, or AzureCloud, were compared by name above.
    const unresolved = t.toLowerCase();
    if (unresolved.split('.')[0] === base || unresolved.startsWith('azurecloud')) continue;
    result = maybe(result, `depends on service tag ${t}`);
  }
  return result;
}

function asgMatch(m: Matcher, side: Side, result: Match): Match {
  if (result === ALL) return result;
  if (side.asgIds === null) {
    return maybe(
      result,
      `depends on whether ${side.label} is in application security group ${shortId(m.asgIds[0] ?? '')}`,
    );
  }
  return m.asgIds.some((id) => side.asgIds?.has(id)) ? ALL : result;
}

function shortId(id: string): string {
  return id.split('/').filter(Boolean).at(-1) ?? id;
}

function some(current: Match, cut: IpRange): Match {
  if (typeof current === 'object' && current.kind === 'some') {
    current.cuts.push(cut);
    return current;
  }
  return { kind: 'some', cuts: [cut] };
}

function maybe(current: Match, why: string): Match {
  if (typeof current === 'object') return current;
  if (current === ALL) return current;
  return { kind: 'maybe', why };
}

function containsRange(outer: IpRange, inner: IpRange): boolean {
  if (outer.family !== inner.family) return false;
  return outer.lo <= inner.lo && inner.hi <= outer.hi;
}

function overlapsRange(a: IpRange, b: IpRange): boolean {
  if (a.family !== b.family) return false;
  return a.lo <= b.hi && b.lo <= a.hi;
}

/** Splits `range` into maximal parts that are each wholly inside or wholly outside the union of `cuts`. */
export function splitRange(range: IpRange, cuts: readonly IpRange[]): IpRange[] {
  const lo = BigInt(range.lo);
  const hi = BigInt(range.hi);
  const bounds = new Set<bigint>([lo, hi + 1n]);
  for (const c of cuts) {
    if (c.family !== range.family) continue;
    const a = BigInt(c.lo);
    const b = BigInt(c.hi) + 1n;
    if (a > lo && a <= hi) bounds.add(a);
    if (b > lo && b <= hi) bounds.add(b);
  }
  const sorted = [...bounds].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const parts: IpRange[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i] as bigint;
    const b = (sorted[i + 1] as bigint) - 1n;
    parts.push(
      range.family === 4 ? { family: 4, lo: Number(a), hi: Number(b) } : { family: 6, lo: a, hi: b },
    );
  }
  return parts;
}
