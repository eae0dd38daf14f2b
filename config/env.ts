// The one reader of the environment, for every entry point (npm start, the Slack app, the `ccnet` command): read once
// at start, validated with zod, passed in (STYLE.md 6). One default per variable, here. Problems are one line each,
// naming the variable and the expected form; a variable's value is never echoed, since it may be a token.
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CcnetError } from '../knowledge/errors.ts';
import { DEFAULT_MAX_TEMPLATE_BYTES, MAX_TEMPLATE_CHARS } from '../knowledge/template/limits.ts';

/** CCNET_AUDIT_LOG: `off`, `stdout` (the default; human log lines go to stderr), or a file appended to. */
export type AuditDestination = { kind: 'off' } | { kind: 'stdout' } | { kind: 'file'; path: string };

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

const DEFAULT_FILE_HOSTS = ['files.slack.com'];
export const DEFAULT_MAX_UPLOAD_BYTES = DEFAULT_MAX_TEMPLATE_BYTES;

/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY (lower-case forms win, as curl reads them): the proxy the Slack app's outbound
 * calls go through; present only when a proxy is set.
 */
export interface ProxySettings {
  httpsProxy?: string;
  httpProxy?: string;
  noProxy?: string;
}

interface CommonEnv {
  /** Web API base URL ending in `/`; absent means Slack's own. */
  slackApiUrl?: string;
  /** Hosts (`name` or `name:port`, lower case) the bot token may be sent to when downloading files. */
  fileHosts: string[];
  maxUploadBytes: number;
  /**
   * CCNET_DATA_DIR: where the file session store keeps sessions (unless REDIS_URL is set), relative to the working
   * directory. Default `~/.ccnet` for the Slack app and the terminal chat alike, so `ccnet chat --resume` finds its
   * sessions from any folder.
   */
  dataDir: string;
  configPath?: string;
  /** Channel ids the bot answers in; absent means everywhere it is invited. */
  allowedChannels?: string[];
  /** Sessions and delivery dedupe in Redis (shared by replicas) instead of files under CCNET_DATA_DIR. */
  redisUrl?: string;
  /** CCNET_AUDIT_LOG: one JSON line per diagnosis, to stdout unless `off` or a file path. */
  auditLog: AuditDestination;
  logLevel: LogLevelName;
  proxy?: ProxySettings;
  /** Terminal colour: NO_COLOR (https://no-color.org) wins over FORCE_COLOR; `auto` colours only a TTY. */
  color: 'auto' | 'never' | 'always';
}

export type Env =
  | (CommonEnv & { mode: 'terminal' })
  | (CommonEnv & { mode: 'socket'; botToken: string; appToken: string; healthPort?: number })
  | (CommonEnv & { mode: 'http'; botToken: string; signingSecret: string; port: number });
export type SlackEnv = Exclude<Env, { mode: 'terminal' }>;

/** Every problem at once, one line each, so one restart fixes them all. */
function envError(problems: string[]): CcnetError {
  return new CcnetError('CONFIG', problems.join('\n'));
}

export type EnvSource = Record<string, string | undefined>;

const port = z
  .string()
  .regex(/^\d{1,5}$/)
  .transform(Number)
  .pipe(z.number().max(65535));
const commaList = (item: z.ZodString) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0),
    )
    .pipe(z.array(item).min(1));

/** A proxy URL; `host:port` alone means http://host:port (as curl takes it). */
const proxyUrl = z
  .string()
  .transform((s) => (s.includes('://') ? s : `http://${s}`))
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol) && new URL(s).hostname !== '');
const PROXY_EXPECTED = 'an http:// proxy URL, e.g. http://proxy.example.com:3128 (user:password@ allowed)';

