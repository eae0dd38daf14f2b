// Every failure a Slack user can meet has a stable code (for logs and tests) and a one-line hint (for the user).
// The hint is what we post; the cause and stack go to the log only.

export const BOT_ERROR_CODES = [
  'TEMPLATE_PARSE',
  'FILE_TOO_LARGE',
  'FILE_NOT_TEXT',
  'DOWNLOAD_FORBIDDEN',
  'DOWNLOAD_FAILED',
  'HOST_NOT_ALLOWED',
  'SLACK_API',
  'BAD_PAYLOAD',
  'CHANNEL_NOT_ALLOWED',
  'CONFIG',
] as const;
export type BotErrorCode = (typeof BOT_ERROR_CODES)[number];

export class BotError extends Error {
  readonly code: BotErrorCode;
  /** One line, safe to show in Slack (already mrkdwn-escaped where it quotes user input). */
  readonly hint: string;

  constructor(code: BotErrorCode, hint: string, options?: { detail?: string; cause?: unknown }) {
    super(`${code}: ${options?.detail ?? hint}`, { cause: options?.cause });
    this.name = 'BotError';
    this.code = code;
    this.hint = hint;
  }
}

export function isBotError(error: unknown): error is BotError {
  return error instanceof BotError;
}

/**
 * A short code for a failed Web API call, for the log line: `channel_not_found`, `ratelimited`, `http_500`,
 * `request_failed`. Reads only the error's code fields, so no token or request body ends up in the log.
 */
export function slackErrorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const e = error as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown };
  if (e.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') return e.data.error;
  if (e.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  if (e.code === 'slack_webapi_http_error' && typeof e.statusCode === 'number') return `http_${e.statusCode}`;
  if (e.code === 'slack_webapi_request_error') return 'request_failed';
  if (e instanceof BotError) return e.code;
  return 'unknown';
}

/** The code a log line carries: the BotError code, `SLACK_API <slack code>` for Web API failures, else INTERNAL. */
export function failureCode(error: unknown): string {
  if (error instanceof BotError) return error.code;
  if ((error as { code?: unknown } | null)?.code === 'STORE_UNAVAILABLE') return 'STORE_UNAVAILABLE';
  const slack = slackErrorCode(error);
  return slack === 'unknown' ? 'INTERNAL' : `SLACK_API ${slack}`;
}
