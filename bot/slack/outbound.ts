// How the bot reaches the outside: directly, or through the proxy HTTPS_PROXY / HTTP_PROXY name (NO_PROXY hosts
// directly), as loadEnv read them. One undici EnvHttpProxyAgent decides for every call — Web API, uploads, file
// downloads, Socket Mode's WebSocket and its apps.connections.open — so NO_PROXY means the same everywhere. It is
// given every value explicitly ('' for unset), so it never reads the environment itself. Tunnels use CONNECT, also
// for http targets, so the proxy never reads a request's headers (the bot token) itself.
import { type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { ProxySettings } from '../../config/env.ts';

export interface Outbound {
  /** For the Web API client and file downloads. */
  fetch: typeof fetch;
  /** For Socket Mode (WebSocket and apps.connections.open); absent when calls go out directly. */
  dispatcher?: Dispatcher;
  close(): Promise<void>;
}

export const DIRECT: Outbound = { fetch: (input, init) => fetch(input, init), close: async () => {} };

export function outbound(proxy: ProxySettings | undefined): Outbound {
  if (proxy === undefined) return DIRECT;
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: proxy.httpProxy ?? '',
    httpsProxy: proxy.httpsProxy ?? '',
    noProxy: proxy.noProxy ?? '',
    // The WebSocket needs a connection of its own (HTTP/1.1 upgrade).
    allowH2: false,
  });
  const proxied = async (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...((await encodedForm(init)) as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    });
  return {
    fetch: proxied as unknown as typeof fetch,
    dispatcher,
    close: () => dispatcher.close(),
  };
}

/**
 * The platform's FormData (file uploads) is not undici's own class, which would send it as "[object FormData]":
 * encode it here, boundary and all, the way the platform would.
 */
async function encodedForm(init: RequestInit | undefined): Promise<RequestInit | undefined> {
  if (!(init?.body instanceof FormData)) return init;
  const encoded = new Response(init.body);
  const headers = new Headers(init.headers);
  headers.set('content-type', encoded.headers.get('content-type') ?? 'multipart/form-data');
  return { ...init, headers, body: new Uint8Array(await encoded.arrayBuffer()) };
}

/** Which proxy, never its credentials: for the start-up log line. */
export function describeProxy(proxy: ProxySettings): string {
  const origin = (value: string | undefined) => (value === undefined ? 'none' : new URL(value).origin);
  const bypass = proxy.noProxy !== undefined ? `; NO_PROXY ${proxy.noProxy}` : '';
  return `HTTPS_PROXY ${origin(proxy.httpsProxy)}, HTTP_PROXY ${origin(proxy.httpProxy)}${bypass}`;
}
