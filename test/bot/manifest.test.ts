// manifest.yml must declare exactly what bot/ registers and the scopes its Web API calls need, no more.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type Receiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { registerListeners } from '../../bot/listeners/index.ts';
import { AUDIT_OFF } from '../../bot/runtime/audit.ts';
import { createLogger } from '../../bot/runtime/logger.ts';
import { inlineWork } from '../../bot/runtime/work-queue.ts';
import { ACTION } from '../../bot/slack/action-ids.ts';
import { FlowRunner } from '../../flows/runner.ts';
import { HTTP_EVENTS_URL, httpManifest } from '../../scripts/manifest-http.ts';
import { MemoryDeliveryDedupe } from '../../stores/memory/dedupe.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { MemoryThreadIndex } from '../../stores/memory/thread-index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What each event subscription needs (Slack reference: Events). */
const EVENT_SCOPES: Record<string, string[]> = {
  app_home_opened: [],
  app_mention: ['app_mentions:read'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.im': ['im:history'],
  'message.mpim': ['mpim:history'],
};
/** A `message` listener hears channels, private channels, DMs and group DMs. */
const MESSAGE_EVENTS = ['message.channels', 'message.groups', 'message.im', 'message.mpim'];

/** Scope of each Web API method the bot calls (Slack reference: Methods); null means none beyond the token. */
const METHOD_SCOPES: Record<string, string | null> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.getPermalink': null,
  'conversations.open': 'im:write',
  'reactions.add': 'reactions:write',
  'reactions.remove': 'reactions:write',
  'files.info': 'files:read',
  filesUploadV2: 'files:write',
  'views.publish': null,
};

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

function get(y: Yaml, ...keys: string[]): Yaml {
  let at: Yaml = y;
  for (const k of keys) {
    if (typeof at !== 'object' || at === null || Array.isArray(at))
      throw new Error(`manifest: no ${keys.join('.')}`);
    at = at[k] ?? null;
  }
  return at;
}

function strings(y: Yaml): string[] {
  if (!Array.isArray(y)) throw new Error('manifest: expected a list');
  return y.map(String);
}

function registrations() {
  const receiver: Receiver = { init: () => {}, start: async () => undefined, stop: async () => undefined };
  const app = new App({
    token: 'xoxb-1-2-test',
    botId: 'B1',
    botUserId: 'U1',
    receiver,
    logger: createLogger('error'),
  });
  const seen = {
    commands: [] as string[],
    actions: [] as RegExp[],
    events: [] as string[],
    shortcuts: [] as { callback_id: string; type: string }[],
  };
  const record = (kind: 'command' | 'action' | 'event' | 'shortcut', into: unknown[]) => {
    const original = (app[kind] as (...a: unknown[]) => unknown).bind(app);
    return (name: unknown, ...rest: unknown[]) => {
      into.push(name);
      return original(name, ...rest);
    };
  };
  Object.assign(app, {
    command: record('command', seen.commands),
    action: record('action', seen.actions),
    event: record('event', seen.events),
    shortcut: record('shortcut', seen.shortcuts),
  });
  const store = new MemorySessionStore();
  registerListeners(app, {
    runner: new FlowRunner({ templates: new MemoryTemplateBlobs(), store }),
    threads: new MemoryThreadIndex(),
    seen: new MemoryDeliveryDedupe(),
    seenHere: new MemoryDeliveryDedupe(),
    audit: AUDIT_OFF,
    work: inlineWork(),
    teamId: 'T1',
    logger: createLogger('error'),
    botUserId: 'U1',
    botToken: 'xoxb-1-2-test',
    policy: { fileHosts: ['files.slack.com'], maxUploadBytes: 1024 },
  });
  return seen;
}

