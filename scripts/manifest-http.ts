// Writes manifest.http.yml from manifest.yml: the same app for HTTP mode (SLACK_SIGNING_SECRET + PORT), with Socket
// Mode off and every request URL pointing at POST /slack/events on a placeholder host to replace with your own.
// `npm run manifest:http` after any change to manifest.yml; test/bot/manifest.test.ts fails while the two differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, parseDocument } from 'yaml';

export const HTTP_EVENTS_URL = 'https://ccnet.example.com/slack/events';

export function httpManifest(socketManifestText: string): string {
  // manifest.yml's own header comment speaks of Socket Mode; this file gets its own.
  const body = socketManifestText.replace(/^(#.*\n)+\n?/, '');
  const doc = parseDocument(body);
  doc.commentBefore =
    ' Slack app manifest for ccnet in HTTP mode (SLACK_SIGNING_SECRET + PORT; the bot serves POST /slack/events).\n' +
    ' Generated from manifest.yml by `npm run manifest:http`: edit manifest.yml, then regenerate.\n' +
    ` Replace ${new URL(HTTP_EVENTS_URL).host} with the public host that reaches the bot.`;
  const commands = doc.getIn(['features', 'slash_commands']);
  if (isSeq(commands))
    for (const command of commands.items) if (isMap(command)) command.set('url', HTTP_EVENTS_URL);
  doc.setIn(['settings', 'event_subscriptions', 'request_url'], HTTP_EVENTS_URL);
  if (doc.getIn(['settings', 'interactivity', 'is_enabled']) === true)
    doc.setIn(['settings', 'interactivity', 'request_url'], HTTP_EVENTS_URL);
  doc.setIn(['settings', 'socket_mode_enabled'], false);
  return doc.toString({ lineWidth: 0 });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL('../', import.meta.url);
  writeFileSync(
    new URL('manifest.http.yml', root),
    httpManifest(readFileSync(new URL('manifest.yml', root), 'utf8')),
  );
}
