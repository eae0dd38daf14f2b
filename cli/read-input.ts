// Reading user-named inputs for the CLI: regular files, or `-` for standard input, each read with a cap. Every failure
// becomes one line that names the input and the problem. Devices and pipes are refused before they are opened: a
// FIFO would block the open, and /dev/zero never ends.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { CcnetError } from '../knowledge/errors.ts';
import { decodeBytes } from '../knowledge/template/index.ts';
import { usageError } from './errors.ts';

/** Templates are a few hundred KB at most; anything far bigger is not a template and would only burn memory. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export const STDIN_NAME = '-';

export interface InputSource {
  stdin: Readable;
  cwd: string;
}

/**
 * Reads `name` (a path relative to `cwd`, or `-` for stdin) as text, at most `maxBytes`; `tooLargeHint` ends the
 * message for a bigger input (what the input should have been).
 */
export async function readUserInput(
  source: InputSource,
  name: string,
  maxBytes = MAX_INPUT_BYTES,
  tooLargeHint = 'is it a template?',
): Promise<string> {
  const bytes =
    name === STDIN_NAME
      ? await readStream(source.stdin, maxBytes, tooLargeHint)
      : await readRegularFile(path.resolve(source.cwd, name), name, maxBytes, tooLargeHint);
  // Decoding never fails: invalid UTF-8 becomes U+FFFD and the parser reports binary content with a line.
  return decodeBytes(bytes);
}

async function readRegularFile(
  file: string,
  name: string,
  maxBytes: number,
  hint: string,
): Promise<Uint8Array> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (error) {
    throw usageError(`${name}: ${describeFsError(error)}`);
  }
  if (info.isDirectory()) throw usageError(`${name}: is a directory, not a file`);
  if (!info.isFile()) {
    throw usageError(
      `${name}: is ${kindOf(info)}, not a regular file (to read a stream, pipe it to ccnet with -)`,
    );
  }
  if (info.size > maxBytes) throw tooLarge(name, formatBytes(info.size), maxBytes, hint);
  const stream = createReadStream(file);
  try {
    // Read to the cap whatever stat said: files under /proc report size 0 and still have content.
    return await readCapped(stream, name, maxBytes, hint);
  } catch (error) {
    if (error instanceof CcnetError) throw error;
    throw usageError(`${name}: ${describeFsError(error)}`);
  } finally {
    stream.destroy();
  }
}

async function readStream(stream: Readable, maxBytes: number, hint: string): Promise<Uint8Array> {
  try {
    return await readCapped(stream, 'standard input', maxBytes, hint);
  } finally {
    stream.destroy();
  }
}

async function readCapped(
  chunks: AsyncIterable<Uint8Array | string>,
  name: string,
  maxBytes: number,
  hint: string,
) {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > maxBytes) throw tooLarge(name, `more than ${formatBytes(maxBytes)}`, maxBytes, hint);
    parts.push(bytes);
  }
  return Buffer.concat(parts, total);
}

function tooLarge(name: string, size: string, maxBytes: number, hint: string): CcnetError {
  return usageError(`${name}: ${size} is too large (limit ${formatBytes(maxBytes)}); ${hint}`);
}

function kindOf(info: Awaited<ReturnType<typeof stat>>): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
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
      return 'is a directory, not a file';
    default:
      return `cannot read (${code ?? (error as Error).message})`;
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
