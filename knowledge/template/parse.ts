// Single pass over the text, line by line with indexOf and char codes (no split, no per-line regex): builds the
// section tree. Header rank is the bracket count; indentation means nothing; attributes go to the last header seen;
// repeated headers merge under the same parent, except `list` sections, which append.
import type { FindingSink } from './findings.ts';
import {
  COLON,
  DOUBLE_QUOTE,
  EQUALS,
  HASH,
  isBlank,
  LBRACKET,
  RBRACKET,
  SINGLE_QUOTE,
  valueEnd,
} from './scan.ts';
import type { Section } from './types.ts';
import { classifyValue, type ExpressionValue } from './values.ts';

const MAX_RANK = 5;
/** Children are matched by a linear scan up to this many; past it a Map keeps hostile files linear. */
const INDEX_AFTER = 32;

export interface ParamReference {
  name: string;
  line: number;
}

export interface SectionTree {
  sections: Section[];
  /** Every whole-value `$Param`, for the undeclared-parameter check. */
  paramRefs: ParamReference[];
  /** Every expression value; their `params` are filled once all parameters are known. */
  expressions: ExpressionValue[];
}

export function parseSections(text: string, sink: FindingSink): SectionTree {
  return new LineParser(text, sink).run();
}

function excerpt(text: string, start: number, end: number): string {
  return end - start > 60 ? `${text.slice(start, start + 57)}...` : text.slice(start, end);
}

function mergeKey(kind: string, name: string | null): string {
  return name === null ? kind : `${kind} ${name.toLowerCase()}`;
}

function sameSection(section: Section, kind: string, name: string | null): boolean {
  if (section.kind !== kind) return false;
  if (section.name === null || name === null) return section.name === name;
  return (
    section.name.length === name.length &&
    (section.name === name || section.name.toLowerCase() === name.toLowerCase())
  );
}

class LineParser {
  private readonly root: Section = { rank: 0, kind: '', name: null, line: 0, attributes: [], children: [] };
  /** The open section at each rank (index 0 is the root); deeper ranks close when a header opens. */
  private readonly open: (Section | null)[] = [this.root, null, null, null, null, null];
  /** Child lookup for sections with many children, keyed by `kind name` lower-cased. */
  private readonly indexes = new Map<Section, Map<string, Section>>();
  private readonly paramRefs: ParamReference[] = [];
  private readonly expressions: ExpressionValue[] = [];
  private current: Section | null = null;
  /** After a header that cannot be placed, its attributes are dropped with it (the header has a finding). */
  private discarding = false;
  private pos = 0;
  private line = 0;

  constructor(
    private readonly text: string,
    private readonly sink: FindingSink,
  ) {}

  run(): SectionTree {
    const text = this.text;
    const len = text.length;
    while (this.pos < len) {
      let nl = text.indexOf('\n', this.pos);
      if (nl === -1) nl = len;
      this.line++;
      let s = this.pos;
      let e = nl;
      this.pos = nl + 1;
      while (s < e && isBlank(text.charCodeAt(s))) s++;
      while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
      if (s === e) continue;
      const c = text.charCodeAt(s);
      if (c === HASH) continue;
      if (c === LBRACKET) this.header(s, e);
      else this.attribute(s, e, nl);
    }
    return { sections: this.root.children, paramRefs: this.paramRefs, expressions: this.expressions };
  }

  private header(s: number, e: number): void {
    const { text, sink, line } = this;
    let i = s;
    while (i < e && text.charCodeAt(i) === LBRACKET) i++;
    const rank = i - s;
    let j = i;
    while (j < e && text.charCodeAt(j) !== RBRACKET) j++;
    let k = j;
    while (k < e && text.charCodeAt(k) === RBRACKET) k++;
    this.current = null;
    this.discarding = true;
    if (rank > MAX_RANK) {
      sink.add(
        'CCN113',
        `Header on line ${line} has ${rank} opening brackets; templates nest at most ${MAX_RANK}.`,
        {
          line,
        },
      );
      return;
    }
    while (i < j && isBlank(text.charCodeAt(i))) i++;
    let contentEnd = j;
    while (contentEnd > i && isBlank(text.charCodeAt(contentEnd - 1))) contentEnd--;
    if (i === contentEnd) {
      sink.add('CCN101', `Header "${excerpt(text, s, e)}" on line ${line} has no section kind or name.`, {
        line,
      });
      return;
    }
    const closing = k - j;
    if (closing === 0) {
      sink.add('CCN101', `Header "${excerpt(text, s, e)}" on line ${line} has no closing bracket.`, { line });
    } else if (closing !== rank) {
      sink.add(
        'CCN101',
        `Unbalanced brackets in header "${excerpt(text, s, e)}" on line ${line}: ${rank} opening, ${closing} closing (read as rank ${rank}).`,
        { line },
      );
    } else {
      while (k < e && isBlank(text.charCodeAt(k))) k++;
      if (k < e && text.charCodeAt(k) !== HASH) {
        sink.add(
          'CCN101',
          `Header "${excerpt(text, s, e)}" on line ${line} has text after its closing brackets.`,
          {
            line,
          },
        );
      }
    }
    let split = i;
    while (split < contentEnd && !isBlank(text.charCodeAt(split))) split++;
    const kind = text.slice(i, split).toLowerCase();
    while (split < contentEnd && isBlank(text.charCodeAt(split))) split++;
    const name = split < contentEnd ? text.slice(split, contentEnd) : null;
    this.openSection(rank, kind, name);
  }

