// GET /healthz and /readyz for Socket Mode, where no HTTP server exists otherwise (HTTP mode serves it from the receiver).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { READY_PATH, type ReadinessCheck, writeReadiness } from './readiness.ts';
import { HEALTH_PATH, writeHealth } from './receivers.ts';

export async function startHealthServer(
  port: number,
  host?: string,
  readiness: readonly ReadinessCheck[] = [],
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://health').pathname;
    if (req.method === 'GET' && path === HEALTH_PATH) return writeHealth(res, 'socket');
    if (req.method === 'GET' && path === READY_PATH) return void writeReadiness(res, readiness);
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
