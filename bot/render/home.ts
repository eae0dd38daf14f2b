// App Home: how to start, and the user's recent checks with their outcome.
import { channelLink, escapeText } from '../slack/escape.ts';
import { type Block, context, divider, header, section, sections } from './blocks.ts';
import { COMMAND } from './help.ts';
import { LIMITS } from './limits.ts';

export interface RecentCheck {
  channel: string | undefined;
  /** Epoch milliseconds of the last activity. */
  at: number | undefined;
  /** The outcome in words, e.g. "VNet peering" or "in progress". */
  outcome: string;
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

/** `unavailable`: the recent checks cannot be read right now (the hint says why), instead of "No checks yet". */
export function renderHome(
  recent: readonly RecentCheck[],
  unavailable?: string,
): { type: 'home'; blocks: Block[] } {
  const blocks: Block[] = [
    header('ccnet: CycleCloud connectivity checks'),
    ...sections([
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
    const lines = recent.map((r) => `• ${where(r.channel)}${when(r.at)} — ${escapeText(r.outcome)}`);
    blocks.push(...sections(lines).slice(0, room));
  }
  return { type: 'home', blocks };
}
