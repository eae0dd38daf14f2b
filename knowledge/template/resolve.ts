// Resolves the first `[cluster]`: every node and nodearray gets its effective attributes, applied in CycleCloud's
// order: `[[node defaults]]`, then each `Extends` parent in order (later wins), then the node's own. A parent
// contributes what it inherits through its own Extends plus its own attributes, never `[[node defaults]]` again
// (so defaults cannot undo an earlier parent), and never its `Abstract` or `Extends`.
import type { FindingSink } from './findings.ts';
import { type Attributes, ownAttributes } from './flatten.ts';
import type { Substituter } from './substitute.ts';
import type { ParsedTemplate, ResolvedNode, Section } from './types.ts';

/** Total inherited attribute copies allowed; real templates use a few thousand. */
const COPY_BUDGET = 1_000_000;
const NOT_INHERITED = new Set(['abstract', 'extends']);

interface Entry {
  section: Section;
  name: string;
  kind: 'node' | 'nodearray';
  own: Attributes;
  extendsNames: string[];
  /** Parent per Extends name: null where unknown (already reported) or where following it closes a cycle. */
  parents: (Entry | null)[];
}

export function resolveCluster(
  sections: Section[],
  substituter: Substituter,
  sink: FindingSink,
): ParsedTemplate['cluster'] {
  const clusters = sections.filter((s) => s.kind === 'cluster');
  const cluster = clusters[0];
  if (!cluster) {
    sink.add('CCN106', 'The file has no [cluster name] section, so it describes no nodes.');
    return { name: null, line: null, nodes: [], defaults: null };
  }
  if (clusters.length > 1) {
    const lines = clusters.map((c) => c.line).join(', ');
    const second = clusters[1];
    sink.add(
      'CCN105',
      `The file has ${clusters.length} [cluster] sections (lines ${lines}); only [cluster ${cluster.name ?? ''}] on line ${cluster.line} is analysed.`,
      { line: second?.line },
    );
  }

  const own = (section: Section, origin: string): Attributes =>
    ownAttributes(section, origin, substituter, sink);

  let defaultsSection: Section | null = null;
  const entries: Entry[] = [];
  const byName = new Map<string, Entry>();
  for (const child of cluster.children) {
    if (child.kind !== 'node' && child.kind !== 'nodearray') continue;
    if (child.name === null) {
      sink.add('CCN118', `[[${child.kind}]] on line ${child.line} has no name and is skipped.`, {
        line: child.line,
      });
      continue;
    }
    const lower = child.name.toLowerCase();
    if (child.kind === 'node' && lower === 'defaults') {
      defaultsSection = child;
      continue;
    }
    const attributes = own(child, 'own');
    const entry: Entry = {
      section: child,
      name: child.name,
      kind: child.kind,
      own: attributes,
      extendsNames: extendsOf(attributes),
      parents: [],
    };
    entries.push(entry);
    const first = byName.get(lower);
    if (first) {
      sink.add(
        'CCN112',
        `[[${child.kind} ${child.name}]] on line ${child.line} has the same name as [[${first.kind} ${first.name}]] on line ${first.section.line}; Extends uses the first.`,
        { line: child.line, node: child.name },
      );
    } else byName.set(lower, entry);
  }

  for (const entry of entries) {
    const line = entry.own.get('extends')?.line;
    for (const name of entry.extendsNames) {
      const lower = name.toLowerCase();
      const parent = byName.get(lower) ?? null;
      if (!parent && lower !== 'defaults') {
        sink.add(
          'CCN109',
          `${entry.name} extends "${name}", but the cluster has no node or nodearray of that name.`,
          {
            line,
            node: entry.name,
          },
        );
      }
      entry.parents.push(parent);
    }
  }

  const defaults: ResolvedNode | null = defaultsSection
    ? {
        name: defaultsSection.name ?? 'defaults',
        kind: 'node',
        line: defaultsSection.line,
        abstract: false,
        attributes: own(defaultsSection, 'defaults'),
        extends: [],
      }
    : null;

  const chains = new Inheritance(sink);
  const nodes: ResolvedNode[] = entries.map((entry) => {
    const attributes: Attributes = defaults ? new Map(defaults.attributes) : new Map();
    for (const [path, attribute] of chains.of(entry)) attributes.set(path, attribute);
    const abstract = entry.own.get('abstract')?.value;
    return {
      name: entry.name,
      kind: entry.kind,
      line: entry.section.line,
      abstract: abstract?.kind === 'boolean' && abstract.value,
      attributes,
      extends: entry.extendsNames,
    };
  });
  return { name: cluster.name, line: cluster.line, nodes, defaults };
}

