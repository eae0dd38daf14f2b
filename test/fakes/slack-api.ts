// A loopback fake of the Slack Web API, reached by the real WebClient through `slackApiUrl`. It answers like Slack
// where the bot depends on it: `not_authed` / `invalid_auth`, `ok:false` errors with HTTP 200, HTTP 429 with
// Retry-After, Block Kit limits (`invalid_blocks`), the three-step external file upload, private file URLs that
// serve the file only with the bot token (and Slack's HTML login page, HTTP 200, otherwise), reactions, permalinks
// and opening a DM. Every call is recorded.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { blockKitErrors } from './block-kit-limits.ts';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  token: string | undefined;
  /** When the whole request had arrived, epoch ms with sub-ms precision (comparable across local processes). */
  at: number;
}

/** Every HTTP request the fake saw, API or not: which host it was addressed to and what credentials came with it. */
export interface RecordedRequest {
  httpMethod: string;
  path: string;
  host: string;
  authorization: string | undefined;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs: string | undefined;
  text: string;
  blocks: unknown[] | undefined;
  user: string;
  updates: number;
  args: Record<string, unknown>;
}

export interface FakeFile {
  id: string;
  name: string;
  mimetype: string;
  filetype: string;
  /** What files.info and events report; may differ from the real length to test a lying size. */
  size: number;
  content: Buffer;
  url_private: string;
  url_private_download: string;
  /** Serve without Content-Length, in chunks, so only a streaming cap can stop it. */
  chunked: boolean;
}

export interface UploadedFile {
  id: string;
  filename: string;
  title: string | undefined;
  content: Buffer;
  channel: string | undefined;
  threadTs: string | undefined;
  initialComment: string | undefined;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  threadTs: string | undefined;
  text: string;
  blocks: unknown[] | undefined;
}

export interface FakeSlackApiOptions {
  botToken?: string;
  appToken?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
}

type Injected =
  | { kind: 'error'; error: string }
  | { kind: 'ratelimit'; retryAfter: number }
  | { kind: 'http'; status: number }
  | { kind: 'slow'; ms: number };
type Handler = (call: RecordedCall) => Record<string, unknown>;

const LOGIN_PAGE =
  '<!DOCTYPE html><html lang="en-US"><head><title>Slack</title></head><body><h1>Sign in to your workspace</h1></body></html>';

