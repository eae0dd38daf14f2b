// Finds every occurrence of a set of lower-case phrases in one pass over the text (Aho-Corasick, with the failure
// links folded into a dense transition table). ASCII letters compare case-insensitively and any run of whitespace
// matches one space, so a phrase wrapped over lines or pasted with odd spacing is still found. Linear in the text,
// whatever it holds: the fuzz suite's hostile pastes cost what any text of their size costs.

const ALPHABET = 128;
/** Characters outside ASCII all map here: no phrase contains them, so they reset the match. */
const OTHER = 0;
const SPACE = 32;
/** The longest phrase it can report the start of (a ring of the original offsets of the last characters read). */
const RING = 256;

export interface PhraseHit {
  phrase: number;
  /** Offset in the text of the first character of the match. */
  start: number;
  /** Offset just after its last character. */
  end: number;
}

export class PhraseAutomaton {
  private readonly table: Int32Array;
  /** For each state, the phrases that end there (its own and those of its failure chain). */
  private readonly outputs: (readonly number[] | undefined)[];
  private readonly lengths: readonly number[];

  constructor(phrases: readonly string[]) {
    this.lengths = phrases.map((p) => p.length);
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    phrases.forEach((phrase, index) => {
      if (phrase.length === 0 || phrase.length >= RING) throw new Error(`unusable phrase: ${phrase}`);
      let state = 0;
      for (const code of codesOf(phrase)) {
        let next = children[state]?.get(code);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          own.push([]);
          children[state]?.set(code, next);
        }
        state = next;
      }
      own[state]?.push(index);
    });
    const count = children.length;
    const table = new Int32Array(count * ALPHABET);
    const fail = new Int32Array(count);
    const outputs: (number[] | undefined)[] = new Array(count);
    // Breadth first: a state's failure target is settled before the state itself.
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const child = children[0]?.get(c);
      table[c] = child ?? 0;
      if (child !== undefined) queue.push(child);
    }
    outputs[0] = undefined;
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const inherited = outputs[fail[state] as number];
      const mine = own[state] ?? [];
      outputs[state] = mine.length > 0 || inherited ? [...mine, ...(inherited ?? [])] : undefined;
      for (let c = 0; c < ALPHABET; c++) {
        const child = children[state]?.get(c);
        const viaFail = table[(fail[state] as number) * ALPHABET + c] as number;
        if (child === undefined) {
          table[state * ALPHABET + c] = viaFail;
        } else {
          table[state * ALPHABET + c] = child;
          fail[child] = viaFail;
          queue.push(child);
        }
      }
    }
    this.table = table;
    this.outputs = outputs;
  }

  /** Every occurrence, in the order they end; `onHit` returning false stops the scan. */
  scan(text: string, onHit: (hit: PhraseHit) => boolean | undefined): void {
    const table = this.table;
    const outputs = this.outputs;
    const ring = new Int32Array(RING);
    let read = 0;
    let state = 0;
    let lastWasSpace = true;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c === SPACE || (c >= 9 && c <= 13) || (c >= ALPHABET && isUnicodeSpace(c))) {
        if (lastWasSpace) continue;
        lastWasSpace = true;
        c = SPACE;
      } else {
        lastWasSpace = false;
        if (c >= 65 && c <= 90) c += 32;
        else if (c >= ALPHABET) c = OTHER;
      }
      ring[read % RING] = i;
      read++;
      state = table[state * ALPHABET + c] as number;
      const found = outputs[state];
      if (found === undefined) continue;
      for (const phrase of found) {
        const length = this.lengths[phrase] as number;
        const start = ring[(read - length) % RING] as number;
        if (onHit({ phrase, start, end: i + 1 }) === false) return;
      }
    }
  }
}

/** No-break, line and paragraph separators, the BOM and the other Unicode spaces count as whitespace too. */
function isUnicodeSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function* codesOf(phrase: string): Generator<number> {
  for (let i = 0; i < phrase.length; i++) {
    const c = phrase.charCodeAt(i);
    yield c >= 65 && c <= 90 ? c + 32 : c >= ALPHABET ? OTHER : c;
  }
}
