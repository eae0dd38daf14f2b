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
    throw new CcnetError(
      'CONFIG',
      `SLACK_BOT_TOKEN was refused by Slack (${slackErrorCode(error)}): check the token and the app's installation.`,
    );
  }
  if (result.user_id === undefined || result.bot_id === undefined) {
    throw new CcnetError('CONFIG', 'SLACK_BOT_TOKEN is not a bot token: auth.test returned no bot id.');
  }
  return { botId: result.bot_id, botUserId: result.user_id, teamId: result.team_id ?? '' };
}
