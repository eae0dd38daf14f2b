// Downloading an uploaded template. The bot token is a credential: it goes only to hosts on the allowlist
// (CCNET_FILE_HOSTS), over https (plain http only for a loopback host a test put on the list). Sizes are checked
// before anything is fetched and again while streaming, since a reported size can be wrong.
import { createHash } from 'node:crypto';
import { CcnetError } from '../../knowledge/errors.ts';
import { decodeBytes } from '../../knowledge/template/index.ts';
import { inlineCode } from './escape.ts';

export interface FileRef {
  id: string;
  name: string;
  /** Size as Slack reports it (event or files.info). */
  size?: number;
  /** `url_private_download`, else `url_private`. */
  url?: string;
}

export interface DownloadPolicy {
  token: string;
  allowedHosts: readonly string[];
  maxBytes: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface DownloadedText {
  name: string;
  text: string;
  bytes: number;
  /** sha256 (hex) of the bytes as downloaded, for the audit log. */
  sha256: string;
}

const MAX_REDIRECTS = 3;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} bytes`;
}

function tooLarge(name: string, size: number | undefined, maxBytes: number): CcnetError {
  const what = size !== undefined ? `is ${formatBytes(size)}` : `is larger than ${formatBytes(maxBytes)}`;
  return new CcnetError(
    'FILE_TOO_LARGE',
    `${inlineCode(name)} ${what}; I read files up to ${formatBytes(maxBytes)}. Upload just the cluster template.`,
  );
}

/** Throws FILE_TOO_LARGE when the reported size is over the cap; called before any download. */
export function checkReportedSize(file: FileRef, maxBytes: number): void {
  if (file.size !== undefined && file.size > maxBytes) throw tooLarge(file.name, file.size, maxBytes);
}

/** Whether the bot token may be sent to `url`: allowlisted host (`name` or `name:port`), https or loopback http. */
export function mayReceiveToken(url: URL, allowedHosts: readonly string[]): boolean {
  const listed = allowedHosts.some(
    (h) => (/^(\[[^\]]+\]|[^:]+):\d+$/.test(h) ? url.host : url.hostname) === h,
  );
  if (!listed) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

export async function downloadText(file: FileRef, policy: DownloadPolicy): Promise<DownloadedText> {
  checkReportedSize(file, policy.maxBytes);
  if (file.url === undefined || !URL.canParse(file.url)) {
    throw new CcnetError('DOWNLOAD_FAILED', `Slack gave me no download link for ${inlineCode(file.name)}.`);
  }
  const response = await fetchAllowed(new URL(file.url), file.name, policy);
  const bytes = await readCapped(response, file.name, policy.maxBytes);
  return {
    name: file.name,
    text: decodeText(bytes, file.name),
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

async function fetchAllowed(start: URL, name: string, policy: DownloadPolicy): Promise<Response> {
  const doFetch = policy.fetch ?? fetch;
  let url = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!mayReceiveToken(url, policy.allowedHosts)) {
      throw new CcnetError(
        'HOST_NOT_ALLOWED',
        `I only download files from ${policy.allowedHosts.join(', ')} (CCNET_FILE_HOSTS), and ${inlineCode(name)} is on ${inlineCode(url.host)}.`,
      );
    }
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { authorization: `Bearer ${policy.token}` },
        redirect: 'manual',
        signal: AbortSignal.timeout(policy.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new CcnetError(
        'DOWNLOAD_FAILED',
        `I could not download ${inlineCode(name)}; try uploading it again.`,
        {
          detail: `fetch failed for ${url.host}`,
          cause: error,
        },
      );
    }
    const location = response.headers.get('location');
    if (
      response.status >= 300 &&
      response.status < 400 &&
      location !== null &&
      URL.canParse(location, url.href)
    ) {
      await response.body?.cancel();
      url = new URL(location, url);
      continue;
    }
    if (response.status === 401 || response.status === 403) throw forbidden(name);
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new CcnetError(
        'DOWNLOAD_FAILED',
        `I could not download ${inlineCode(name)} (HTTP ${response.status}); try uploading it again.`,
      );
    }
    // Slack answers a private file URL it will not serve with its HTML sign-in page and HTTP 200.
    if ((response.headers.get('content-type') ?? '').toLowerCase().startsWith('text/html')) {
      await response.body?.cancel();
      throw forbidden(name);
    }
    return response;
  }
  throw new CcnetError('DOWNLOAD_FAILED', `I could not download ${inlineCode(name)}: too many redirects.`);
}

function forbidden(name: string): CcnetError {
  return new CcnetError(
    'DOWNLOAD_FORBIDDEN',
    `Slack would not let me read ${inlineCode(name)}: the bot token lacks files:read. Reinstall the app with that scope.`,
  );
}

function formatKb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

async function readCapped(response: Response, name: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(name, declared, maxBytes);
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch (error) {
      // The 15 s timeout (or the host) cut the body off mid-way.
      const timedOut =
        (error as { name?: string }).name === 'TimeoutError' ||
        (error as { name?: string }).name === 'AbortError';
      throw new CcnetError(
        'DOWNLOAD_FAILED',
        timedOut
          ? `The download of ${inlineCode(name)} took too long and was cut off after ${formatKb(total)}; try uploading it again.`
          : `The download of ${inlineCode(name)} broke off after ${formatKb(total)}; try uploading it again.`,
        { detail: `body read failed after ${total} bytes (${(error as Error).name})`, cause: error },
      );
    }
    const { done, value } = next;
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(name, undefined, maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/**
 * Text in UTF-8 or, with a byte-order mark, UTF-16 (as Windows PowerShell 5 writes it); BOM dropped. NUL characters,
 * or many undecodable or control characters (over 1%, past a few strays), mean "not text".
 */
export function decodeText(bytes: Uint8Array, name: string): string {
  const notText = new CcnetError(
    'FILE_NOT_TEXT',
    `${inlineCode(name)} is not a text file. Upload the cluster template as plain text (for example slurm.txt).`,
  );
  const text = decodeBytes(bytes);
  if (text.includes('\u0000')) throw notText;
  let odd = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\ufffd' || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c)) odd += 1;
  }
  if (odd > Math.max(8, text.length / 100)) throw notText;
  return text;
}
