// GET /healthz for Socket Mode, where no HTTP server exists otherwise (HTTP mode serves it from the receiver).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HEALTH_PATH, writeHealth } from './receivers.ts';

export async function startHealthServer(
  port: number,
  host?: string,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://health').pathname;
    if (req.method === 'GET' && path === HEALTH_PATH) return writeHealth(res, 'socket');
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
