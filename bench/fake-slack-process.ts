// The fake Web API in its own process for bench/slack.ts, so its work does not share the bot's event loop (as
// Slack's servers would not). Prints its coordinates as one JSON line, then serves until killed.
import { FakeSlackApi } from '../test/fakes/slack-api.ts';

const slack = await FakeSlackApi.start();
process.stdout.write(
  `${JSON.stringify({ url: slack.url, host: slack.host, botToken: slack.botToken, botId: slack.botId, botUserId: slack.botUserId, teamId: slack.teamId, appId: slack.appId })}\n`,
);
process.on('SIGTERM', () => {
  void slack.close().then(() => process.exit(0));
});
