// The data dir is checked once, at start: a path that is a file, lies under a file (/dev/null/x) or cannot be
// written would otherwise start fine and then fail every check with an error nobody can read.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CcnetError } from '../../knowledge/errors.ts';

/** Creates `dir` when missing and proves it takes a file; one line naming the variable and the cause otherwise. */
export async function ensureWritableDataDir(dir: string, variable = 'CCNET_DATA_DIR'): Promise<void> {
  const probe = path.join(dir, `.ccnet-write-test-${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new CcnetError('CONFIG', `${variable} ${dir}: ${reason(error)}`, { cause: error });
  }
}

function reason(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return 'is a file, or lies under one; point it at a folder';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be written (permission denied)';
    case 'EROFS':
      return 'is on a read-only file system';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return `cannot be used (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}
