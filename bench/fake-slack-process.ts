// The fake Web API in its own process for bench/slack.ts, so its work does not share the apps' event loop (as
// Slack's servers would not). Prints its coordinates as one JSON line, then answers lines on stdin:
//   `calls N`  one JSON line: the Web API calls from the N-th on, as [method, channel, ts or thread_ts, arrival ms]
//   `clear`    forgets every call and message (between apps); answers `{}`
//   `forget`   forgets the calls so far, keeps the messages (after a setup); answers `{}`
//   `wait N`   answers `{}` once it holds N calls (polled here, so the apps' process spends nothing on it)
// Serves until stdin closes or SIGTERM.
import { createInterface } from 'node:readline';
import { FakeSlackApi } from '../test/fakes/slack-api.ts';

const slack = await FakeSlackApi.start();
process.stdout.write(
  `${JSON.stringify({ url: slack.url, host: slack.host, botToken: slack.botToken, botId: slack.botId, botUserId: slack.botUserId, teamId: slack.teamId, appId: slack.appId })}\n`,
);

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const stop = () => void slack.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, arg] = line.trim().split(/\s+/);
  if (command === 'clear' || command === 'forget') {
    if (command === 'clear') slack.clear();
    else slack.calls.length = 0;
    process.stdout.write('{}\n');
  } else if (command === 'wait') {
    const want = Number(arg ?? 0);
    const poll = () => (slack.calls.length >= want ? process.stdout.write('{}\n') : setTimeout(poll, 2));
    poll();
  } else if (command === 'calls') {
    const from = Number(arg ?? 0);
    const calls = slack.calls.slice(from).map((c) => {
      // An update names the message it rewrites; a post names the thread it goes to.
      const key = c.method === 'chat.update' ? text(c.args.ts) : text(c.args.thread_ts);
      return [c.method, text(c.args.channel), key, c.at];
    });
    process.stdout.write(`${JSON.stringify(calls)}\n`);
  }
});
lines.on('close', stop);