function extendsOf(attributes: Attributes): string[] {
  const raw = attributes.get('extends');
  if (!raw) return [];
  const text = raw.value.kind === 'string' ? raw.value.value : raw.raw;
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

/** Each node's attributes from its Extends chain plus its own, memoised; iterative, so deep chains cannot overflow. */
class Inheritance {
  private readonly done = new Map<Entry, Attributes>();
  /** Entries on the current path, with their depth on the stack. */
  private readonly visiting = new Map<Entry, number>();
  private copies = 0;
  private exhausted = false;

  constructor(private readonly sink: FindingSink) {}

  of(start: Entry): Attributes {
    const stack: { entry: Entry; next: number }[] = [{ entry: start, next: 0 }];
    this.visiting.set(start, 0);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (!top) break;
      const { entry } = top;
      if (top.next < entry.parents.length) {
        const index = top.next++;
        const parent = entry.parents[index];
        if (!parent || this.done.has(parent)) continue;
        if (this.visiting.has(parent)) {
          this.reportCycle(stack, entry, parent);
          entry.parents[index] = null;
          continue;
        }
        this.visiting.set(parent, stack.length);
        stack.push({ entry: parent, next: 0 });
        continue;
      }
      this.done.set(entry, this.combine(entry));
      this.visiting.delete(entry);
      stack.pop();
    }
    return this.done.get(start) ?? start.own;
  }

  private combine(entry: Entry): Attributes {
    if (entry.parents.every((parent) => parent === null)) return entry.own;
    const attributes: Attributes = new Map();
    for (const parent of entry.parents) {
      const inherited = parent ? this.done.get(parent) : undefined;
      if (!inherited) continue;
      if (this.copies + inherited.size > COPY_BUDGET) {
        this.reportExhausted(entry);
        break;
      }
      this.copies += inherited.size;
      for (const [path, attribute] of inherited) {
        if (NOT_INHERITED.has(path)) continue;
        attributes.set(
          path,
          attribute.origin === 'own' ? { ...attribute, origin: parent?.name ?? '' } : attribute,
        );
      }
    }
    for (const [path, attribute] of entry.own) attributes.set(path, attribute);
    return attributes;
  }

  /** Names the loop from `to` down the stack to `from`, eliding the middle of long loops in O(1). */
  private reportCycle(stack: { entry: Entry }[], from: Entry, to: Entry): void {
    const start = this.visiting.get(to) ?? 0;
    const name = (i: number) => stack[i]?.entry.name ?? '';
    const length = stack.length - start;
    const shown =
      length > 6
        ? [name(start), name(start + 1), name(start + 2), '…', name(stack.length - 2), name(stack.length - 1)]
        : Array.from({ length }, (_, i) => name(start + i));
    this.sink.add(
      'CCN110',
      `Extends cycle: ${[...shown, to.name].join(' → ')}; ${from.name} does not inherit from ${to.name}.`,
      { line: from.own.get('extends')?.line, node: from.name },
    );
  }

  private reportExhausted(entry: Entry): void {
    if (this.exhausted) return;
    this.exhausted = true;
    this.sink.add(
      'CCN115',
      `Inheritance is too large to resolve from ${entry.name} on: more than ${COPY_BUDGET} inherited attributes; later nodes keep only their own attributes and the defaults.`,
      { line: entry.section.line, node: entry.name },
    );
  }
}
