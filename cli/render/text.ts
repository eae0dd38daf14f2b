// Plain-text building blocks for the terminal: colour only when asked (the caller decides from isTTY / NO_COLOR).

import { styleText } from 'node:util';
import type { Env } from '../../config/env.ts';

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan';

export type Painter = (style: Style, text: string) => string;

export function painter(color: boolean): Painter {
  return color ? (style, text) => styleText(style, text) : (_style, text) => text;
}

export function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? by + line : line))
    .join('\n');
}

/** Colour on a terminal unless NO_COLOR says never, or everywhere when FORCE_COLOR says always (config/env.ts). */
export function wantsColor(stream: { isTTY?: boolean }, color: Env['color']): boolean {
  return color === 'auto' ? stream.isTTY === true : color === 'always';
}

/** Columns to wrap at: the terminal's width when there is one (at most 100, for reading), else 80. */
export function columnsOf(stream: { isTTY?: boolean; columns?: number }): number {
  const columns = stream.isTTY === true ? stream.columns : undefined;
  return columns !== undefined && columns >= 40 ? Math.min(columns, 100) : 80;
}

/**
 * Wraps each line of `text` at word boundaries to `width` columns; continuation lines keep the line's own
 * indentation plus `hang` (by default, the width of a list marker such as `1. ` or `- `, so items line up under
 * their text). A word longer than a line stays whole. Measures without colour codes.
 */
export function wrap(text: string, width: number, hang?: string): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width, hang))
    .join('\n');
}

// Matches SGR colour sequences: they take no columns on screen.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is the point
const SGR = /\u001b\[[0-9;]*m/g;

export function visibleLength(text: string): number {
  return text.replace(SGR, '').length;
}

function wrapLine(line: string, width: number, hang: string | undefined): string {
  if (visibleLength(line) <= width) return line;
  const indentation = /^\s*/.exec(line)?.[0] ?? '';
  const marker = /^(\d+\.|-|•) /.exec(line.slice(indentation.length).replace(SGR, ''))?.[0] ?? '';
  const words = line.slice(indentation.length).split(/ +/);
  const next = indentation + (hang ?? ' '.repeat(marker.length));
  const out: string[] = [];
  let current = indentation;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? current + word : `${current} ${word}`;
    if (!empty && visibleLength(candidate) > width) {
      out.push(current);
      current = next + word;
    } else current = candidate;
    empty = false;
  }
  out.push(current);
  return out.join('\n');
}
