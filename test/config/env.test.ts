import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../config/env.ts';
import { CcnetError } from '../../knowledge/errors.ts';

const BOT = 'xoxb-1234-5678-abcdefABCDEF';
const APP = 'xapp-1-A012-345-abcdef0123';
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

function problems(src: Record<string, string>): string[] {
  try {
    loadEnv(src);
  } catch (error) {
    if (error instanceof CcnetError && error.code === 'CONFIG') return error.hint.split('\n');
    throw error;
  }
  throw new Error('expected a CONFIG error');
}

describe('loadEnv modes', () => {
  it.each([
    ['nothing set', {}, 'terminal'],
    ['only CCNET_ variables', { CCNET_DATA_DIR: '/tmp/x' }, 'terminal'],
    ['bot + app token', { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }, 'socket'],
    ['bot + secret + port', { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '3000' }, 'http'],
    [
      'everything: HTTP wins when secret and port are set',
      { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET, PORT: '3000' },
      'http',
    ],
    ['empty strings count as unset', { SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: ' ' }, 'terminal'],
  ])('%s → %s', (_name, src, mode) => {
    expect(loadEnv(src).mode).toBe(mode);
  });

  it('carries the tokens and ports of the chosen mode', () => {
    const env = loadEnv({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, HEALTH_PORT: '8081' });
    expect(env).toMatchObject({ mode: 'socket', botToken: BOT, appToken: APP, healthPort: 8081 });
    const http = loadEnv({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '3000' });
    expect(http).toMatchObject({ mode: 'http', signingSecret: SECRET, port: 3000 });
  });

  it('uses PORT for /healthz in Socket Mode when HEALTH_PORT is not set', () => {
    expect(loadEnv({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, PORT: '9000' })).toMatchObject({
      healthPort: 9000,
    });
  });
});

describe('loadEnv defaults and lists', () => {
  it('defaults', () => {
    expect(loadEnv({ HOME: '/home/ann' })).toEqual({
      mode: 'terminal',
      slackApiUrl: undefined,
      fileHosts: ['files.slack.com'],
      maxUploadBytes: 1024 * 1024,
      dataDir: path.join('/home/ann', '.ccnet'),
      color: 'auto',
      configPath: undefined,
      allowedChannels: undefined,
      redisUrl: undefined,
      auditLog: { kind: 'stdout' },
      logLevel: 'info',
    });
  });

  it('one data directory default for the Slack app and the terminal chat: ~/.ccnet', () => {
    const slack = loadEnv({ HOME: '/home/ann', SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP });
    const terminal = loadEnv({ HOME: '/home/ann' }, 'terminal');
    expect(slack.dataDir).toBe(path.join('/home/ann', '.ccnet'));
    expect(terminal.dataDir).toBe(slack.dataDir);
    expect(loadEnv({ HOME: '/home/ann', CCNET_DATA_DIR: ' state ' }, 'terminal').dataDir).toBe('state');
  });

  it('colour: NO_COLOR wins, FORCE_COLOR forces, else only a terminal', () => {
    expect(loadEnv({ NO_COLOR: '1', FORCE_COLOR: '1' }, 'terminal').color).toBe('never');
    expect(loadEnv({ NO_COLOR: '', FORCE_COLOR: '1' }, 'terminal').color).toBe('always');
    expect(loadEnv({ FORCE_COLOR: '0' }, 'terminal').color).toBe('auto');
  });

  it("the ccnet command reads only its own variables: a bot's broken ones cannot fail a CI lint", () => {
    const src = { SLACK_BOT_TOKEN: 'xoxp-user', PORT: 'eighty', LOG_LEVEL: 'loud', CCNET_CONFIG: 'team.ini' };
    expect(() => loadEnv(src)).toThrow(/SLACK_BOT_TOKEN is malformed/);
    expect(loadEnv(src, 'terminal')).toMatchObject({
      mode: 'terminal',
      configPath: 'team.ini',
      logLevel: 'info',
    });
  });

  it('CCNET_AUDIT_LOG: stdout by default, off, or a file path', () => {
    expect(loadEnv({ CCNET_AUDIT_LOG: 'off' }).auditLog).toEqual({ kind: 'off' });
    expect(loadEnv({ CCNET_AUDIT_LOG: 'stdout' }).auditLog).toEqual({ kind: 'stdout' });
    expect(loadEnv({ CCNET_AUDIT_LOG: ' /var/log/ccnet/audit.jsonl ' }).auditLog).toEqual({
      kind: 'file',
      path: '/var/log/ccnet/audit.jsonl',
    });
  });

  it('parses lists, sizes and the API URL', () => {
    const env = loadEnv({
      SLACK_API_URL: 'http://127.0.0.1:4000/api',
      CCNET_FILE_HOSTS: ' files.slack.com, 127.0.0.1:4000 ,',
      CCNET_MAX_UPLOAD_BYTES: '2048',
      CCNET_ALLOWED_CHANNELS: 'C0123ABCD,G0456EFGH',
      CCNET_CONFIG: 'ccnet.ini',
      LOG_LEVEL: 'debug',
    });
    expect(env).toMatchObject({
      slackApiUrl: 'http://127.0.0.1:4000/api/',
      fileHosts: ['files.slack.com', '127.0.0.1:4000'],
      maxUploadBytes: 2048,
      allowedChannels: ['C0123ABCD', 'G0456EFGH'],
      configPath: 'ccnet.ini',
      logLevel: 'debug',
    });
  });
});

