// A lean fetch for the Web API client: node:http(s) with keep-alive agents. The bot makes two or three small calls
// per click; undici's fetch (WHATWG streams per request) cost more CPU than the rest of a click together. Bodies
// other than strings (file uploads, FormData) go through the platform fetch unchanged.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const NULL_BODY = new Set([101, 204, 205, 304]);

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const h = init?.headers;
  if (h === undefined) return {};
  if (h instanceof Headers) return Object.fromEntries(h.entries());
  if (Array.isArray(h)) return Object.fromEntries(h);
  return { ...(h as Record<string, string>) };
}

function toResponse(res: IncomingMessage, body: Buffer, url: string): Response {
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (Array.isArray(v)) for (const each of v) headers.append(k, each);
    else if (v !== undefined) headers.set(k, v);
  }
  const status = res.statusCode ?? 500;
  const response = new Response(NULL_BODY.has(status) ? null : body, {
    status,
    statusText: res.statusMessage ?? '',
    headers,
  });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

export function keepAliveFetch(platform: typeof fetch = fetch): typeof fetch {
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = init?.body;
    if (input instanceof Request || (body !== undefined && body !== null && typeof body !== 'string')) {
      return platform(input, init);
    }
    const secure = url.protocol === 'https:';
    return new Promise<Response>((resolve, reject) => {
      const signal = init?.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () =>
        req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      const settle =
        <T>(finish: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', onAbort);
          finish(value);
        };
      const ok = settle(resolve);
      const fail = settle(reject);
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: init?.method ?? 'GET',
          headers: headersOf(init),
          agent: secure ? agents.https : agents.http,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (init?.redirect === 'error' && status >= 300 && status < 400) {
            res.resume();
            return fail(new TypeError(`fetch failed: redirect to ${res.headers.location ?? '?'}`));
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok(toResponse(res, Buffer.concat(chunks), url.href)));
          res.on('error', fail);
        },
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
      req.end(body ?? undefined);
    });
  };
}
