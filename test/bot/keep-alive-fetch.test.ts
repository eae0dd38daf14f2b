import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAliveFetch } from '../../bot/slack/keep-alive-fetch.ts';

let server: Server;
let origin = '';
const seen: { method: string; body: string; type: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', body, type: req.headers['content-type'] });
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'https://elsewhere.example/' });
        res.end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('late'), 2_000);
      } else if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': '3',
          'set-cookie': ['a=1', 'b=2'],
        });
        res.end('{"ok":false,"error":"ratelimited"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('keepAliveFetch', () => {
  const doFetch = keepAliveFetch();

  it('posts a string body and returns status, headers and text as fetch would', async () => {
    const res = await doFetch(`${origin}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'channel=C1&text=hi',
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.url).toBe(`${origin}/api/chat.postMessage`);
    expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      body: 'channel=C1&text=hi',
      type: 'application/x-www-form-urlencoded',
    });
  });

  it('refuses to follow a redirect when asked to', async () => {
    await expect(
      doFetch(`${origin}/redirect`, { method: 'POST', body: '', redirect: 'error' }),
    ).rejects.toThrow(/redirect/);
  });

  it('gives up when the signal aborts', async () => {
    await expect(
      doFetch(`${origin}/slow`, { method: 'POST', body: 'x', signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow('fetch failed');
  });

  it('handles bodiless statuses', async () => {
    expect((await doFetch(`${origin}/empty`, { method: 'POST', body: '' })).status).toBe(204);
  });

  it('hands non-string bodies (uploads) to the platform fetch', async () => {
    const calls: unknown[] = [];
    const platform: typeof fetch = async (input) => {
      calls.push(input);
      return new Response('ok');
    };
    const form = new FormData();
    form.append('file', new Blob(['data']), 'a.txt');
    await keepAliveFetch(platform)(`${origin}/upload`, { method: 'POST', body: form });
    expect(calls).toEqual([`${origin}/upload`]);
  });
});
