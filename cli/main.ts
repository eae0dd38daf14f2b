// Composition root of the `ccnet` command: real process streams in, exit code out. Nothing else lives here.
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
