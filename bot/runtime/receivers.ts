// Transports. HTTP mode: Bolt's HTTPReceiver (signature check, /slack/events) plus GET /healthz. Socket Mode: Bolt's
// SocketModeReceiver pointed at SLACK_API_URL for apps.connections.open; /healthz comes from health.ts.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPReceiver, type Logger, SocketModeReceiver } from '@slack/bolt';
import type { Dispatcher } from 'undici';
import { READY_PATH, type ReadinessCheck, writeReadiness } from './readiness.ts';

export const HEALTH_PATH = '/healthz';
const SLACK_EVENTS_PATH = '/slack/events';

export function writeHealth(res: ServerResponse, mode: 'http' | 'socket'): void {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: 'ok', mode }));
}

export function httpReceiver(options: {
  signingSecret: string;
  logger: Logger;
  /** Answer Slack only after the listeners finished (FaaS hosts; tests that read results off the response). */
  processBeforeResponse?: boolean;
  /** What GET /readyz asks (the session store); none means always ready. */
  readiness?: readonly ReadinessCheck[];
}): HTTPReceiver {
  const readiness = options.readiness ?? [];
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    logger: options.logger,
    processBeforeResponse: options.processBeforeResponse ?? false,
    customRoutes: [
      { path: HEALTH_PATH, method: ['GET'], handler: (_req, res) => writeHealth(res, 'http') },
      { path: READY_PATH, method: ['GET'], handler: (_req, res) => void writeReadiness(res, readiness) },
    ],
  });
  const boltListener = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    rejectBodiesBoltCannotRead(req, res, options.logger).then(
      (rejected) => {
        if (!rejected) boltListener(req, res);
      },
      (error: unknown) => {
        options.logger.warn(`[SLACK_REQUEST_UNREADABLE] ${(error as Error).message}`);
        if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 400);
      },
    );
  };
  return receiver;
}

/**
 * Bolt 5's HTTPReceiver reads `body.ssl_check` of whatever the body parses to, so a body that is valid JSON but not an
 * object (`null`, `payload=null`, `1`) throws outside any handler and ends the process. Such a body is answered 400
 * here, before Bolt sees it; every other request goes on to Bolt, which verifies the signature as before. The body is
 * buffered the way Bolt buffers it (`rawBody`), so Bolt reads it from there instead of the spent stream.
 */
async function rejectBodiesBoltCannotRead(
  req: IncomingMessage,
  res: ServerResponse,
  logger: Logger,
): Promise<boolean> {
  if (req.method?.toUpperCase() !== 'POST' || req.url === undefined) return false;
  if (new URL(req.url, 'http://localhost').pathname !== SLACK_EVENTS_PATH) return false;
  let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
  } catch {
    return false; // Bolt answers a body over its limit (413) or a broken stream itself.
  }
  // Slack's own bodies are decided from their first bytes; only odd ones are parsed here (and again by Bolt).
  if (objectOrMalformed(buffered.rawBody.toString(), req.headers['content-type'])) return false;
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return false; // Malformed JSON: Bolt answers 400 itself.
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return false;
  logger.warn(
    `[SLACK_REQUEST_NOT_OBJECT] a request body parsed to ${body === null ? 'null' : typeof body}; answered 400`,
  );
  HTTPModuleFunctions.buildNoBodyResponse(res, 400);
  return true;
}

/**
 * Whether Bolt's parse of `text` can only give an object or throw (it answers 400 itself then), told without parsing:
 * JSON that opens with `{`; a form whose `payload` opens with `{` (one payload: an object or malformed JSON; several:
 * Bolt keeps the form itself); a form with no key that decodes to `payload`.
 */
export function objectOrMalformed(text: string, contentType: string | undefined): boolean {
  if (contentType !== 'application/x-www-form-urlencoded') return /^[ \t\n\r]*\{/.test(text);
  if (/^payload=(%7B|%7b|\{)/.test(text)) return true;
  return text.split('&').every((pair) => {
    const key = pair.slice(0, pair.includes('=') ? pair.indexOf('=') : pair.length);
    return key !== 'payload' && !/[%+]/.test(key);
  });
}

export function socketReceiver(options: {
  appToken: string;
  logger: Logger;
  slackApiUrl?: string;
  /** Also the reconnect back-off step; tests shorten it. */
  clientPingTimeout?: number;
  /** The proxy's agent (bot/slack/outbound.ts), for the WebSocket and apps.connections.open. */
  dispatcher?: Dispatcher;
}): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
    ...(options.clientPingTimeout !== undefined ? { clientPingTimeout: options.clientPingTimeout } : {}),
    installerOptions: {
      clientOptions: options.slackApiUrl !== undefined ? { slackApiUrl: options.slackApiUrl } : {},
    },
  });
}
