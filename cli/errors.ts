// How the CLI reports failures: one line naming the problem (one per problem), exit code 2.
import { asCodedError, CcnetError } from '../knowledge/errors.ts';

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A bad command line or an input that cannot be read. */
export function usageError(hint: string): CcnetError {
  return new CcnetError('USAGE', hint);
}

/** node:util parseArgs rejects unknown options and missing values with its own codes: usage errors too. */
function fromParseArgsError(error: unknown): CcnetError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS') && error instanceof Error
    ? new CcnetError('USAGE', error.message, { cause: error })
    : undefined;
}

export function asCliError(error: unknown): CcnetError {
  return asCodedError(error, fromParseArgsError);
}
