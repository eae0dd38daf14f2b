// Requests to /slack/events signed as Slack signs them (v0 HMAC of `v0:timestamp:body`), for tests and benchmarks.
import { createHmac } from 'node:crypto';
import { type Agent, request } from 'node:http';

export function sign(body: string, timestamp: number, secret: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** A signed POST with fetch; extra headers (retries, a wrong signature) override the computed ones. */
export function postSigned(
  origin: string,
  secret: string,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(`${origin}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(body, timestamp, secret),
      ...headers,
    },
    body,
  });
}

/** A signed POST over a keep-alive agent; resolves with the ack time in ms (sent → response complete). */
export function timedPost(
  target: { agent: Agent; port: number; secret: string; label: string },
  body: string,
  contentType: string,
): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: '/slack/events',
        method: 'POST',
        agent: target.agent,
        headers: {
          'content-type': contentType,
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign(body, ts, target.secret),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`HTTP ${res.statusCode} from ${target.label}`)),
        );
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`no ack from ${target.label} within 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}
