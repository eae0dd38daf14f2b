// `ccnet chat`: the terminal chat with the file session store and the team profile from the environment.
import { homedir } from 'node:os';
import path from 'node:path';
import { ensureWritableDataDir } from '../../stores/file/data-dir.ts';
import { loadProfileFile } from '../../stores/file/profile.ts';
import { FileSessionStore } from '../../stores/file/session-store.ts';
import { runChat } from '../chat/chat.ts';
import { usageError } from '../errors.ts';
import { wantsColor } from '../render/text.ts';
import type { CliIO, ParsedCli } from '../run.ts';

/** Sessions live under CCNET_DATA_DIR, by default ~/.ccnet, so `--resume` finds them from any folder. */
export function dataDir(env: CliIO['env']): string {
  return env.CCNET_DATA_DIR && env.CCNET_DATA_DIR.length > 0
    ? env.CCNET_DATA_DIR
    : path.join(homedir(), '.ccnet');
}

export async function runChatCommand(args: ParsedCli, io: CliIO): Promise<number> {
  if (args.positionals.length > 1) throw usageError('chat takes at most one session id (with --resume)');
  const [sessionId] = args.positionals;
  const profile = io.env.CCNET_CONFIG
    ? await loadProfileFile(path.resolve(io.cwd, io.env.CCNET_CONFIG))
    : undefined;
  const dir = path.resolve(io.cwd, dataDir(io.env));
  await ensureWritableDataDir(dir);
  const store = new FileSessionStore({
    dir,
    onProblem: ({ file, problem }) => io.stderr.write(`ccnet chat: skipped ${file}: ${problem}\n`),
  });
  const resume = sessionId ?? (args.values.resume === true ? true : undefined);
  return runChat({
    input: io.stdin,
    output: io.stdout,
    store,
    color: wantsColor(io.stdout, io.env),
    ...(profile && { profile }),
    ...(resume !== undefined && { resume }),
  });
}
