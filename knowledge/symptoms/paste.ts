// A pasted text as lines: the size cap, line starts for mapping an offset to its line, and a bounded window of a
// line to quote or to read an address from (a one-line JSON blob can be megabytes long).

/** Larger pastes are cut to their last part: the end of a log is where it failed. */
export const MAX_PASTE_CHARS = 2 * 1024 * 1024;
/** How much of a line is quoted, and read for addresses, around the error in it. */
const LINE_WINDOW = 240;
const CONTEXT_BEFORE = 900;
const CONTEXT_AFTER = 300;

export interface Paste {
  /** The text analysed (the whole paste, or its last MAX_PASTE_CHARS from a line start). */
  text: string;
  /** Offset of each line's first character. */
  lineStarts: number[];
  /** Line number (1-based, in the original paste) of the first analysed line. */
  firstLine: number;
  /** Characters cut from the front, when the paste was over the cap. */
  cutChars: number;
  totalChars: number;
  /** Original line numbers of the lines, when the text is a condensed copy of a longer paste. */
  lineNumbers?: readonly number[];
}

export function readPaste(input: string, lineNumbers?: readonly number[]): Paste {
  const totalChars = input.length;
  let text = input;
  let cutChars = 0;
  let firstLine = 1;
  if (text.length > MAX_PASTE_CHARS) {
    let from = text.length - MAX_PASTE_CHARS;
    const newline = text.indexOf('\n', from);
    from = newline >= 0 && newline < text.length - 1 ? newline + 1 : from;
    firstLine = countNewlines(text, from) + 1;
    cutChars = from;
    text = text.slice(from);
  }
  return {
    text,
    lineStarts: lineStartsOf(text),
    firstLine,
    cutChars,
    totalChars,
    ...(lineNumbers !== undefined && cutChars === 0 ? { lineNumbers } : {}),
  };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  let at = text.indexOf('\n');
  while (at >= 0) {
    starts.push(at + 1);
    at = text.indexOf('\n', at + 1);
  }
  return starts;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  let at = text.indexOf('\n');
  while (at >= 0 && at < end) {
    n++;
    at = text.indexOf('\n', at + 1);
  }
  return n;
}

/** 0-based index of the line holding `offset`. */
export function lineIndexAt(paste: Paste, offset: number): number {
  const starts = paste.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function lineCount(paste: Paste): number {
  return paste.lineStarts.length;
}

/** The text of a line without its line break. */
export function lineText(paste: Paste, index: number): string {
  const start = paste.lineStarts[index] ?? paste.text.length;
  const next = paste.lineStarts[index + 1];
  let end = next === undefined ? paste.text.length : next - 1;
  if (end > start && paste.text.charCodeAt(end - 1) === 13 /* \r */) end--;
  return paste.text.slice(start, Math.max(start, end));
}

/** Up to LINE_WINDOW characters of a line around `offset` (whole short lines), marked where cut. */
export function lineWindow(paste: Paste, index: number, offset?: number): string {
  const line = lineText(paste, index);
  if (line.length <= LINE_WINDOW) return line;
  const start = paste.lineStarts[index] ?? 0;
  const at = offset === undefined ? 0 : Math.max(0, offset - start);
  const from = Math.max(0, Math.min(at - LINE_WINDOW / 3, line.length - LINE_WINDOW));
  const to = Math.min(line.length, from + LINE_WINDOW);
  return `${from > 0 ? '…' : ''}${line.slice(from, to)}${to < line.length ? '…' : ''}`;
}

/** The part of a line an address is read from: most of what precedes the error (Python names the host first). */
export function lineContext(paste: Paste, index: number, offset?: number): string {
  const line = lineText(paste, index);
  if (line.length <= CONTEXT_BEFORE + CONTEXT_AFTER) return line;
  const start = paste.lineStarts[index] ?? 0;
  const at = offset === undefined ? 0 : Math.max(0, offset - start);
  return line.slice(Math.max(0, at - CONTEXT_BEFORE), at + CONTEXT_AFTER);
}

/** 1-based line number in the original paste. */
export function lineNumber(paste: Paste, index: number): number {
  return paste.lineNumbers?.[index] ?? paste.firstLine + index;
}