const FIELDS = {
  SLACK_BOT_TOKEN: {
    schema: z.string().regex(/^xoxb-[A-Za-z0-9-]+$/),
    expected: 'a bot token starting with xoxb- (app settings: OAuth & Permissions, Bot User OAuth Token)',
  },
  SLACK_APP_TOKEN: {
    schema: z.string().regex(/^xapp-[A-Za-z0-9-]+$/),
    expected:
      'an app-level token starting with xapp- with the connections:write scope (app settings: Basic Information, App-Level Tokens)',
  },
  SLACK_SIGNING_SECRET: {
    schema: z.string().regex(/^[A-Za-z0-9]{16,}$/),
    expected: 'the signing secret, letters and digits (app settings: Basic Information, App Credentials)',
  },
  PORT: { schema: port, expected: 'a TCP port number, 0-65535' },
  HEALTH_PORT: { schema: port, expected: 'a TCP port number for GET /healthz, 0-65535' },
  SLACK_API_URL: {
    schema: z
      .string()
      .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol))
      .transform((s) => (s.endsWith('/') ? s : `${s}/`)),
    expected: 'an http(s) URL of the Web API, e.g. https://slack.com/api/',
  },
  CCNET_FILE_HOSTS: {
    schema: commaList(
      z
        .string()
        .toLowerCase()
        .regex(/^(\[[0-9a-f:]+\]|[a-z0-9.-]+)(:\d{1,5})?$/),
    ),
    expected: 'a comma-separated list of host names (optionally host:port), e.g. files.slack.com',
  },
  CCNET_MAX_UPLOAD_BYTES: {
    schema: z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number)
      .pipe(z.number().min(1).max(MAX_TEMPLATE_CHARS)),
    expected: `a size in bytes up to ${MAX_TEMPLATE_CHARS}, e.g. 1048576`,
  },
  CCNET_CONFIG: { schema: z.string(), expected: 'the path of the team profile INI file' },
  CCNET_ALLOWED_CHANNELS: {
    schema: commaList(z.string().regex(/^[CGD][A-Z0-9]{2,}$/)),
    expected: 'a comma-separated list of channel ids, e.g. C0123ABCD,G0456EFGH',
  },
  LOG_LEVEL: { schema: z.enum(LOG_LEVELS), expected: `one of ${LOG_LEVELS.join(', ')}` },
  CCNET_AUDIT_LOG: {
    schema: z
      .string()
      .refine((s) => [...s].every((ch) => ch >= ' '))
      .transform(
        (s): AuditDestination =>
          s === 'off' ? { kind: 'off' } : s === 'stdout' ? { kind: 'stdout' } : { kind: 'file', path: s },
      ),
    expected: '`stdout` (the default), `off`, or the path of a file to append one JSON line per diagnosis to',
  },
  HTTPS_PROXY: { schema: proxyUrl, expected: PROXY_EXPECTED },
  HTTP_PROXY: { schema: proxyUrl, expected: PROXY_EXPECTED },
  NO_PROXY: {
    schema: z.string(),
    expected: 'a comma-separated list of hosts reached without the proxy, e.g. localhost,.internal.example',
  },
  REDIS_URL: {
    schema: z.string().refine((s) => URL.canParse(s) && /^rediss?:$/.test(new URL(s).protocol)),
    expected: 'a redis:// or rediss:// URL, e.g. redis://localhost:6379',
  },
} as const;

type FieldName = keyof typeof FIELDS;

/** The variables the `ccnet` command reads besides CCNET_DATA_DIR and the colour ones. */
const TERMINAL_FIELDS: ReadonlySet<FieldName> = new Set(['CCNET_CONFIG']);
type FieldValue<K extends FieldName> = z.output<(typeof FIELDS)[K]['schema']>;

/**
 * `scope: 'terminal'` is for the `ccnet` command, which never talks to Slack: it reads only the variables it uses
 * (CCNET_DATA_DIR, CCNET_CONFIG, colour), so a bot's variables in the same shell cannot break a CI lint.
 */
