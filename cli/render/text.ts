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
