// The Slack app alone: what `npm start` runs when Slack credentials are set (bin/start.ts decides); replicas and
// tests start it directly. Read the environment, start, and report a failure in one line per problem.
import { loadEnv } from '../config/env.ts';
import { asCodedError, CcnetError, hintLines } from '../knowledge/errors.ts';
import { startSlackApp } from './start.ts';

try {
  const env = loadEnv(process.env);
  if (env.mode === 'terminal') {
    throw new CcnetError(
      'CONFIG',
      'SLACK_BOT_TOKEN is missing: the Slack app needs it with SLACK_APP_TOKEN (Socket Mode) or with SLACK_SIGNING_SECRET and PORT (HTTP mode); npm start without them opens the terminal chat.',
    );
  }
  await startSlackApp(env);
} catch (error) {
  // A bug keeps its stack; a coded error is the operator's to fix.
  const coded = asCodedError(error);
  if (coded.code === 'INTERNAL') throw error;
  process.stderr.write(hintLines(coded, 'ccnet:'));
  process.exitCode = 2;
}