describe('loadEnv problems', () => {
  it.each([
    ['bot token without app token or secret', { SLACK_BOT_TOKEN: BOT }, 'SLACK_APP_TOKEN is missing'],
    ['app token without bot token', { SLACK_APP_TOKEN: APP }, 'SLACK_BOT_TOKEN is missing'],
    ['secret without port', { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET }, 'PORT is missing'],
    [
      'a user token as bot token',
      { SLACK_BOT_TOKEN: 'xoxp-1-2-3', SLACK_APP_TOKEN: APP },
      'SLACK_BOT_TOKEN is malformed',
    ],
    [
      'a bot token as app token',
      { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: BOT },
      'SLACK_APP_TOKEN is malformed',
    ],
    [
      'port out of range',
      { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '70000' },
      'PORT is malformed',
    ],
    ['an API URL that is not one', { SLACK_API_URL: 'slack.com/api' }, 'SLACK_API_URL is malformed'],
    [
      'a channel name instead of an id',
      { CCNET_ALLOWED_CHANNELS: '#general' },
      'CCNET_ALLOWED_CHANNELS is malformed',
    ],
    ['a size with a unit', { CCNET_MAX_UPLOAD_BYTES: '1MB' }, 'CCNET_MAX_UPLOAD_BYTES is malformed'],
    ['an unknown log level', { LOG_LEVEL: 'verbose' }, 'LOG_LEVEL is malformed'],
    [
      'an audit log path with a line break',
      { CCNET_AUDIT_LOG: '/tmp/a\nb.jsonl' },
      'CCNET_AUDIT_LOG is malformed',
    ],
    [
      'a Redis URL of another scheme',
      { REDIS_URL: 'http://user:SECRET@cache:6379' },
      'REDIS_URL is malformed',
    ],
  ])('%s', (_name, src, expected) => {
    const found = problems(src);
    expect(found.some((p) => p.startsWith(expected))).toBe(true);
    for (const p of found) expect(p).not.toContain('\n');
  });

  it('names the expected form and never echoes a value', () => {
    const secretLooking = 'xoxp-9999-SECRET-VALUE';
    const found = problems({ SLACK_BOT_TOKEN: secretLooking, SLACK_APP_TOKEN: 'nope-SECRET' });
    expect(found).toHaveLength(2);
    expect(found.join(' ')).toContain('xoxb-');
    expect(found.join(' ')).toContain('xapp-');
    expect(found.join(' ')).not.toContain('SECRET');
  });

  it('reports every problem at once', () => {
    expect(
      problems({ SLACK_BOT_TOKEN: 'bad', LOG_LEVEL: 'loud', PORT: 'x', SLACK_SIGNING_SECRET: SECRET }),
    ).toHaveLength(3);
  });
});