  private openSection(rank: number, kind: string, name: string | null): void {
    const { line } = this;
    let parent = this.root;
    for (let r = rank - 1; r >= 1; r--) {
      const open = this.open[r];
      if (open) {
        parent = open;
        break;
      }
    }
    if (rank > 1 && parent === this.root) {
      const label = name === null ? kind : `${kind} ${name}`;
      this.sink.add('CCN114', `Section [${label}] on line ${line} has no enclosing section of lower rank.`, {
        line,
      });
    }
    let section = kind === 'list' ? undefined : this.findChild(parent, kind, name);
    if (section) {
      if (
        (kind === 'node' || kind === 'nodearray') &&
        parent.kind === 'cluster' &&
        name?.toLowerCase() !== 'defaults'
      ) {
        this.sink.add(
          'CCN112',
          `[[${kind} ${name}]] on line ${line} repeats the one on line ${section.line}; their attributes are merged and later values win.`,
          { line, node: name ?? undefined },
        );
      }
    } else {
      section = { rank, kind, name, line, attributes: [], children: [] };
      this.addChild(parent, section);
    }
    this.open[rank] = section;
    for (let r = rank + 1; r <= MAX_RANK; r++) this.open[r] = null;
    this.current = section;
    this.discarding = false;
  }

  private findChild(parent: Section, kind: string, name: string | null): Section | undefined {
    const index = this.indexes.get(parent);
    if (index) return index.get(mergeKey(kind, name));
    for (const child of parent.children) if (sameSection(child, kind, name)) return child;
    return undefined;
  }

  private addChild(parent: Section, section: Section): void {
    parent.children.push(section);
    const index = this.indexes.get(parent);
    if (index) {
      const key = mergeKey(section.kind, section.name);
      if (!index.has(key)) index.set(key, section);
    } else if (parent.children.length > INDEX_AFTER) {
      const built = new Map<string, Section>();
      for (const child of parent.children) {
        const key = mergeKey(child.kind, child.name);
        if (!built.has(key)) built.set(key, child);
      }
      this.indexes.set(parent, built);
    }
  }

  private attribute(s: number, e: number, nl: number): void {
    const { text, sink } = this;
    const line = this.line;
    let eq = s;
    while (eq < e && text.charCodeAt(eq) !== EQUALS) eq++;
    if (eq === e) {
      sink.add(
        'CCN103',
        `Line ${line} is not a header, an attribute or a comment: "${excerpt(text, s, e)}".`,
        {
          line,
        },
      );
      return;
    }
    let keyEnd = eq;
    let operator: '=' | ':=' = '=';
    if (text.charCodeAt(keyEnd - 1) === COLON) {
      operator = ':=';
      keyEnd--;
    }
    while (keyEnd > s && isBlank(text.charCodeAt(keyEnd - 1))) keyEnd--;
    if (keyEnd === s) {
      sink.add('CCN103', `Line ${line} has a value but no key: "${excerpt(text, s, e)}".`, { line });
      return;
    }
    let v = eq + 1;
    while (v < e && isBlank(text.charCodeAt(v))) v++;
    const q = text.charCodeAt(v);
    const raw =
      (q === SINGLE_QUOTE || q === DOUBLE_QUOTE) &&
      text.charCodeAt(v + 1) === q &&
      text.charCodeAt(v + 2) === q
        ? this.multiLine(v, e, nl, q)
        : text.slice(v, valueEnd(text, v, e));
    const current = this.current;
    if (current === null) {
      if (!this.discarding) {
        sink.add('CCN104', `Attribute "${text.slice(s, keyEnd)}" on line ${line} comes before any section.`, {
          line,
        });
      }
      return;
    }
    const value = classifyValue(raw, operator);
    if (value.kind === 'param') this.paramRefs.push({ name: value.name, line });
    else if (value.kind === 'expression') this.expressions.push(value);
    current.attributes.push({ key: text.slice(s, keyEnd), raw, value, operator, line });
  }

  /** A `'''`/`"""` value from text[v]; moves past its closing line when it spans several. */
  private multiLine(v: number, e: number, nl: number, q: number): string {
    const { text, sink } = this;
    const delimiter = q === SINGLE_QUOTE ? "'''" : '"""';
    const close = text.indexOf(delimiter, v + 3);
    if (close === -1) {
      const line = this.line;
      sink.add(
        'CCN102',
        `The ${delimiter} value opened on line ${line} is never closed; only the rest of line ${line} was read as its value.`,
        { line },
      );
      return text.slice(v, e);
    }
    const after = close + 3;
    let tailEnd = e;
    if (after > e) {
      let k = nl;
      while (k !== -1 && k < close) {
        this.line++;
        k = text.indexOf('\n', k + 1);
      }
      const lineEnd = k === -1 ? text.length : k;
      this.pos = lineEnd + 1;
      tailEnd = lineEnd;
      while (tailEnd > after && isBlank(text.charCodeAt(tailEnd - 1))) tailEnd--;
    }
    let t = after;
    while (t < tailEnd && isBlank(text.charCodeAt(t))) t++;
    if (t < tailEnd && text.charCodeAt(t) !== HASH) {
      sink.add('CCN103', `Text after the closing ${delimiter} on line ${this.line} is ignored.`, {
        line: this.line,
      });
    }
    const raw = text.slice(v, after);
    return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  }
}
