// The endpoint an error line names: the host a resolver could not find, a URL, host:port, Python's host='x',
// port=N, an Azure action and scope, a resource provider namespace, a storage account. Works on a few bounded
// windows of lines, so the cost never depends on the size of the paste.
import { HOST_RULES, type HostKind } from '../facts/links.ts';
import { type Extracted, extractAddress, isIpv4 } from './extract.ts';

// A host token: letters, digits, dots, dashes, underscores (Slurm node names), at most 253 characters.
const HOST = '([a-z0-9][a-z0-9._-]{0,252})';
const Q = `["'\`“”‘’]`;
/** The name a resolver failed on, in the forms resolvers, curl, ssh, Go, Node and Slurm print. */
const RESOLVE_PATTERNS: readonly RegExp[] = [
  new RegExp(`resolve host(?:name)?:? ${Q}?${HOST}`, 'i'),
  new RegExp(
    `(?:unable to|failed to|could not|cannot|can't|couldn't) resolve(?: server| host| address)? ${Q}${HOST}${Q}`,
    'i',
  ),
  new RegExp(`failure resolving ${Q}${HOST}${Q}`, 'i'),
  new RegExp(`failed to resolve server ${HOST}`, 'i'),
  new RegExp(`lookup ${HOST}(?: on [^ :]{1,64}(?::\\d{1,5})?)?: no such host`, 'i'),
  new RegExp(`(?:enotfound|eai_again) ${HOST}`, 'i'),
  new RegExp(`find address for host ${HOST}`, 'i'),
  new RegExp(`unknown host:? ${Q}?${HOST}`, 'i'),
  new RegExp(`host ${Q}?${HOST}${Q}? not found`, 'i'),
];
const PYTHON_HOST = /host=['"]([^'"\s]{1,253})['"], port=(\d{1,5})/i;
const ACTION = /action '?([a-z]+\.[a-z]+\/[a-z0-9/._-]{1,200})'?/i;
/** LinkedAuthorizationFailed names the action it has first and the one it lacks after "does not have". */
const MISSING_ACTION =
  /(?:not have|lacks?) (?:authorization|permission) to perform action '?([a-z]+\.[a-z]+\/[a-z0-9/._-]{1,200})'?/i;
const SCOPE = /scope '?(\/subscriptions\/[^'\s]{1,400})'?/i;
const NAMESPACE = /namespace '?([a-z]+\.[a-z]+)'?/i;
const PORT_WORD = /\b(?:port[ =:]{1,2}|dpt=)(\d{1,5})\b/i;
const KNOWN_SUFFIX_HOST = new RegExp(
  `\\b([a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63}){0,6}(?:${HOST_RULES.flatMap((r) => r.suffixes ?? [])
    .map((s) => s.replace(/\./g, '\\.'))
    .join('|')}))\\b`,
  'i',
);

/**
 * The endpoint the error names, most telling first: a name a resolver failed on, a URL, Python's host=/port=,
 * host:port, a known Azure or package host, and only then a bare IP. The error's own lines are read before the
 * lines around them; loopback addresses (a local proxy) count only when nothing else is named.
 */
export function extractEndpoint(
  windows: readonly string[],
  status?: number,
  around: readonly string[] = [],
): Extracted {
  const groups = [windows.map(unescapeJson), around.map(unescapeJson)];
  const all = groups.flat();
  const extracted: Extracted = {};
  const first = <T>(texts: readonly string[], read: (w: string) => T | undefined): T | undefined => {
    for (const w of texts) {
      const value = read(w);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  let address: Extracted | undefined;
  let python: RegExpExecArray | undefined;
  for (const texts of groups) {
    const named = first(texts, resolvedName);
    address = first(texts, (w) => {
      const a = extractAddress(w);
      return a.host !== undefined && !isLoopback(a.host) && (a.url !== undefined || a.port !== undefined)
        ? a
        : undefined;
    });
    python = first(texts, (w) => PYTHON_HOST.exec(w) ?? undefined);
    const known = first(texts, (w) => KNOWN_SUFFIX_HOST.exec(w)?.[1]);
    extracted.host = named ?? address?.host ?? python?.[1] ?? known;
    if (extracted.host !== undefined) break;
  }
  // A bare IP only when no line names anything better ("404 Not Found [IP: 91.189.91.83 80]" under the URL).
  extracted.host ??= first(all, (w) => {
    const host = extractAddress(w).host;
    return host !== undefined && !isLoopback(host) ? host : undefined;
  });
  if (address?.url !== undefined && address.host === extracted.host) extracted.url = address.url;
  const samePort = (host: string | undefined, port: number | undefined) =>
    host !== undefined && host.toLowerCase() === extracted.host?.toLowerCase() ? port : undefined;
  extracted.port =
    samePort(address?.host, address?.port) ??
    samePort(python?.[1], validPort(python?.[2])) ??
    first(windows, (w) => validPort(PORT_WORD.exec(w)?.[1]));
  extracted.action = first(all, (w) => MISSING_ACTION.exec(w)?.[1]) ?? first(all, (w) => ACTION.exec(w)?.[1]);
  extracted.scope = first(all, (w) => SCOPE.exec(w)?.[1]);
  extracted.namespace = first(all, (w) => NAMESPACE.exec(w)?.[1]);
  if (extracted.host !== undefined) extracted.host = trimHost(extracted.host);
  if (extracted.host === '') delete extracted.host;
  const account = extracted.host ? storageAccount(extracted.host) : undefined;
  if (account) extracted.storageAccount = account;
  if (status !== undefined) extracted.status = status;
  for (const key of Object.keys(extracted) as (keyof Extracted)[]) {
    if (extracted[key] === undefined) delete extracted[key];
  }
  return extracted;
}

/** Words the patterns can catch where a name was expected ("Couldn't resolve host name for https://…"). */
const NOT_NAMES = new Set([
  'name',
  'for',
  'the',
  'a',
  'an',
  'to',
  'host',
  'hostname',
  'address',
  'server',
  'of',
]);

function resolvedName(window: string): string | undefined {
  for (const pattern of RESOLVE_PATTERNS) {
    const m = pattern.exec(window);
    if (m?.[1] && !NOT_NAMES.has(m[1].toLowerCase())) return m[1];
  }
  return undefined;
}

/** JSON-escaped text (a status blob from the CycleCloud UI) reads like the log line it quotes. */
function unescapeJson(window: string): string {
  return window.includes('\\') ? window.replace(/\\[nrt]/g, ' ').replace(/\\(["'/\\])/g, '$1') : window;
}

function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h.startsWith('127.') || h === '::1' || h === '[::1]';
}

function trimHost(host: string): string {
  let end = host.length;
  while (end > 0 && '.:_-'.includes(host.charAt(end - 1))) end--;
  return host.slice(0, end).toLowerCase();
}

function validPort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined;
}

function storageAccount(host: string): string | undefined {
  const m = /^([a-z0-9]{3,24})\.(?:privatelink\.)?(?:blob|file|dfs|queue|table)\.core\.windows\.net$/.exec(
    host,
  );
  return m?.[1];
}

/** What kind of endpoint a host is (HOST_RULES), a bare cluster name, or nothing known. */
export function hostKind(host: string | undefined): HostKind | 'single-label' | 'ip' | undefined {
  if (host === undefined) return undefined;
  const name = host.toLowerCase();
  for (const rule of HOST_RULES) {
    if (rule.exact?.includes(name)) return rule.kind;
    if (rule.suffixes?.some((s) => name.endsWith(s))) return rule.kind;
  }
  if (isIpv4(name)) return 'ip';
  return name.includes('.') ? undefined : 'single-label';
}
