// Snippets for the terminal. A long shell command is broken at spaces outside quotes with a `\` continuation, so it
// reads at 80 columns and still runs when pasted; comments become several comment lines. INI and text are shown as
// they are (a broken INI line would change its meaning).
import type { Snippet } from '../../knowledge/model.ts';

const CONTINUATION = '  ';

export function fitSnippet(snippet: Snippet, width: number): string {
  const shell = snippet.language === 'bash' && !/<<-?\s*['"]?\w/.test(snippet.code);
  return snippet.code
    .split('\n')
    .map((line) => {
      if (line.length <= width) return line;
      // A comment line reads the same on several lines in every language ccnet prints (bash, INI, parameters).
      if (/^\s*#/.test(line)) return commentLines(/^\s*/.exec(line)?.[0] ?? '', line.trimStart(), width);
      return shell ? breakShellLine(line, width) : line;
    })
    .join('\n');
}

function breakShellLine(line: string, width: number): string {
  const indentation = /^\s*/.exec(line)?.[0] ?? '';
  const body = line.slice(indentation.length);
  const comment = trailingComment(body);
  if (comment !== undefined) {
    // `X="v"  # why` too wide: the why goes on its own comment line above, where it can wrap.
    const code = body.slice(0, comment).trimEnd();
    return `${commentLines(indentation, body.slice(comment), width)}\n${breakShellLine(indentation + code, width)}`;
  }
  const breaks = breakPoints(body);
  const out: string[] = [];
  let start = 0;
  let prefix = indentation;
  while (prefix.length + body.length - start > width) {
    // The last break that keeps this piece (with its ` \`) within the width, else the first one after it.
    const room = width - prefix.length - 2;
    const fits = breaks.filter((b) => b > start && b - start <= room);
    const at = fits.at(-1) ?? breaks.find((b) => b > start);
    if (at === undefined) break;
    out.push(`${prefix}${body.slice(start, at)} \\`);
    start = at + 1;
    prefix = indentation + CONTINUATION;
  }
  out.push(prefix + body.slice(start));
  return out.join('\n');
}

/** Where a `# …` comment starts after code on the line (outside quotes), if it does. */
function trailingComment(body: string): number | undefined {
  const end = scan(body).commentAt;
  return end !== undefined && end > 0 && body.slice(0, end).trim() !== '' ? end : undefined;
}

/**
 * Indexes of spaces where a `\` line continuation keeps the meaning: outside quotes and backticks, and outside
 * `${…}` (inside `$(…)` the shell reads a continuation like anywhere else).
 */
function breakPoints(text: string): number[] {
  return scan(text).points;
}

function scan(text: string): { points: number[]; commentAt?: number } {
  const points: number[] = [];
  let quote: "'" | '"' | '`' | null = null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quote !== "'") {
      i += 1;
      continue;
    }
    if (quote !== null) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '$' && text[i + 1] === '{') {
      depth += 1;
      i += 1;
    } else if (c === '}' && depth > 0) depth -= 1;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ')) return { points, commentAt: i };
    else if (c === ' ' && depth === 0 && text[i + 1] !== ' ' && i > 0 && text[i - 1] !== ' ') points.push(i);
  }
  return { points };
}

function commentLines(indentation: string, comment: string, width: number): string {
  const words = comment.replace(/^#\s*/, '').split(/\s+/);
  const out: string[] = [];
  let current = `${indentation}#`;
  for (const word of words) {
    if (current.length + 1 + word.length > width && current.trim() !== '#') {
      out.push(current);
      current = `${indentation}#`;
    }
    current = `${current} ${word}`;
  }
  out.push(current);
  return out.join('\n');
}
