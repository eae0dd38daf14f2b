// Reading az output safely: one JSON document, or several written one after the other (`az … >> file`), with caps on
// size and nesting checked by a linear scan before anything is parsed. Error messages name the line and column,
// never the file's text.

export const EVIDENCE_LIMITS = {
  /** Characters in one evidence file (a big subscription's `az network vnet list` is a few MB). */
  maxChars: 32 * 1024 * 1024,
  /** az output nests about 8 levels; bundles add 3. */
  maxDepth: 64,
  /** Documents written one after the other in one file. */
  maxDocuments: 500,
} as const;

export type JsonDocuments =
  | { ok: true; documents: unknown[]; notes: string[] }
  | { ok: false; problem: string };

/** The progress spinner az writes to the terminal ("- Finished ..") ends up in copied output. */
const SPINNER = /[-\\|/] (?:Finished|Running) \.\.[^\S\n]*/g;

/**
 * Lines a terminal adds around az output when it is copied or captured with `2>&1`: the prompt and the command
 * (`user@host:~$ az network nsg show …`, `PS C:\> az …`, `$ az …`), a bare prompt, and az's own WARNING lines.
 */
const PROMPT_WITH_AZ = /^(?:(?:PS [^>]*>|\S*[$#>%])\s*)?az\s+\S/;
const BARE_PROMPT = /^(?:PS [^>]*>|\S*[$#>%])$/;
const AZ_MESSAGE = /^(?:WARNING|Warning|DEBUG|INFO):\s/;
const AZ_ERROR = /^(?:ERROR|Error):\s/;

export function parseJsonDocuments(text: string): JsonDocuments {
  if (text.length > EVIDENCE_LIMITS.maxChars) {
    return {
      ok: false,
      problem: `larger than ${EVIDENCE_LIMITS.maxChars / (1024 * 1024)} MB: export fewer resources per file (e.g. one resource group)`,
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // NUL bytes or undecodable bytes up front: an archive, an image, a compiled file, never az output.
  const head = body.slice(0, 4096);
  if (head.includes('\u0000') || head.includes('\ufffd')) {
    return { ok: false, problem: 'a binary file, not the JSON az … -o json prints' };
  }
  const first = scan(body);
  if (first.ok) return first;
  const cleaned = body.replace(SPINNER, '');
  if (cleaned === body) return first;
  const second = scan(cleaned);
  return second.ok ? second : first;
}

function scan(text: string): JsonDocuments {
  const documents: unknown[] = [];
  const terminalLines: number[] = [];
  let pos = skipSpace(text, 0);
  while (pos < text.length) {
    const c = text[pos];
    if (c !== '{' && c !== '[') {
      const line = terminalLine(text, pos);
      if (line === 'error') {
        return {
          ok: false,
          problem: `${where(text, pos)}: az printed an error here, not a resource's JSON: run the command again and export what it prints when it succeeds`,
        };
      }
      if (line !== null) {
        terminalLines.push(lineOf(text, pos));
        pos = skipSpace(text, line);
        continue;
      }
      if (isTableHeader(text, pos)) {
        return {
          ok: false,
          problem: `${where(text, pos)}: this is az's table output (-o table), which leaves fields out: run the command again with -o json`,
        };
      }
      return {
        ok: false,
        problem: `${where(text, pos)}: expected JSON (an object or array, as az … -o json prints)`,
      };
    }
    const end = endOfValue(text, pos);
    if (typeof end === 'string') return { ok: false, problem: end };
    try {
      documents.push(JSON.parse(text.slice(pos, end)));
    } catch (error) {
      const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
      return { ok: false, problem: `${where(text, pos + (at ? Number(at[1]) : 0))}: not valid JSON` };
    }
    if (documents.length > EVIDENCE_LIMITS.maxDocuments) {
      return { ok: false, problem: `more than ${EVIDENCE_LIMITS.maxDocuments} JSON documents in one file` };
    }
    pos = skipSpace(text, end);
  }
  if (documents.length === 0) return { ok: false, problem: 'empty: expected the JSON az … -o json prints' };
  const notes =
    terminalLines.length > 0
      ? [
          `skipped ${terminalLines.length === 1 ? 'line' : 'lines'} ${terminalLines.join(', ')}: a shell prompt, an az command or an az warning, not JSON`,
        ]
      : [];
  return { ok: true, documents, notes };
}

/** The text from its first JSON character on, past the prompt, az command and warning lines a terminal put before it. */
export function afterTerminalLines(text: string): string {
  let pos = skipSpace(text, 0);
  while (pos < text.length && text[pos] !== '{' && text[pos] !== '[') {
    const line = terminalLine(text, pos);
    if (line === null || line === 'error') break;
    pos = skipSpace(text, line);
  }
  return text.slice(pos);
}

/**
 * When the line starting at `pos` is one a terminal adds around az output: the index just past it, or 'error' for
 * az's ERROR line (the command failed, so there is no resource to read). Null for anything else.
 */
function terminalLine(text: string, pos: number): number | 'error' | null {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  if (text.slice(lineStart, pos).trim() !== '') return null;
  const newline = text.indexOf('\n', pos);
  const end = newline === -1 ? text.length : newline;
  const line = text.slice(pos, end).trimEnd();
  if (AZ_ERROR.test(line)) return 'error';
  return PROMPT_WITH_AZ.test(line) || BARE_PROMPT.test(line) || AZ_MESSAGE.test(line) ? end : null;
}

/** `-o table` prints a header line, then a line of dashes under each column. */
function isTableHeader(text: string, pos: number): boolean {
  const newline = text.indexOf('\n', pos);
  if (newline === -1) return false;
  const next = text.indexOf('\n', newline + 1);
  const rule = text.slice(newline + 1, next === -1 ? text.length : next).trim();
  return /^-{2,}(?:\s+-{2,})*$/.test(rule);
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Index just past the object or array starting at `start`, or a problem (too deep, unterminated). */
function endOfValue(text: string, start: number): number | string {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > EVIDENCE_LIMITS.maxDepth) {
        return `${where(text, i)}: nested deeper than ${EVIDENCE_LIMITS.maxDepth} levels, which az output never is`;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return `${where(text, text.length)}: the JSON ends before it is complete (was the file cut off?)`;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return i;
}

function where(text: string, pos: number): string {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(pos, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${end - lineStart + 1}`;
}
