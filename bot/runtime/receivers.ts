// Transports. HTTP mode: Bolt's HTTPReceiver (signature check, /slack/events) plus GET /healthz. Socket Mode: Bolt's
// SocketModeReceiver pointed at SLACK_API_URL for apps.connections.open; /healthz comes from health.ts.

import type { ServerResponse } from 'node:http';
import { HTTPReceiver, type Logger, SocketModeReceiver } from '@slack/bolt';

export const HEALTH_PATH = '/healthz';

export function writeHealth(res: ServerResponse, mode: 'http' | 'socket'): void {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: 'ok', mode }));
}

export function httpReceiver(options: {
  signingSecret: string;
  logger: Logger;
  /** Answer Slack only after the listeners finished (FaaS hosts; tests that read results off the response). */
  processBeforeResponse?: boolean;
}): HTTPReceiver {
  return new HTTPReceiver({
    signingSecret: options.signingSecret,
    logger: options.logger,
    processBeforeResponse: options.processBeforeResponse ?? false,
    customRoutes: [{ path: HEALTH_PATH, method: ['GET'], handler: (_req, res) => writeHealth(res, 'http') }],
  });
}

export function socketReceiver(options: {
  appToken: string;
  logger: Logger;
  slackApiUrl?: string;
  /** Also the reconnect back-off step; tests shorten it. */
  clientPingTimeout?: number;
}): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    ...(options.clientPingTimeout !== undefined ? { clientPingTimeout: options.clientPingTimeout } : {}),
    installerOptions: {
      clientOptions: options.slackApiUrl !== undefined ? { slackApiUrl: options.slackApiUrl } : {},
    },
  });
}
