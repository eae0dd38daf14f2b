// Notices from the flow (expired session, stale click, ...) and the bot's own error hints.
import type { Reply } from '../../flows/types.ts';
import { escapeText } from '../slack/escape.ts';
import { fallback, type Rendered, section } from './blocks.ts';

type Notice = Extract<Reply, { kind: 'notice' }>;

export function renderNotice(reply: Notice): Rendered {
  const icon = reply.level === 'error' ? ':warning:' : ':information_source:';
  return {
    text: fallback(escapeText(reply.text)),
    blocks: [section(`${icon} ${escapeText(reply.text)}`)],
    overflow: [],
  };
}

/** A bot error hint, already mrkdwn (hints quote user input through escape helpers). */
export function renderHint(hint: string): Rendered {
  return { text: fallback(hint), blocks: [section(`:warning: ${hint}`)], overflow: [] };
}
