// Plain-text building blocks for the terminal: colour only when asked (the caller decides from isTTY / NO_COLOR).
import { styleText } from 'node:util';

export type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan';

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

/** Colour terminals honour NO_COLOR (https://no-color.org) and FORCE_COLOR. */
export function wantsColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}