export function loadEnv(src: EnvSource = process.env, scope: 'all' | 'terminal' = 'all'): Env {
  const problems: string[] = [];
  const read = <K extends FieldName>(name: K, from: string = name): FieldValue<K> | undefined => {
    if (scope === 'terminal' && !TERMINAL_FIELDS.has(name)) return undefined;
    const raw = src[from]?.trim();
    if (raw === undefined || raw === '') return undefined;
    const parsed = FIELDS[name].schema.safeParse(raw);
    if (parsed.success) return parsed.data as FieldValue<K>;
    problems.push(`${from} is malformed: expected ${FIELDS[name].expected}.`);
    return undefined;
  };
  /** The proxy variables in either case; the lower-case one wins when both are set. */
  const readAnyCase = <K extends 'HTTPS_PROXY' | 'HTTP_PROXY' | 'NO_PROXY'>(name: K) =>
    nonEmpty(src[name.toLowerCase()]) !== undefined ? read(name, name.toLowerCase()) : read(name);
  const missing = (name: FieldName, why: string) =>
    problems.push(`${name} is missing: ${why} needs ${FIELDS[name].expected}.`);

  const common: CommonEnv = {
    slackApiUrl: read('SLACK_API_URL'),
    fileHosts: read('CCNET_FILE_HOSTS') ?? DEFAULT_FILE_HOSTS,
    maxUploadBytes: read('CCNET_MAX_UPLOAD_BYTES') ?? DEFAULT_MAX_UPLOAD_BYTES,
    ...commonDefaults(src),
    configPath: read('CCNET_CONFIG'),
    allowedChannels: read('CCNET_ALLOWED_CHANNELS'),
    redisUrl: read('REDIS_URL'),
    auditLog: read('CCNET_AUDIT_LOG') ?? { kind: 'stdout' },
    logLevel: read('LOG_LEVEL') ?? 'info',
    proxy: proxySettings(readAnyCase('HTTPS_PROXY'), readAnyCase('HTTP_PROXY'), readAnyCase('NO_PROXY')),
  };
  const given = (name: FieldName) =>
    (scope === 'all' || TERMINAL_FIELDS.has(name)) && (src[name]?.trim() ?? '') !== '';
  const botToken = read('SLACK_BOT_TOKEN');
  const appToken = read('SLACK_APP_TOKEN');
  const signingSecret = read('SLACK_SIGNING_SECRET');
  const httpPort = read('PORT');
  const healthPort = read('HEALTH_PORT');

  if (!given('SLACK_BOT_TOKEN') && !given('SLACK_APP_TOKEN') && !given('SLACK_SIGNING_SECRET')) {
    if (problems.length > 0) throw envError(problems);
    return { ...common, mode: 'terminal' };
  }
  const httpMode = given('SLACK_SIGNING_SECRET') && given('PORT');
  if (!given('SLACK_BOT_TOKEN')) missing('SLACK_BOT_TOKEN', httpMode ? 'HTTP mode' : 'Socket Mode');
  if (!httpMode && !given('SLACK_APP_TOKEN')) {
    if (given('SLACK_SIGNING_SECRET')) missing('PORT', 'HTTP mode (SLACK_SIGNING_SECRET is set)');
    else missing('SLACK_APP_TOKEN', 'Socket Mode (or set SLACK_SIGNING_SECRET and PORT for HTTP mode)');
  }
  if (problems.length > 0 || botToken === undefined) throw envError(problems);
  if (httpMode && signingSecret !== undefined && httpPort !== undefined) {
    return { ...common, mode: 'http', botToken, signingSecret, port: httpPort };
  }
  if (appToken === undefined) throw envError(problems);
  return { ...common, mode: 'socket', botToken, appToken, healthPort: healthPort ?? httpPort };
}

function proxySettings(
  httpsProxy: string | undefined,
  httpProxy: string | undefined,
  noProxy: string | undefined,
): ProxySettings | undefined {
  if (httpsProxy === undefined && httpProxy === undefined) return undefined;
  return {
    ...(httpsProxy !== undefined ? { httpsProxy } : {}),
    ...(httpProxy !== undefined ? { httpProxy } : {}),
    ...(noProxy !== undefined ? { noProxy } : {}),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** The variables every entry point reads, and that take any value. */
function commonDefaults(src: EnvSource): Pick<CommonEnv, 'dataDir' | 'color'> {
  const home = nonEmpty(src.HOME) ?? nonEmpty(src.USERPROFILE) ?? homedir();
  return {
    dataDir: nonEmpty(src.CCNET_DATA_DIR) ?? path.join(home, '.ccnet'),
    color:
      (src.NO_COLOR ?? '') !== ''
        ? 'never'
        : src.FORCE_COLOR !== undefined && src.FORCE_COLOR !== '0'
          ? 'always'
          : 'auto',
  };
}
