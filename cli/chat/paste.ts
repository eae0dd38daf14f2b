// Multi-line pastes in the terminal chat, read as one message: a bracketed paste (the terminal marks it with
// ESC[200~ … ESC[201~), or lines of text that arrive together, up to a blank line. Lines that are answers (a
// number, a command) end a paste, so piped answers after a pasted message still count as answers.

export const PASTE_START = '\u001b[200~';
export const PASTE_END = '\u001b[201~';
/** Lines that follow within this time belong to the same paste (a terminal without bracketed paste). */
const TOGETHER_MS = 40;
/** A paste longer than this many lines is cut (the matcher caps its size anyway). */
const MAX_PASTE_LINES = 20_000;
/** A probe block is about 25 lines; one that never ends is cut here. */
const MAX_BLOCK_LINES = 400;

export type NextLine = () => Promise<IteratorResult<string>>;

/** Reads lines from an async line iterator, and whole pastes on request, without losing a pending read. */
export class LineReader {
  private pending: Promise<IteratorResult<string>> | null = null;

  constructor(private readonly next: NextLine) {}

  /** The next line, or null at the end of input. */
  async line(): Promise<string | null> {
    const result = await this.take();
    return result.done ? null : result.value;
  }

  /**
   * `first` and whatever belongs to the same paste: everything up to the end marker when `first` opens a bracketed
   * paste; else the text lines that arrive right after it, up to a blank line or an answer.
   */
  async paste(first: string, isAnswer: (line: string) => boolean): Promise<string> {
    if (first.includes(PASTE_START)) return this.bracketed(first);
    const lines = [first];
    while (lines.length < MAX_PASTE_LINES) {
      const next = await this.soon();
      if (next === undefined || next.done) break;
      const line = next.value;
      if (line.trim() === '' || isAnswer(line)) {
        // Not part of the paste: give it back to the next read. A blank line that closes a multi-line paste is the
        // "send" key and is used up; after a single line it is input of its own.
        if (line.trim() !== '' || lines.length === 1) this.pending = Promise.resolve(next);
        break;
      }
      lines.push(line);
    }
    return lines.join('\n');
  }

  /** `first` and the lines after it up to the one `isLast` accepts (a probe block's end marker), at most a cap. */
  async until(first: string, isLast: (line: string) => boolean): Promise<string> {
    const lines = [first];
    while (lines.length < MAX_BLOCK_LINES && !isLast(lines.at(-1) ?? '')) {
      const line = await this.line();
      if (line === null) break;
      lines.push(line);
    }
    return lines.join('\n');
  }

  private async bracketed(first: string): Promise<string> {
    const lines: string[] = [];
    let line: string | null = first.replace(PASTE_START, '');
    while (line !== null && lines.length < MAX_PASTE_LINES) {
      if (line.includes(PASTE_END)) {
        lines.push(line.replace(PASTE_END, ''));
        break;
      }
      lines.push(line);
      line = await this.line();
    }
    return lines.join('\n').trim();
  }

  private take(): Promise<IteratorResult<string>> {
    const result = this.pending ?? this.next();
    this.pending = null;
    return result;
  }

  /** The next line if it comes within TOGETHER_MS; otherwise undefined, and the read stays pending. */
  private async soon(): Promise<IteratorResult<string> | undefined> {
    const read = this.take();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), TOGETHER_MS);
    });
    const result = await Promise.race([read, late]);
    clearTimeout(timer);
    if (result === undefined) this.pending = read;
    return result;
  }
}
