// Who the bot is (its user id, bot id and workspace), asked once at start with auth.test, which also proves the token works.
import { webApi } from '@slack/bolt';
import { CcnetError } from '../../knowledge/errors.ts';
import { slackErrorCode } from '../runtime/errors.ts';

export async function whoAmI(
  token: string,
  options: webApi.WebClientOptions,
): Promise<{ botId: string; botUserId: string; teamId: string }> {
  let result: webApi.AuthTestResponse;
  try {
    result = await new webApi.WebClient(token, options).auth.test();
  } catch (error) {
    throw startFailure(error, {
      apiUrl: options.slackApiUrl ?? SLACK_API_URL,
      method: 'auth.test',
      token: 'SLACK_BOT_TOKEN',
    });
  }
  if (result.user_id === undefined || result.bot_id === undefined) {
    throw new CcnetError('CONFIG', 'SLACK_BOT_TOKEN is not a bot token: auth.test returned no bot id.');
  }
  return { botId: result.bot_id, botUserId: result.user_id, teamId: result.team_id ?? '' };
}

const SLACK_API_URL = 'https://slack.com/api/';

/**
 * Why a call at start failed, in one line that a person can act on: only a platform error means the token itself was
 * refused; a 5xx or an unreachable Web API says so instead of blaming the token.
 */
export function startFailure(
  error: unknown,
  at: { apiUrl: string | undefined; method: string; token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN' },
): CcnetError {
  const code = slackErrorCode(error);
  const apiUrl = at.apiUrl ?? SLACK_API_URL;
  let hint: string;
  if (code.startsWith('http_')) {
    hint = `the Slack Web API at ${apiUrl} answered HTTP ${code.slice(5)} to ${at.method}: Slack may be down, or SLACK_API_URL or a proxy points elsewhere; try again later.`;
  } else if (code === 'request_failed') {
    // node:http puts the system's code on the error; fetch puts it on the error's cause.
    const original = (error as { original?: { code?: unknown; cause?: { code?: unknown } } }).original;
    const cause = original?.code ?? original?.cause?.code;
    hint = `cannot reach the Slack Web API at ${apiUrl}${typeof cause === 'string' ? ` (${cause})` : ''}: check the network, HTTPS_PROXY / NO_PROXY, or SLACK_API_URL.`;
  } else if (code === 'ratelimited') {
    hint = `Slack rate-limited ${at.method} at start: try again in a minute.`;
  } else {
    const scope = at.token === 'SLACK_APP_TOKEN' ? ' (it needs connections:write)' : '';
    hint = `${at.token} was refused by Slack (${code}): check the token and the app's installation${scope}.`;
  }
  return new CcnetError('CONFIG', hint, { cause: error });
}