function botSources(dir = path.join(ROOT, 'bot')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? botSources(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

function methodsCalled(): string[] {
  const found = new Set<string>();
  for (const file of botSources()) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/client\.(\w+)\.(\w+)\(/g)) found.add(`${m[1]}.${m[2]}`);
    for (const m of text.matchAll(/client\.(filesUploadV2|apiCall)\(/g)) found.add(String(m[1]));
  }
  return [...found].sort();
}

const manifest = parseYaml(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as Yaml;
const registered = registrations();

describe('manifest.yml matches bot/', () => {
  it('declares the slash commands bot/ registers', () => {
    const commands = (get(manifest, 'features', 'slash_commands') as Yaml[]).map((c) => get(c, 'command'));
    expect(commands).toEqual(registered.commands);
    for (const c of get(manifest, 'features', 'slash_commands') as Yaml[]) {
      expect(String(get(c, 'usage_hint'))).toContain('explain');
    }
  });

  it('declares the message shortcuts bot/ registers', () => {
    const declared = (get(manifest, 'features', 'shortcuts') as Yaml[]).map((s) => ({
      callback_id: String(get(s, 'callback_id')),
      // Bolt names a message shortcut's payload message_action; the manifest calls its type message.
      type: String(get(s, 'type')) === 'message' ? 'message_action' : String(get(s, 'type')),
    }));
    expect(declared).toEqual(registered.shortcuts);
    for (const s of get(manifest, 'features', 'shortcuts') as Yaml[]) {
      expect(String(get(s, 'name')).length).toBeLessThanOrEqual(24);
      expect(String(get(s, 'description')).length).toBeLessThanOrEqual(100);
    }
  });

  it('subscribes to the events bot/ listens to', () => {
    const expected = registered.events.flatMap((e) => (e === 'message' ? MESSAGE_EVENTS : [e])).sort();
    expect(strings(get(manifest, 'settings', 'event_subscriptions', 'bot_events')).sort()).toEqual(expected);
  });

  it('asks for exactly the scopes the commands, events and Web API calls need', () => {
    const called = methodsCalled();
    const unknown = called.filter((m) => !(m in METHOD_SCOPES));
    expect(unknown, 'add the scope of each new Web API method to METHOD_SCOPES and manifest.yml').toEqual([]);
    const needed = new Set<string>([
      // Slash commands and shortcuts both need the commands scope.
      ...(registered.commands.length + registered.shortcuts.length > 0 ? ['commands'] : []),
      ...registered.events
        .flatMap((e) => (e === 'message' ? MESSAGE_EVENTS : [e]))
        .flatMap((e) => EVENT_SCOPES[e] ?? [`?${e}`]),
      ...called.flatMap((m) => METHOD_SCOPES[m] ?? []),
      // Template downloads send the bot token to url_private, which needs files:read.
      'files:read',
    ]);
    expect(strings(get(manifest, 'oauth_config', 'scopes', 'bot')).sort()).toEqual([...needed].sort());
  });

  it('every button kind has a listener, and every action listener is for a button kind', () => {
    const ids = Object.values(ACTION);
    for (const id of ids)
      expect(
        registered.actions.some((p) => p.test(id) && p.test(`${id}:3`)),
        id,
      ).toBe(true);
    for (const p of registered.actions)
      expect(
        ids.some((id) => p.test(id)),
        String(p),
      ).toBe(true);
  });

  it('turns on what the listeners rely on', () => {
    expect(get(manifest, 'settings', 'interactivity', 'is_enabled')).toBe(
      registered.actions.length + registered.shortcuts.length > 0,
    );
    expect(get(manifest, 'features', 'app_home', 'home_tab_enabled')).toBe(
      registered.events.includes('app_home_opened'),
    );
    expect(get(manifest, 'features', 'app_home', 'messages_tab_enabled')).toBe(true);
    expect(get(manifest, 'settings', 'socket_mode_enabled')).toBe(true);
    expect(get(manifest, 'features', 'bot_user', 'display_name')).toBe('ccnet');
    const long = String(get(manifest, 'display_information', 'long_description'));
    expect(long.length).toBeGreaterThanOrEqual(175);
  });
});

describe('manifest.http.yml', () => {
  const text = readFileSync(path.join(ROOT, 'manifest.http.yml'), 'utf8');
  const http = parseYaml(text) as Yaml;

  it('is manifest.yml for HTTP mode, regenerated after every change (npm run manifest:http)', () => {
    expect(text, 'manifest.http.yml is stale: run npm run manifest:http').toBe(
      httpManifest(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')),
    );
  });

  it('turns Socket Mode off and sends every request to POST /slack/events', () => {
    expect(get(http, 'settings', 'socket_mode_enabled')).toBe(false);
    expect(get(http, 'settings', 'event_subscriptions', 'request_url')).toBe(HTTP_EVENTS_URL);
    expect(get(http, 'settings', 'interactivity', 'request_url')).toBe(HTTP_EVENTS_URL);
    for (const c of get(http, 'features', 'slash_commands') as Yaml[])
      expect(get(c, 'url')).toBe(HTTP_EVENTS_URL);
    expect(new URL(HTTP_EVENTS_URL).pathname).toBe('/slack/events');
  });

  it('declares the same commands, events, scopes and features as manifest.yml', () => {
    const strip = (y: Yaml): Yaml =>
      JSON.parse(
        JSON.stringify(y, (k, v) =>
          k === 'url' || k === 'request_url' || k === 'socket_mode_enabled' ? undefined : v,
        ),
      );
    expect(strip(http)).toEqual(strip(manifest));
  });
});
