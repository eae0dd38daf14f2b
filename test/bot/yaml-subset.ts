// A parser for the small, well-defined YAML subset manifest.yml is written in: block maps and block lists by
// indentation (spaces only), `- key: value` list items, full-line and ` #` comments, and scalars (double- or single-
// quoted strings, true/false, integers, plain strings). Anything else (flow style, anchors, multi-line scalars, tabs)
// is an error, so the manifest cannot drift into YAML this test would misread.
export type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
  no: number;
}

function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || text[i - 1] === ' ')) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text.trimEnd();
}

function scalar(raw: string, no: number): Yaml {
  if (/^[[{&*|>!%@`]/.test(raw)) throw new Error(`line ${no}: unsupported YAML: ${raw}`);
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  if (raw.startsWith("'")) {
    if (!raw.endsWith("'") || raw.length < 2) throw new Error(`line ${no}: unterminated string`);
    return raw.slice(1, -1).replace(/''/g, "'");
  }
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^-?\d+$/.test(raw)) return Number(raw);
  if (raw === '' || raw === '~' || raw === 'null') return null;
  return raw;
}

export function parseYamlSubset(text: string): Yaml {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((rawLine, i) => {
    if (/^\s*\t/.test(rawLine)) throw new Error(`line ${i + 1}: tabs are not allowed for indentation`);
    const body = stripComment(rawLine);
    if (body.trim() === '') return;
    lines.push({ indent: body.length - body.trimStart().length, text: body.trim(), no: i + 1 });
  });
  let i = 0;

  const isItem = (l: Line | undefined) => l !== undefined && (l.text === '-' || l.text.startsWith('- '));

  function block(indent: number): Yaml {
    return isItem(lines[i]) ? list(indent) : map(indent);
  }

  function map(indent: number): Yaml {
    const out: { [key: string]: Yaml } = {};
    for (
      let line = lines[i];
      line !== undefined && line.indent === indent && !isItem(line);
      line = lines[i]
    ) {
      const m = /^([A-Za-z0-9_./-]+):(?: +(.*))?$/.exec(line.text);
      if (m === null || m[1] === undefined) throw new Error(`line ${line.no}: expected "key: value"`);
      if (Object.hasOwn(out, m[1])) throw new Error(`line ${line.no}: duplicate key ${m[1]}`);
      i += 1;
      const next = lines[i];
      if (m[2] !== undefined && m[2] !== '') out[m[1]] = scalar(m[2], line.no);
      else if (next !== undefined && (next.indent > indent || (next.indent === indent && isItem(next))))
        out[m[1]] = block(next.indent);
      else out[m[1]] = null;
    }
    return out;
  }

  function list(indent: number): Yaml {
    const out: Yaml[] = [];
    for (let line = lines[i]; line !== undefined && line.indent === indent && isItem(line); line = lines[i]) {
      const rest = line.text.slice(1).trim();
      if (/^[A-Za-z0-9_./-]+:( |$)/.test(rest)) {
        lines[i] = { indent: indent + 2, text: rest, no: line.no };
        out.push(map(indent + 2));
      } else {
        i += 1;
        out.push(scalar(rest, line.no));
      }
    }
    return out;
  }

  const value = block(lines[0]?.indent ?? 0);
  const left = lines[i];
  if (left !== undefined) throw new Error(`line ${left.no}: unexpected indentation`);
  return value;
}
