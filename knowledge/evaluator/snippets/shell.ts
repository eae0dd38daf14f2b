// Bash snippets that run when pasted: a variables block first (values from the template or the situation where known,
// a quoted "<what to put here>" otherwise), then commands that use only those variables. A placeholder left in makes
// the first command fail naming it (az: resource group '<your resource group>' could not be found), never a redirection.
import type { SourceTag } from '../../facts/sources.ts';
import type { Snippet } from '../../model.ts';

export interface ShellVar {
  name: string;
  /** The value, or null when only the user knows it. */
  value: string | null;
  /** What to put there (shown inside the quotes while unknown), or where the known value came from. */
  hint: string;
  /** A command that computes the value from other variables (`$(az … -o tsv)`), used instead of a literal. */
  derive?: string;
}

const REFERENCE = /\$\{?([A-Z][A-Z0-9_]*)/g;

interface Index {
  byName: Map<string, ShellVar>;
  rank: Map<string, number>;
}

// One catalogue serves every snippet of a diagnosis: index it once.
const indexes = new WeakMap<readonly ShellVar[], Index>();

function indexOf(vars: readonly ShellVar[]): Index {
  let index = indexes.get(vars);
  if (!index) {
    index = { byName: new Map(vars.map((v) => [v.name, v])), rank: new Map(vars.map((v, i) => [v.name, i])) };
    indexes.set(vars, index);
  }
  return index;
}

/** `"value"` with what bash expands inside double quotes escaped. */
function quoted(value: string): string {
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

/** A bash snippet whose variables block holds exactly the variables its commands use, in dependency order. */
export function bashSnippet(
  title: string,
  vars: readonly ShellVar[],
  lines: readonly string[],
  sources: readonly SourceTag[],
): Snippet {
  const { byName, rank } = indexOf(vars);
  const byRank = (a: ShellVar, b: ShellVar) => (rank.get(a.name) ?? 0) - (rank.get(b.name) ?? 0);
  const used = orderedUses(lines, byName);
  // Values to fill in first, then what az computes from them (derivations only use plain values or earlier ones).
  const plain = used.filter((v) => v.derive === undefined).sort(byRank);
  const block = [...plain, ...used.filter((v) => v.derive !== undefined)].map(declaration);
  const unknown = used.some((v) => v.value === null && v.derive === undefined);
  const header = unknown
    ? ['# Fill in the values in "<...>" first; the commands below use only these variables.']
    : [];
  const code = [...header, ...block, ...(block.length > 0 ? [''] : []), ...lines].join('\n');
  return { title, language: 'bash', code, sources: [...new Set(sources)] };
}

function declaration(v: ShellVar): string {
  if (v.derive !== undefined) return `${v.name}=$(${v.derive})`;
  if (v.value === null) return `${v.name}=${quoted(`<${v.hint}>`)}`;
  return `${v.name}=${quoted(v.value)}${v.hint ? `  # ${v.hint}` : ''}`;
}

/** Variables the lines use, each after the variables its own derivation uses. */
function orderedUses(lines: readonly string[], byName: Map<string, ShellVar>): ShellVar[] {
  const out: ShellVar[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    const v = byName.get(name);
    if (!v || seen.has(name)) return;
    seen.add(name);
    if (v.derive !== undefined) for (const dep of referenced(v.derive)) visit(dep);
    out.push(v);
  };
  const declaredInLines = new Set(
    lines.flatMap((l) => [...l.matchAll(/^\s*([A-Z][A-Z0-9_]*)=/g)].map((m) => m[1])),
  );
  for (const line of lines) for (const name of referenced(line)) if (!declaredInLines.has(name)) visit(name);
  return out;
}

function referenced(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1] ?? '');
}
