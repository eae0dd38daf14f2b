// Text that reaches Slack from a template, a paste or a flow is escaped here, so nothing a user wrote can ping a
// channel (`<!channel>`), forge a link or break out of a code block. We never send `link_names`.

const ZWJ = '\u200d';

/**
 * Slack's three control characters in message text (docs: "Escaping text"), and runs of backticks broken up, so a
 * file or node name holding ``` cannot open a code block in the message it is echoed in.
 */
export function escapeText(text: string): string {
  return neutraliseFences(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** Undoes `escapeText`, so text that may already be escaped can be escaped exactly once. */
export function unescapeText(text: string): string {
  return text
    .replace(/`\u200d(?=`)/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Breaks every run of backticks with zero-width joiners, so user text cannot close a ``` fence. */
export function neutraliseFences(text: string): string {
  return text.replace(/`(?=`)/g, `\`${ZWJ}`);
}

/** A fenced code block whose content cannot end the fence or mention anyone. */
export function codeBlock(code: string): string {
  const body = escapeText(code.replace(/\r\n?/g, '\n'));
  return `\`\`\`\n${body.length > 0 ? body : ' '}\n\`\`\``;
}

/** Inline code: a backtick inside would end it, so it is shown as a look-alike grave accent. */
export function inlineCode(text: string): string {
  const body = escapeText(text.replace(/[\r\n]+/g, ' ')).replace(/`/g, '\u02cb');
  return `\`${body.length > 0 ? body : ' '}\``;
}

/** A user mention only when the id looks like one; anything else is shown as escaped text. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeText(userId);
}

/** A channel link only when the id looks like one. */
export function channelLink(channelId: string): string {
  return /^[CG][A-Z0-9]{2,}$/.test(channelId) ? `<#${channelId}>` : escapeText(channelId);
}

/**
 * Cuts `text` to at most `max` UTF-16 units, ending with `…` when cut. Never splits a surrogate pair or an
 * `&amp;`-style entity, so cut text stays valid after escaping.
 */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ellipsis.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  const amp = text.lastIndexOf('&', end - 1);
  const entity = amp >= 0 && end - amp < 5 ? /^&(amp|lt|gt);/.exec(text.slice(amp)) : null;
  if (entity !== null && amp + entity[0].length > end) end = amp;
  return text.slice(0, end) + ellipsis;
}

/** Cuts a code block's content so the fenced result fits in `max`, saying how many lines were left out. */
export function fittedCodeBlock(code: string, max: number): { text: string; complete: boolean } {
  const full = codeBlock(code);
  if (full.length <= max) return { text: full, complete: true };
  const lines = code.replace(/\r\n?/g, '\n').split('\n');
  let kept = lines.length;
  let text = full;
  while (kept > 0 && text.length > max) {
    kept = Math.max(0, kept - Math.max(1, Math.ceil((kept * (text.length - max)) / text.length)));
    text = `${codeBlock(lines.slice(0, kept).join('\n'))}\n_${lines.length - kept} more lines in the file below._`;
  }
  return { text: truncate(text, max), complete: false };
}

/**
 * `<url|title>` for an http(s) URL Slack can link safely (no spaces, `|` or `>` in it); anything else is shown as
 * escaped text, so a reference can never forge a link or a mention.
 */
export function link(url: string, title: string): string {
  const shown = escapeText(title.replace(/[\r\n]+/g, ' ').replace(/\|/g, '¦'));
  if (!/^https?:\/\/[^\s|<>]+$/i.test(url)) return shown;
  return `<${url.replace(/&/g, '&amp;')}|${shown}>`;
}
