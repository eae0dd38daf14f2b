// `ccnet chat`: the terminal chat with the file session store and the team profile from the environment.
import path from 'node:path';
import type { Env } from '../../config/env.ts';
import { FlowRunner } from '../../flows/runner.ts';
import { ensureWritableDataDir } from '../../stores/file/data-dir.ts';
import { loadProfileFile } from '../../stores/file/profile.ts';
import { FileSessionStore } from '../../stores/file/session-store.ts';
import { FileTemplateBlobs } from '../../stores/file/template-blobs.ts';
import { defaultOwner, runChat } from '../chat/chat.ts';
import { listOpen } from '../chat/resume.ts';
import { usageError } from '../errors.ts';
import { wantsColor } from '../render/text.ts';
import type { CliIO, ParsedCli } from '../run.ts';

export async function runChatCommand(args: ParsedCli, io: CliIO, env: Env): Promise<number> {
  if (args.positionals.length > 1) throw usageError('chat takes at most one session id (with --resume)');
  const [sessionId] = args.positionals;
  const profile =
    env.configPath !== undefined ? await loadProfileFile(path.resolve(io.cwd, env.configPath)) : undefined;
  const dir = path.resolve(io.cwd, env.dataDir);
  await ensureWritableDataDir(dir);
  const store = new FileSessionStore({
    dir,
    onProblem: ({ file, problem }) => io.stderr.write(`ccnet chat: skipped ${file}: ${problem}\n`),
  });
  if (args.values.list === true) {
    const runner = new FlowRunner({
      store,
      templates: new FileTemplateBlobs({ dir }),
      ...(profile && { profile }),
    });
    io.stdout.write(await listOpen(runner, defaultOwner()));
    return 0;
  }
  const resume = sessionId ?? (args.values.resume === true ? true : undefined);
  return runChat({
    input: io.stdin,
    output: io.stdout,
    store,
    templates: new FileTemplateBlobs({ dir }),
    color: wantsColor(io.stdout, env.color),
    maxTemplateBytes: env.maxUploadBytes,
    ...(profile && { profile }),
    ...(resume !== undefined && { resume }),
  });
}
