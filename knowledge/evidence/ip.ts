// IPv4 and IPv6 addresses and prefixes as numeric ranges, so "10.0.0.0/16 contains 10.0.1.4" is arithmetic, never a
// string comparison. IPv4 uses plain numbers (exact up to 2^32, fast); IPv6 uses bigint.

interface V4Range {
  family: 4;
  lo: number;
  hi: number;
}
interface V6Range {
  family: 6;
  lo: bigint;
  hi: bigint;
}
export type IpRange = V4Range | V6Range;

const V6_MAX = (1n << 128n) - 1n;

function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    n = n * 256 + octet;
  }
  return n;
}

function parseIpv6(text: string): bigint | null {
  if (text.length > 45 || !/^[0-9a-fA-F:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === null) return null;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return null;
      out.push(Number.parseInt(piece, 16));
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  let n = 0n;
  for (const g of all) n = (n << 16n) | BigInt(g);
  return n;
}

/** `10.0.0.0/16`, `10.0.0.4`, `fd00::/8`, `2001:db8::1`; host bits in a CIDR are cleared, as Azure does. */
export function parsePrefix(text: string): IpRange | null {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const address = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const bitsText = slash === -1 ? undefined : trimmed.slice(slash + 1);
  if (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText)) return null;
  const v4 = parseIpv4(address);
  if (v4 !== null) {
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    if (bits > 32) return null;
    const size = 2 ** (32 - bits);
    const lo = Math.floor(v4 / size) * size;
    return { family: 4, lo, hi: lo + size - 1 };
  }
  const v6 = parseIpv6(address);
  if (v6 !== null) {
    const bits = bitsText === undefined ? 128 : Number(bitsText);
    if (bits > 128) return null;
    const hostMask = (1n << BigInt(128 - bits)) - 1n;
    const lo = v6 & (V6_MAX ^ hostMask);
    return { family: 6, lo, hi: lo | hostMask };
  }
  return null;
}

function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function formatIpv6(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j;
  }
  if (best.start === -1) return groups.join(':');
  const head = groups.slice(0, best.start).join(':');
  const tail = groups.slice(best.start + best.length).join(':');
  return `${head}::${tail}`;
}

/** `10.0.1.0/24` when the range is one prefix, `10.0.1.4` for one address, else `lo-hi`. */
export function formatRange(r: IpRange): string {
  if (r.family === 4) {
    if (r.lo === r.hi) return formatIpv4(r.lo);
    const size = r.hi - r.lo + 1;
    const bits = 32 - Math.log2(size);
    if (Number.isInteger(bits) && r.lo % size === 0) return `${formatIpv4(r.lo)}/${bits}`;
    return `${formatIpv4(r.lo)}-${formatIpv4(r.hi)}`;
  }
  if (r.lo === r.hi) return formatIpv6(r.lo);
  const size = r.hi - r.lo + 1n;
  const bits = size.toString(2).length - 1;
  if (1n << BigInt(bits) === size && r.lo % size === 0n) return `${formatIpv6(r.lo)}/${128 - bits}`;
  return `${formatIpv6(r.lo)}-${formatIpv6(r.hi)}`;
}

export function contains(outer: IpRange, inner: IpRange): boolean {
  if (outer.family === 4 && inner.family === 4) return outer.lo <= inner.lo && inner.hi <= outer.hi;
  if (outer.family === 6 && inner.family === 6) return outer.lo <= inner.lo && inner.hi <= outer.hi;
  return false;
}

export function overlaps(a: IpRange, b: IpRange): boolean {
  if (a.family === 4 && b.family === 4) return a.lo <= b.hi && b.lo <= a.hi;
  if (a.family === 6 && b.family === 6) return a.lo <= b.hi && b.lo <= a.hi;
  return false;
}

/** Number of addresses of the prefix length, for longest-prefix comparisons: smaller = more specific. */
export function prefixLength(r: IpRange): number {
  if (r.family === 4) return 32 - Math.log2(r.hi - r.lo + 1);
  return 128 - ((r.hi - r.lo + 1n).toString(2).length - 1);
}

/** Address space that is not public: RFC 1918, RFC 6598, loopback, link-local, documentation, multicast, reserved. */
const NON_PUBLIC_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/3',
].map((p) => parsePrefix(p) as V4Range);

/** IPv6 global unicast space (2000::/3), less documentation space. */
const GLOBAL_V6 = parsePrefix('2000::/3') as V6Range;
const DOC_V6 = parsePrefix('2001:db8::/32') as V6Range;

/** Whether every address of the range is public Internet space. */
export function isPublic(r: IpRange): boolean {
  if (r.family === 4) return NON_PUBLIC_V4.every((p) => !overlaps(p, r));
  return contains(GLOBAL_V6, r) && !overlaps(DOC_V6, r);
}

/** Whether every address of the range is private or special (no public address in it). */
export function isNonPublic(r: IpRange): boolean {
  if (r.family === 4) return NON_PUBLIC_V4.some((p) => contains(p, r));
  return !overlaps(GLOBAL_V6, r) || contains(DOC_V6, r);
}
