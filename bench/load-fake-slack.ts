// The fake Web API in its own process for bench/load.ts (its work must not share an event loop with the replicas or
// the load generator, as Slack's servers would not). Holds one template file to share. Prints its coordinates as one
// JSON line, then answers each `counts` line on stdin with one JSON line of Web API calls per method. Serves until
// stdin closes or SIGTERM.
import { createInterface } from 'node:readline';
import { FakeSlackApi } from '../test/fakes/slack-api.ts';

const TEMPLATE =
  '[cluster slurm]\n[[node scheduler]]\nImageName = cycle.image.ubuntu22\n[[nodearray hpc]]\nIsReturnProxy = true\n';

const slack = await FakeSlackApi.start();
const file = slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
process.stdout.write(
  `${JSON.stringify({
    url: slack.url,
    host: slack.host,
    botToken: slack.botToken,
    botId: slack.botId,
    botUserId: slack.botUserId,
    teamId: slack.teamId,
    appId: slack.appId,
    file: slack.fileEventObject(file),
  })}\n`,
);

const stop = () => void slack.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() !== 'counts') return;
  const counts: Record<string, number> = {};
  for (const call of slack.calls) counts[call.method] = (counts[call.method] ?? 0) + 1;
  process.stdout.write(`${JSON.stringify(counts)}\n`);
});
lines.on('close', stop);
