// Runs the CLI in-process with captured streams, as a user would see them.
import { PassThrough } from 'node:stream';
import { runCli } from '../../cli/run.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function ccnet(
  argv: string[],
  opts: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  stdin.end(opts.stdin ?? '');
  const code = await runCli(argv, {
    stdin,
    stdout,
    stderr,
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, stdout: out, stderr: err };
}
