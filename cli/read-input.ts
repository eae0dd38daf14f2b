// Reading user-named files for the CLI: every failure becomes one line that names the file and the problem.
import { readFile, stat } from 'node:fs/promises';
import { UsageError } from './errors.ts';

/** Templates are a few hundred KB at most; anything far bigger is not a template and would only burn memory. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export async function readTextInput(file: string, maxBytes = MAX_INPUT_BYTES): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new UsageError(`${file}: is a directory, not a template file`);
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: ${describeFsError(error)}`);
  }
  if (size > maxBytes) {
    throw new UsageError(
      `${file}: ${formatBytes(size)} is too large (limit ${formatBytes(maxBytes)}); is it a template?`,
    );
  }
  try {
    // Decoding never fails: invalid UTF-8 becomes U+FFFD and the parser reports binary content with a line.
    return new TextDecoder('utf-8').decode(await readFile(file));
  } catch (error) {
    throw new UsageError(`${file}: ${describeFsError(error)}`);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a template file';
    default:
      return `cannot read (${code ?? (error as Error).message})`;
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
