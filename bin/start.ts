// `npm start`: the one place that chooses between the two adapters. With Slack credentials, the Slack app; without
// any Slack variable, the terminal chat (the same command as `ccnet chat`). Each adapter is loaded only when chosen.
import { loadEnv } from '../config/env.ts';
import { asCodedError, hintLines } from '../knowledge/errors.ts';

try {
  const env = loadEnv(process.env);
  if (env.mode === 'terminal') {
    const { runCli } = await import('../cli/run.ts');
    process.exitCode = await runCli(['chat'], {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      cwd: process.cwd(),
    });
  } else {
    const { startSlackApp } = await import('../bot/start.ts');
    await startSlackApp(env);
  }
} catch (error) {
  // A bug keeps its stack; a coded error is the operator's to fix.
  const coded = asCodedError(error);
  if (coded.code === 'INTERNAL') throw error;
  process.stderr.write(hintLines(coded, 'ccnet:'));
  process.exitCode = 2;
}
