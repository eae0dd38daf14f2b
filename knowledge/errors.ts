// One vocabulary for everything a person can meet that is not an answer: errors (thrown as CcnetError) and the
// notices a flow replies with. The code is stable, for logs and tests; the hint is what the person reads.
// Every layer imports this file, so it imports nothing.

export const CCNET_CODES = [
  // Slack uploads (bot/slack/download.ts, bot/handlers/read-template.ts)
  'TEMPLATE_PARSE',
  'FILE_TOO_LARGE',
  'FILE_NOT_TEXT',
  'DOWNLOAD_FORBIDDEN',
  'DOWNLOAD_FAILED',
  'HOST_NOT_ALLOWED',
  // A Web API call failed (bot/runtime/errors.ts)
  'SLACK_API',
  // Start-up: environment, Slack token, audit log (bot/) and the team profile (stores/file/profile.ts)
  'CONFIG',
  'PROFILE',
  // A bad command line or an unreadable input file (cli/)
  'USAGE',
  // The shared store (Redis) cannot be reached right now (stores/redis/)
  'STORE_UNAVAILABLE',
  // The disk under the file store is full or read-only (bot/runtime/errors.ts recognises ENOSPC, EDQUOT, EROFS)
  'DISK_FULL',
  // Flow notices (flows/machine.ts, flows/runner.ts) and adapter notices (bot/handlers/)
  'STALE_ANSWER',
  'WRONG_PLACE',
  'INVALID_CHOICE',
  'UNKNOWN_QUESTION',
  'NOTHING_TO_UNDO',
  'CANNOT_CHANGE',
  'TEMPLATE_TOO_LARGE',
  'TEMPLATE_GONE',
  'EVIDENCE_UNREADABLE',
  'SESSION_EXPIRED',
  'INVALID_EVENT',
  'BUSY',
  'BAD_PAYLOAD',
  'NO_SNIPPETS',
  // Anything else: a bug. The person gets an apology, the log gets the stack.
  'INTERNAL',
] as const;
export type CcnetCode = (typeof CCNET_CODES)[number];

export class CcnetError extends Error {
  readonly code: CcnetCode;
  /**
   * What the person sees: one line, or one line per problem when several are reported at once (a bad environment).
   * Already escaped for Slack where it quotes user input.
   */
  readonly hint: string;

  /** `detail` replaces the hint in `message` (the log) when the log should say more or other than the person sees. */
  constructor(code: CcnetCode, hint: string, options?: { detail?: string; cause?: unknown }) {
    super(`${code}: ${options?.detail ?? hint}`, { cause: options?.cause });
    this.name = 'CcnetError';
    this.code = code;
    this.hint = hint;
  }
}

export function hasCode(error: unknown, code: CcnetCode): boolean {
  return error instanceof CcnetError && error.code === code;
}

/** Turns an error some library threw into a coded one, or says it does not know it (undefined). */
export type Recogniser = (error: unknown) => CcnetError | undefined;

/**
 * Any thrown value as a CcnetError, for the edges (Slack handlers, CLI, start-up): ours as they are, foreign ones the
 * adapter knows through its recognisers (Slack Web API errors, node:util parseArgs errors), everything else INTERNAL.
 */
export function asCodedError(error: unknown, ...recognisers: Recogniser[]): CcnetError {
  if (error instanceof CcnetError) return error;
  for (const recognise of recognisers) {
    const coded = recognise(error);
    if (coded !== undefined) return coded;
  }
  return new CcnetError('INTERNAL', 'Something went wrong on my side.', {
    detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    cause: error,
  });
}

/** The hint as terminal lines, one per problem, each after the command's prefix (`ccnet:`, `ccnet check:`). */
export function hintLines(error: CcnetError, prefix: string): string {
  return error.hint
    .split('\n')
    .map((line) => `${prefix} ${line}\n`)
    .join('');
}
