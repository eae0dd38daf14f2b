// A local Socket Mode endpoint: the WebSocket that apps.connections.open points to. Like Slack it takes single-use
// connection URLs, greets with `hello`, wraps deliveries in envelopes (`events_api`, `slash_commands`,
// `interactive`), records the client's acks, and can ask the client to reconnect with a `disconnect` message.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: unknown;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export class FakeSocketModeServer {
  readonly appId: string;
  /** Acks by envelope id: the payload the client sent back (`{}` for a bare ack). */
  readonly acks = new Map<string, unknown>();
  readonly sent: Envelope[] = [];
  /** Connections that completed the handshake, in order. */
  connections = 0;

  private readonly wss: WebSocketServer;
  private readonly tickets = new Set<string>();
  private current: WebSocket | undefined;
  private port = 0;

  private constructor(appId: string) {
    this.appId = appId;
    this.wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      verifyClient: ({ req }, done) => {
        const ticket = new URL(req.url ?? '/', 'ws://fake').searchParams.get('ticket') ?? '';
        // Slack's URLs are single-use: a client must call apps.connections.open again to reconnect.
        if (!this.tickets.delete(ticket)) return done(false, 401, 'invalid ticket');
        done(true);
      },
    });
    this.wss.on('connection', (socket) => this.accept(socket));
  }

  static async start(appId = 'A0FAKE'): Promise<FakeSocketModeServer> {
    const server = new FakeSocketModeServer(appId);
    await new Promise<void>((resolve) => server.wss.once('listening', () => resolve()));
    server.port = (server.wss.address() as AddressInfo).port;
    return server;
  }

  /** A fresh single-use URL, what apps.connections.open returns. */
  issueUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `ws://127.0.0.1:${this.port}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  sendEvent(body: unknown, retry?: { attempt: number; reason: string }): string {
    return this.deliver({
      envelope_id: randomUUID(),
      type: 'events_api',
      payload: body,
      accepts_response_payload: false,
      retry_attempt: retry?.attempt ?? 0,
      retry_reason: retry?.reason ?? '',
    });
  }

  sendCommand(payload: unknown): string {
    return this.deliver({
      envelope_id: randomUUID(),
      type: 'slash_commands',
      payload,
      accepts_response_payload: true,
    });
  }

  sendInteractive(payload: unknown): string {
    return this.deliver({
      envelope_id: randomUUID(),
      type: 'interactive',
      payload,
      accepts_response_payload: false,
    });
  }

  /** Asks the connected client to reconnect, as Slack does before it recycles a connection. */
  disconnect(reason = 'refresh_requested'): void {
    this.socket().send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } }));
  }

  async waitForConnections(count: number, timeoutMs = 15_000): Promise<void> {
    await this.until(() => this.connections >= count, `${count} Socket Mode connection(s)`, timeoutMs);
  }

  async waitForAck(envelopeId: string, timeoutMs = 10_000): Promise<unknown> {
    await this.until(() => this.acks.has(envelopeId), `ack of envelope ${envelopeId}`, timeoutMs);
    return this.acks.get(envelopeId);
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.connections += 1;
    this.current = socket;
    socket.on('message', (data) => {
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString();
      const message = JSON.parse(text) as { envelope_id?: unknown; payload?: unknown };
      if (typeof message.envelope_id === 'string') this.acks.set(message.envelope_id, message.payload ?? {});
    });
    socket.on('close', () => {
      if (this.current === socket) this.current = undefined;
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
  }

  private deliver(envelope: Envelope): string {
    this.socket().send(JSON.stringify(envelope));
    this.sent.push(envelope);
    return envelope.envelope_id;
  }

  private socket(): WebSocket {
    if (this.current === undefined) throw new Error('fake Socket Mode server: no client is connected');
    return this.current;
  }

  private async until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`fake Socket Mode server: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
