// Errors the CLI turns into one clear line and exit code 2.

/** A bad command line or an input that cannot be read. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
