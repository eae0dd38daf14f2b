// How the CLI reports failures: one line naming the problem (one per problem), exit code 2.
import { asCodedError, CcnetError } from '../knowledge/errors.ts';
import { describeParseArgsError, isParseArgsError } from './parse-errors.ts';

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A bad command line or an input that cannot be read. */
export function usageError(hint: string): CcnetError {
  return new CcnetError('USAGE', hint);
}

/** Anything thrown while running `ccnet <command>` as a coded error; parseArgs' errors are usage errors. */
export function asCliError(error: unknown, command: string): CcnetError {
  return asCodedError(error, (e) =>
    isParseArgsError(e)
      ? new CcnetError('USAGE', describeParseArgsError(e as Error, command), { cause: e })
      : undefined,
  );
}