export class FakeSlackApi {
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  readonly calls: RecordedCall[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly messages: FakeMessage[] = [];
  readonly ephemerals: EphemeralMessage[] = [];
  readonly uploads: UploadedFile[] = [];
  readonly homeViews = new Map<string, Record<string, unknown>>();
  /** The bot's reactions now on each message (`channel|ts`), and every add and remove in order. */
  readonly reactions = new Map<string, Set<string>>();
  readonly reactionLog: { method: 'add' | 'remove'; channel: string; ts: string; name: string }[] = [];
  readonly files = new Map<string, FakeFile>();
  /** Where apps.connections.open points; set by the Socket Mode fake. */
  socketUrl: (() => string) | undefined;
  /** Messages sent to response URLs (slash commands' `respond`), in order. */
  readonly responses: { path: string; body: Record<string, unknown> }[] = [];
  /** Serve the login page for every file download, as Slack does when the token lacks files:read. */
  denyDownloads = false;

  private readonly server = createServer((req, res) => this.route(req, res));
  private readonly injected = new Map<string, Injected[]>();
  private readonly pendingUploads = new Map<string, { filename: string; length: number; content?: Buffer }>();
  private readonly byTs = new Map<string, FakeMessage>();
  private counter = 0;
  private port = 0;

  private constructor(options: FakeSlackApiOptions) {
    this.botToken = options.botToken ?? 'xoxb-1111-2222-fakebottoken';
    this.appToken = options.appToken ?? 'xapp-1-A0FAKE-3333-fakeapptoken';
    this.teamId = options.teamId ?? 'T0FAKE';
    this.botUserId = options.botUserId ?? 'U0CCNETBOT';
    this.botId = options.botId ?? 'B0CCNETBOT';
    this.appId = options.appId ?? 'A0FAKE';
  }

  static async start(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
    const fake = new FakeSlackApi(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** `host:port` of the fake, the form CCNET_FILE_HOSTS takes. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  get origin(): string {
    return `http://${this.host}`;
  }

  /** The `slackApiUrl` / SLACK_API_URL to give the WebClient. */
  get url(): string {
    return `${this.origin}/api/`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` calls of `method` answer `{ ok: false, error }`. */
  failNext(method: string, error: string, times = 1): void {
    for (let i = 0; i < times; i++) this.queue(method, { kind: 'error', error });
  }

  /** The next `times` calls of `method` answer HTTP 429 with `Retry-After: retryAfter`. */
  rateLimitNext(method: string, retryAfter: number, times = 1): void {
    for (let i = 0; i < times; i++) this.queue(method, { kind: 'ratelimit', retryAfter });
  }

  /** The next `times` calls of `method` answer with HTTP `status` and an HTML body, as a failing gateway does. */
  httpErrorNext(method: string, status: number, times = 1): void {
    for (let i = 0; i < times; i++) this.queue(method, { kind: 'http', status });
  }

  /** The next `times` calls of `method` are answered normally, but only after `ms` (a slow Slack). */
  slowNext(method: string, ms: number, times = 1): void {
    for (let i = 0; i < times; i++) this.queue(method, { kind: 'slow', ms });
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages in a thread, root first, in posting order. */
  thread(channel: string, threadTs: string): FakeMessage[] {
    return this.messages.filter(
      (m) => m.channel === channel && (m.ts === threadTs || m.threadTs === threadTs),
    );
  }

  message(channel: string, ts: string): FakeMessage | undefined {
    return this.byTs.get(`${channel}/${ts}`);
  }

  /** Forgets every call and message so far (a long benchmark between rounds). */
  clear(): void {
    this.calls.length = 0;
    this.requests.length = 0;
    this.messages.length = 0;
    this.byTs.clear();
  }

  /** A response_url for a slash command or an interaction, served by this fake. */
  responseUrl(): string {
    return `${this.origin}/response/${++this.counter}`;
  }

  /** A file as Slack stores it after a user uploads it; the returned object is what events and files.info carry. */
  addFile(input: {
    name: string;
    content: string | Buffer;
    mimetype?: string;
    size?: number;
    chunked?: boolean;
    host?: string;
  }): FakeFile {
    const id = `F${String(++this.counter).padStart(8, '0')}`;
    const content = typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : input.content;
    const base = `http://${input.host ?? this.host}/files-pri/${this.teamId}-${id}`;
    const file: FakeFile = {
      id,
      name: input.name,
      mimetype: input.mimetype ?? 'text/plain',
      filetype: input.name.includes('.') ? (input.name.split('.').pop() ?? 'text') : 'text',
      size: input.size ?? content.length,
      content,
      url_private: `${base}/${encodeURIComponent(input.name)}`,
      url_private_download: `${base}/download/${encodeURIComponent(input.name)}`,
      chunked: input.chunked ?? false,
    };
    this.files.set(id, file);
    return file;
  }

  /** The file object as it appears in a `file_share` message event's `files` array. */
  fileEventObject(file: FakeFile): Record<string, unknown> {
    return {
      id: file.id,
      name: file.name,
      title: file.name,
      mimetype: file.mimetype,
      filetype: file.filetype,
      size: file.size,
      mode: 'hosted',
      url_private: file.url_private,
      url_private_download: file.url_private_download,
    };
  }

  /** Resolves when `check` returns a value other than undefined/false; fails with `what` and the calls so far. */
  async until<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => c.method).join(', ');
        throw new Error(`fake Slack API: timed out waiting for ${what}; calls so far: ${seen || 'none'}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private queue(method: string, item: Injected): void {
    const list = this.injected.get(method) ?? [];
    list.push(item);
    this.injected.set(method, list);
  }

  private nextTs(): string {
    this.counter += 1;
    return `${1_700_000_000 + this.counter}.${String(this.counter).padStart(6, '0')}`;
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const authorization =
      typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    this.requests.push({
      httpMethod: req.method ?? 'GET',
      path: url.pathname,
      host: req.headers.host ?? '',
      authorization,
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      void this.dispatch(req, res, url, body).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const api = /^\/api\/([A-Za-z.]+)$/.exec(url.pathname);
    if (api?.[1] !== undefined) return this.apiCall(api[1], req, res, url, body);
    const file = /^\/files-pri\/[A-Z0-9]+-(F[0-9]+)\/(?:download\/)?[^/]+$/.exec(url.pathname);
    if (req.method === 'GET' && file?.[1] !== undefined) return this.download(file[1], req, res);
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      this.responses.push({ path: url.pathname, body: JSON.parse(body.toString('utf8') || '{}') });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    const upload = /^\/upload\/v1\/(F[0-9]+)$/.exec(url.pathname);
    if (req.method === 'POST' && upload?.[1] !== undefined)
      return this.receiveUpload(upload[1], req, res, body);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  private async apiCall(method: string, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer) {
    const parsed = await parseArgs(req, url, body);
    const headerToken = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const formToken = parsed.json ? undefined : stringArg(parsed.args.token);
    const token = headerToken ?? formToken;
    const args = { ...parsed.args };
    delete args.token;
    const at = performance.timeOrigin + performance.now();
    const call: RecordedCall = { method, args, headers: req.headers, token, at };
    this.calls.push(call);

    const injected = this.injected.get(method)?.shift();
    if (injected?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, injected.ms));
    if (injected?.kind === 'http') {
      res.writeHead(injected.status, { 'content-type': 'text/html' });
      res.end('<html><body>upstream error</body></html>');
      return;
    }
    if (injected?.kind === 'ratelimit') {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(injected.retryAfter) });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const answer =
      injected?.kind === 'error' ? { ok: false, error: injected.error } : this.answer(method, call);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer));
  }

  private answer(method: string, call: RecordedCall): Record<string, unknown> {
    const handler = this.handlers[method];
    if (handler === undefined) return { ok: false, error: 'unknown_method', req_method: method };
    if (call.token === undefined) return { ok: false, error: 'not_authed' };
    const isApp = call.token === this.appToken;
    if (!isApp && call.token !== this.botToken) return { ok: false, error: 'invalid_auth' };
    if (isApp !== (method === 'apps.connections.open')) return { ok: false, error: 'not_allowed_token_type' };
    return handler(call);
  }

  private readonly handlers: Record<string, Handler> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://fake-workspace.slack.com/',
      team: 'Fake Workspace',
      user: 'ccnet',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    }),
    'chat.postMessage': ({ args }) => {
      const channel = stringArg(args.channel);
      // A user id as channel posts to the app's DM with that user, as Slack does.
      if (channel === undefined || !/^[CGDU][A-Z0-9]+$/.test(channel))
        return { ok: false, error: 'channel_not_found' };
      const invalid = messageErrors(args);
      if (invalid !== undefined) return invalid;
      const message: FakeMessage = {
        channel,
        ts: this.nextTs(),
        threadTs: stringArg(args.thread_ts),
        text: stringArg(args.text) ?? '',
        blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
        user: this.botUserId,
        updates: 0,
        args,
      };
      this.messages.push(message);
      this.byTs.set(`${channel}/${message.ts}`, message);
      return { ok: true, channel, ts: message.ts, message: this.wire(message) };
    },
    'chat.update': ({ args }) => {
      const channel = stringArg(args.channel);
      const ts = stringArg(args.ts);
      const message = channel !== undefined && ts !== undefined ? this.message(channel, ts) : undefined;
      if (message === undefined) return { ok: false, error: 'message_not_found' };
      const invalid = messageErrors(args);
      if (invalid !== undefined) return invalid;
      message.text = stringArg(args.text) ?? message.text;
      message.blocks = Array.isArray(args.blocks) ? args.blocks : message.blocks;
      message.updates += 1;
      return {
        ok: true,
        channel: message.channel,
        ts: message.ts,
        text: message.text,
        message: this.wire(message),
      };
    },
    'chat.postEphemeral': ({ args }) => {
      const channel = stringArg(args.channel);
      const user = stringArg(args.user);
      if (channel === undefined) return { ok: false, error: 'channel_not_found' };
      if (user === undefined) return { ok: false, error: 'user_not_in_channel' };
      const invalid = messageErrors(args);
      if (invalid !== undefined) return invalid;
      this.ephemerals.push({
        channel,
        user,
        threadTs: stringArg(args.thread_ts),
        text: stringArg(args.text) ?? '',
        blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
      });
      return { ok: true, message_ts: this.nextTs() };
    },
    'views.publish': ({ args }) => {
      const user = stringArg(args.user_id);
      const view = args.view;
      if (user === undefined || typeof view !== 'object' || view === null)
        return { ok: false, error: 'invalid_arguments' };
      const v = view as Record<string, unknown>;
      if (v.type !== 'home') return { ok: false, error: 'invalid_arguments' };
      const errors = blockKitErrors(v.blocks, 100);
      if (errors.length > 0)
        return { ok: false, error: 'invalid_arguments', response_metadata: { messages: errors } };
      const published = { id: `V${String(++this.counter).padStart(8, '0')}`, team_id: this.teamId, ...v };
      this.homeViews.set(user, published);
      return { ok: true, view: published };
    },
    'reactions.add': ({ args }) => this.react('add', args),
    'reactions.remove': ({ args }) => this.react('remove', args),
    'chat.getPermalink': ({ args }) => {
      const channel = stringArg(args.channel);
      const ts = stringArg(args.message_ts);
      if (channel === undefined || !/^[CGD][A-Z0-9]+$/.test(channel))
        return { ok: false, error: 'channel_not_found' };
      const message = ts !== undefined ? this.message(channel, ts) : undefined;
      if (message === undefined || ts === undefined) return { ok: false, error: 'message_not_found' };
      const base = `https://fake-workspace.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
      // Slack's format for a reply in a thread carries the thread and the channel.
      const permalink =
        message.threadTs !== undefined && message.threadTs !== ts
          ? `${base}?thread_ts=${message.threadTs}&cid=${channel}`
          : base;
      return { ok: true, channel, permalink };
    },
    'conversations.open': ({ args }) => {
      const users = stringArg(args.users);
      if (users === undefined) return { ok: false, error: 'users_list_not_supplied' };
      if (!/^[UW][A-Z0-9]+$/.test(users)) return { ok: false, error: 'user_not_found' };
      return { ok: true, channel: { id: `D${users.slice(1)}` } };
    },
    'files.info': ({ args }) => {
      const file = this.files.get(stringArg(args.file) ?? '');
      if (file === undefined) return { ok: false, error: 'file_not_found' };
      return {
        ok: true,
        file: this.fileEventObject(file),
        comments: [],
        response_metadata: { next_cursor: '' },
      };
    },
    'files.getUploadURLExternal': ({ args }) => {
      const filename = stringArg(args.filename);
      const length = Number(args.length);
      if (filename === undefined || !Number.isInteger(length) || length < 1)
        return { ok: false, error: 'invalid_arguments' };
      const id = `F${String(++this.counter).padStart(8, '0')}`;
      this.pendingUploads.set(id, { filename, length });
      return { ok: true, upload_url: `${this.origin}/upload/v1/${id}`, file_id: id };
    },
    'files.completeUploadExternal': ({ args }) => {
      const files = Array.isArray(args.files)
        ? (args.files as { id?: unknown; title?: unknown }[])
        : undefined;
      if (files === undefined || files.length === 0) return { ok: false, error: 'invalid_arguments' };
      const done: Record<string, unknown>[] = [];
      for (const f of files) {
        const id = typeof f.id === 'string' ? f.id : '';
        const pending = this.pendingUploads.get(id);
        if (pending?.content === undefined) return { ok: false, error: 'file_not_found' };
        const title = typeof f.title === 'string' ? f.title : undefined;
        this.uploads.push({
          id,
          filename: pending.filename,
          title,
          content: pending.content,
          channel: stringArg(args.channel_id),
          threadTs: stringArg(args.thread_ts),
          initialComment: stringArg(args.initial_comment),
        });
        this.pendingUploads.delete(id);
        done.push({ id, title: title ?? pending.filename, name: pending.filename });
      }
      return { ok: true, files: done };
    },
    'apps.connections.open': () => {
      if (this.socketUrl === undefined) return { ok: false, error: 'internal_error' };
      return { ok: true, url: this.socketUrl() };
    },
  };

  /** reactions.add / reactions.remove as Slack answers them for the bot's own reaction on a message. */
  private react(method: 'add' | 'remove', args: Record<string, unknown>): Record<string, unknown> {
    const channel = stringArg(args.channel);
    const ts = stringArg(args.timestamp);
    const name = stringArg(args.name);
    if (channel === undefined || ts === undefined) return { ok: false, error: 'no_item_specified' };
    if (!/^[CGD][A-Z0-9]+$/.test(channel)) return { ok: false, error: 'channel_not_found' };
    if (!/^\d+\.\d+$/.test(ts)) return { ok: false, error: 'bad_timestamp' };
    if (name === undefined || !/^[a-z0-9_+'-]+$/.test(name)) return { ok: false, error: 'invalid_name' };
    const key = `${channel}|${ts}`;
    const on = this.reactions.get(key) ?? new Set<string>();
    if (method === 'add' && on.has(name)) return { ok: false, error: 'already_reacted' };
    if (method === 'remove' && !on.has(name)) return { ok: false, error: 'no_reaction' };
    if (method === 'add') on.add(name);
    else on.delete(name);
    this.reactions.set(key, on);
    this.reactionLog.push({ method, channel, ts, name });
    return { ok: true };
  }

  private wire(m: FakeMessage): Record<string, unknown> {
    return {
      type: 'message',
      text: m.text,
      user: m.user,
      bot_id: this.botId,
      app_id: this.appId,
      team: this.teamId,
      ts: m.ts,
      ...(m.threadTs !== undefined ? { thread_ts: m.threadTs } : {}),
      ...(m.blocks !== undefined ? { blocks: m.blocks } : {}),
    };
  }

  private download(fileId: string, req: IncomingMessage, res: ServerResponse): void {
    const file = this.files.get(fileId);
    const authorised = !this.denyDownloads && req.headers.authorization === `Bearer ${this.botToken}`;
    if (file === undefined || !authorised) {
      // What Slack does for a private file URL without a token that can read it.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(LOGIN_PAGE);
      return;
    }
    if (!file.chunked) {
      res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.content.length) });
      res.end(file.content);
      return;
    }
    res.writeHead(200, { 'content-type': file.mimetype });
    const step = 16 * 1024;
    let offset = 0;
    const pump = (): void => {
      while (offset < file.content.length) {
        const chunk = file.content.subarray(offset, offset + step);
        offset += step;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('close', () => {
      offset = file.content.length;
    });
    pump();
  }

  private async receiveUpload(
    id: string,
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
  ): Promise<void> {
    const pending = this.pendingUploads.get(id);
    if (pending === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('upload not found');
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(body, { headers: { 'content-type': type } }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string');
      pending.content =
        part !== undefined && typeof part !== 'string'
          ? Buffer.from(await part.arrayBuffer())
          : Buffer.alloc(0);
    } else {
      pending.content = body;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${pending.content.length}`);
  }
}

function stringArg(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** Form bodies carry JSON-encoded arrays and objects as strings (that is how the WebClient sends blocks). */
const JSON_ARGS = ['blocks', 'attachments', 'view', 'files', 'metadata'];

async function parseArgs(req: IncomingMessage, url: URL, body: Buffer) {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  let args: Record<string, unknown> = Object.fromEntries(url.searchParams);
  let json = false;
  if (type === 'application/json') {
    json = true;
    const parsed: unknown = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
    if (typeof parsed === 'object' && parsed !== null)
      args = { ...args, ...(parsed as Record<string, unknown>) };
  } else if (type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of Object.entries(parseQuery(body.toString('utf8'))))
      args[k] = Array.isArray(v) ? v[0] : v;
  } else if (type === 'multipart/form-data') {
    const form = await new Response(body, {
      headers: { 'content-type': req.headers['content-type'] ?? '' },
    }).formData();
    for (const [k, v] of form.entries()) if (typeof v === 'string') args[k] = v;
  }
  for (const key of JSON_ARGS) {
    const v = args[key];
    if (typeof v !== 'string') continue;
    try {
      args[key] = JSON.parse(v);
    } catch {
      args[key] = { unparsable: v };
    }
  }
  return { args, json };
}

function messageErrors(args: Record<string, unknown>): Record<string, unknown> | undefined {
  const text = stringArg(args.text);
  if (text === undefined && args.blocks === undefined && args.attachments === undefined)
    return { ok: false, error: 'no_text' };
  if (text !== undefined && text.length > 40_000) return { ok: false, error: 'msg_too_long' };
  if (args.blocks !== undefined) {
    const errors = blockKitErrors(args.blocks, 50);
    if (errors.length > 0) return { ok: false, error: 'invalid_blocks', errors };
  }
  return undefined;
}
