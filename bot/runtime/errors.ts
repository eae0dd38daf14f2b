// The Slack edge of the error vocabulary (knowledge/errors.ts): Web API failures become SLACK_API errors with a hint
// a person can act on; the log gets a code, never a token or a request body.
import { asCodedError, CcnetError } from '../../knowledge/errors.ts';

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
  if (e instanceof CcnetError) return e.code;
  return 'unknown';
}

function slackHint(code: string): string {
  if (code === 'not_in_channel')
    return 'I am not in this channel: invite me with `/invite @ccnet` and try again.';
  if (code === 'channel_not_found')
    return 'I cannot post in this conversation. Try a channel I am in, or a DM with me.';
  if (code === 'ratelimited') return 'Slack is rate-limiting me right now; try again in a minute.';
  // The answer was taken and the next step posted before the question is rewritten: nothing to try again.
  if (code === 'cant_update_message' || code === 'message_not_found' || code === 'edit_window_closed')
    return 'Your answer was taken and the check went on below; I only could not mark this question as answered.';
  // Slack's codes are [a-z_0-9]; nothing here needs escaping.
  return `Something went wrong on my side (${code}); try again, or start over with \`/ccnet\`.`;
}

function fromSlackError(error: unknown): CcnetError | undefined {
  const code = slackErrorCode(error);
  return code === 'unknown'
    ? undefined
    : new CcnetError('SLACK_API', slackHint(code), { detail: code, cause: error });
}

/** Any failure as a coded error, Web API failures as SLACK_API with the Slack code as the log detail. */
export function asBotError(error: unknown): CcnetError {
  return asCodedError(error, fromSlackError, fromDiskError);
}

/** The file store's disk failing: the person hears that, not "(unknown)"; the operator's log gets the code. */
function fromDiskError(error: unknown): CcnetError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT' && code !== 'EROFS') return undefined;
  const hint =
    code === 'EROFS'
      ? 'I cannot save this check: my data folder is on a read-only disk. Tell whoever runs ccnet (CCNET_DATA_DIR).'
      : 'I cannot save this check: the disk of my data folder is full. Tell whoever runs ccnet (CCNET_DATA_DIR); your answer was not saved, press it again once it has room.';
  return new CcnetError('DISK_FULL', hint, { detail: String(code), cause: error });
}

/** The code a log line carries: the error's code, `SLACK_API <slack code>` for Web API failures, else INTERNAL. */
export function failureCode(error: unknown): string {
  const coded = asBotError(error);
  return coded.code === 'SLACK_API' ? `SLACK_API ${slackErrorCode(error)}` : coded.code;
}
