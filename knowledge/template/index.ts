// parseTemplate: CycleCloud cluster template text -> sections, parameters, resolved nodes and findings.
// It never throws: every problem, even an unforeseen one, comes back as a finding.
import { FindingSink } from './findings.ts';
import { inputKind, undecodableLines } from './input.ts';
import { collectParameters, parseOverrides } from './parameters.ts';
import { parseSections } from './parse.ts';
import { applyOverrides, checkReferences, linkExpressions } from './references.ts';
import { resolveCluster } from './resolve.ts';
import { Substituter } from './substitute.ts';
import type { ParsedTemplate, ParseOptions } from './types.ts';

export { decodeBytes } from './input.ts';
export { PARSER_RULES } from './rules.ts';
export { applySuppressions, findSuppressions } from './suppressions.ts';
export type * from './types.ts';

export function parseTemplate(text: string, options: ParseOptions = {}): ParsedTemplate {
  const sink = new FindingSink();
  try {
    return parse(text, options, sink);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    sink.add('CCN119', `The template could not be read: ${reason}.`);
    return empty(sink);
  }
}

function parse(text: string, options: ParseOptions, sink: FindingSink): ParsedTemplate {
  const kind = typeof text === 'string' ? inputKind(text) : 'binary';
  if (kind === 'empty') {
    sink.add('CCN107', 'The template is empty.');
    return empty(sink);
  }
  if (kind === 'binary') {
    sink.add('CCN108', 'The file is not text (it contains NUL bytes or is mostly unreadable characters).');
    return empty(sink);
  }
  // Files saved with classic Mac line ends (CR only) would otherwise read as one line.
  const lines = text.indexOf('\n') === -1 && text.indexOf('\r') !== -1 ? text.replaceAll('\r', '\n') : text;
  reportUndecodable(lines, sink);
  const tree = parseSections(lines, sink);
  const parameters = collectParameters(tree.sections);
  const overrides = parseOverrides(options?.params);
  applyOverrides(parameters, overrides);
  linkExpressions(tree.expressions, parameters);
  checkReferences(tree.paramRefs, parameters, overrides, sink);
  const cluster = resolveCluster(tree.sections, new Substituter(parameters, overrides), sink);
  const findings = byLine(sink.finish());
  markCutOff(lines, findings);
  return { sections: tree.sections, parameters, cluster, findings };
}

/**
 * A file that stops in the middle of its last line, where that line cannot be read (a header without its closing
 * brackets, a fragment, a ''' never closed), was most likely cut off while copying or uploading: say so on that finding.
 */
function markCutOff(text: string, findings: ParsedTemplate['findings']): void {
  if (/[\r\n]$/.test(text)) return;
  let last = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) last++;
  const broken = findings.find(
    (f) => f.rule === 'CCN102' || ((f.rule === 'CCN101' || f.rule === 'CCN103') && f.line === last),
  );
  if (broken)
    broken.message += ` The file ends in the middle of line ${last}, so it looks cut off: check that the whole template was copied or uploaded.`;
}

/** One finding for bytes that are not UTF-8 (a file saved as Windows-1252 or Latin-1), at the first line that has them. */
function reportUndecodable(text: string, sink: FindingSink): void {
  const [first, ...more] = undecodableLines(text);
  if (first === undefined) return;
  const also =
    more.length === 0
      ? ''
      : ` (and ${more.length} more ${more.length === 1 ? 'line' : 'lines'}, from line ${more[0]})`;
  sink.add(
    'CCN122',
    `Line ${first}${also} holds bytes that are not UTF-8, read as \u201c\ufffd\u201d; a name or value there may not be what the file says.`,
    { line: first },
  );
}

function empty(sink: FindingSink): ParsedTemplate {
  return {
    sections: [],
    parameters: new Map(),
    cluster: { name: null, line: null, nodes: [], defaults: null },
    findings: byLine(sink.finish()),
  };
}

function byLine(findings: ParsedTemplate['findings']): ParsedTemplate['findings'] {
  return findings.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
}
