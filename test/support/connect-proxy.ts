// A loopback HTTP proxy that logs what passed through it, as a corporate proxy would see it: CONNECT tunnels (the
// target and the proxy request's headers, plus the bytes the client sent inside, to tell which tunnel carried the
// token) and plain forwarded requests (absolute-URI GET/POST, headers in clear). It reaches loopback targets only.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface ProxyEntry {
  kind: 'connect' | 'forward';
  /** `host:port` of a tunnel, or the absolute URL of a forwarded request. */
  target: string;
  /** Headers of the request the proxy itself read (the CONNECT line's, or the forwarded request's). */
  headers: IncomingHttpHeaders;
  /** What the client sent through a tunnel (first 1 MB). */
  tunnelled: Buffer[];
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;
const TUNNEL_LOG_CAP = 1024 * 1024;

export class ConnectProxy {
  readonly log: ProxyEntry[] = [];
  private readonly server = createServer((req, res) => this.forward(req, res));
  private readonly sockets = new Set<Socket>();
  private port = 0;

  static async start(): Promise<ConnectProxy> {
    const proxy = new ConnectProxy();
    proxy.server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) =>
      proxy.tunnel(req, client, head),
    );
    proxy.server.on('connection', (socket: Socket) => {
      proxy.sockets.add(socket);
      socket.once('close', () => proxy.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    proxy.port = (proxy.server.address() as AddressInfo).port;
    return proxy;
  }

  /** http://127.0.0.1:<port>, the value of HTTPS_PROXY / HTTP_PROXY. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  tunnelsTo(hostPort: string): ProxyEntry[] {
    return this.log.filter((e) => e.kind === 'connect' && e.target === hostPort);
  }

  /** Whether `text` crossed the proxy inside the tunnels to `hostPort` (or any tunnel, when absent). */
  carried(text: string, hostPort?: string): boolean {
    return this.log.some(
      (e) =>
        e.kind === 'connect' &&
        (hostPort === undefined || e.target === hostPort) &&
        Buffer.concat(e.tunnelled).includes(text),
    );
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private tunnel(req: IncomingMessage, client: Socket, head: Buffer): void {
    const target = req.url ?? '';
    const entry: ProxyEntry = { kind: 'connect', target, headers: req.headers, tunnelled: [] };
    this.log.push(entry);
    this.sockets.add(client);
    client.once('close', () => this.sockets.delete(client));
    const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target);
    if (match?.[1] === undefined || !LOOPBACK.test(match[1])) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(Number(match[2]), match[1].replace(/^\[|\]$/g, ''));
    this.sockets.add(upstream);
    upstream.once('close', () => this.sockets.delete(upstream));
    let logged = 0;
    const note = (chunk: Buffer) => {
      if (logged >= TUNNEL_LOG_CAP) return;
      entry.tunnelled.push(chunk);
      logged += chunk.length;
    };
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) {
        note(head);
        upstream.write(head);
      }
      client.on('data', note);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const target = req.url ?? '';
    this.log.push({ kind: 'forward', target, headers: req.headers, tunnelled: [] });
    const url = URL.canParse(target) ? new URL(target) : undefined;
    if (url === undefined || !LOOPBACK.test(url.hostname)) {
      res.writeHead(403);
      res.end();
      return;
    }
    const upstream = request(url, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  }
}
