// Slack message text -> what the person typed: links, mentions and entities undone, so a pasted error message
// matches the way it reads on screen.
import { unescapeText } from './escape.ts';

export function plainText(text: string): string {
  const unlinked = text.replace(/<([^<>]*)>/g, (_m, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return label !== undefined ? `@${label}` : target;
    if (target.startsWith('#')) return label !== undefined ? `#${label}` : target;
    if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0] ?? ''}`;
    return label ?? target.replace(/^mailto:/, '');
  });
  return unescapeText(unlinked);
}

/** Text without a leading mention of the bot (`<@U123> explain this` -> `explain this`). */
export function withoutMention(text: string, botUserId: string): string {
  return text.replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g'), '').trim();
}

export function mentions(text: string, userId: string): boolean {
  return text.includes(`<@${userId}>`) || text.includes(`<@${userId}|`);
}

/**
 * A pasted message as text to match: Slack markup undone and code fences dropped, so the log inside reads as the
 * lines the person sees (line numbers stay those of the message).
 */
export function pastedText(text: string): string {
  return plainText(text).replace(/```/g, '');
}
