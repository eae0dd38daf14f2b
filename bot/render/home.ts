// App Home: a Start button, how else to start, and the user's recent checks with their outcome and a link to each
// check's thread.
import { actionId } from '../slack/action-ids.ts';
import { channelLink, escapeText, link } from '../slack/escape.ts';
import { actions, type Block, button, context, divider, header, section, sections } from './blocks.ts';
import { COMMAND } from './help.ts';
import { LIMITS } from './limits.ts';

export interface RecentCheck {
  channel: string | undefined;
  /** The thread's root message. */
  threadTs?: string | undefined;
  /** Link to the thread (chat.getPermalink), when Slack gave one. */
  permalink?: string;
  /** Epoch milliseconds of the last activity. */
  at: number | undefined;
  /** The outcome in words, e.g. "VNet peering" or "in progress". */
  outcome: string;
}

export interface HomeOptions {
  /** The recent checks cannot be read right now (the hint says why), instead of "No checks yet". */
  unavailable?: string;
  /** The bot may answer in a DM (no channel allowlist): offer the Start button. */
  canStartHere?: boolean;
  /** Something the user just tried that did not work, said at the top. */
  notice?: string;
}

function when(at: number | undefined): string {
  if (at === undefined) return '';
  // Slack formats the date in the reader's time zone; the fallback is UTC.
  const seconds = Math.floor(at / 1000);
  return ` · <!date^${seconds}^{date_short_pretty} {time}|${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

function where(channel: string | undefined): string {
  if (channel === undefined) return 'a conversation';
  return channel.startsWith('D') ? 'a direct message' : channelLink(channel);
}

export function renderHome(
  recent: readonly RecentCheck[],
  options: HomeOptions = {},
): { type: 'home'; blocks: Block[] } {
  const { unavailable, canStartHere = true, notice } = options;
  const start = canStartHere
    ? actions('ccnet_home', [
        button({ text: 'Start a check', actionId: actionId('homeStart'), style: 'primary', value: 'main' }),
      ])
    : [];
  const blocks: Block[] = [
    header('ccnet: CycleCloud connectivity checks'),
    ...(notice !== undefined ? [context(`:warning: ${notice}`)] : []),
    ...start,
    ...sections([
      ...(canStartHere ? ['*Start a check* opens it here in Messages, in a thread of its own.'] : []),
      `Run \`${COMMAND}\` in a channel (or here in Messages) to start a guided check. Anyone in the channel can answer; the questions and the recommendation stay in one thread.`,
      'Upload a cluster template into the thread to check it line by line, or paste an error message to hear what it means.',
      `\`${COMMAND} explain <error or topic>\` answers right away; \`${COMMAND} help\` lists everything.`,
    ]),
    divider(),
    section('*Your recent checks*'),
  ];
  if (unavailable !== undefined) {
    blocks.push(context(`:warning: ${unavailable}`));
  } else if (recent.length === 0) {
    blocks.push(context('No checks yet.'));
  } else {
    const room = LIMITS.homeBlocks - blocks.length;
    const lines = recent.map(
      (r) =>
        `• ${where(r.channel)}${when(r.at)} — ${escapeText(r.outcome)}${r.permalink !== undefined ? ` · ${link(r.permalink, 'Open the thread')}` : ''}`,
    );
    blocks.push(...sections(lines).slice(0, room));
  }
  return { type: 'home', blocks };
}
