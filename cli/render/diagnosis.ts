// A Diagnosis for people. By default the next action first (renderSummary: the option in plain words, "do now", what
// was assumed), in at most 20 lines at 80 columns; with --verbose (or `details` in the chat) the whole answer
// (renderDiagnosis: findings, option, why, connections, steps, every snippet, references with their URLs).
import { offPathLabel, optionTitle } from '../../knowledge/index.ts';
import {
  type ConnectivityOption,
  countSeverities,
  type Diagnosis,
  type DoNow,
  type Finding,
  type Recommendation,
  type SymptomMatch,
} from '../../knowledge/model.ts';
import { fitSnippet } from './code.ts';
import { renderSymptom } from './symptom.ts';
import { indent, type Painter, painter, visibleLength, wrap } from './text.ts';
import { renderVerification } from './verification.ts';

export { renderSymptom };

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

/** `file:line  CCN00x  severity  message` — the linter line, greppable and clickable in editors. */
function renderFindingLine(finding: Finding, file: string, paint: Painter = painter(false)): string {
  const where = finding.line === undefined ? file : `${file}:${finding.line}`;
  const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity);
  return `${where}  ${finding.rule}  ${severity}  ${finding.message}`;
}

export function renderFindings(findings: readonly Finding[], file: string, paint: Painter): string {
  return findings
    .map((f) => `${renderFindingLine(f, file, paint)}\n${indent(paint('dim', `fix: ${f.fix}`), '    ')}`)
    .join('\n');
}

export interface RenderOptions {
  color: boolean;
  /** File name to prefix finding lines with; the findings block is omitted when there are none. */
  file?: string;
  /** Columns to wrap at (80 when absent). */
  width?: number;
}

/** Longest default answer, its one snippet included, in lines at 80 columns. */
export const SUMMARY_MAX_LINES = 20;

export interface SummaryOptions extends RenderOptions {
  /** How to see the rest, as an instruction: "add --verbose" for `ccnet diagnose`, "type details" in the chat. */
  more: string;
}

/** The recommendation's next action, at most three lines of it (the evaluator promises no more; this holds it). */
function nextAction(rec: Recommendation): { headline: string; doNow: DoNow } {
  return { headline: rec.headline, doNow: { ...rec.doNow, lines: rec.doNow.lines.slice(0, 3) } };
}

function countFindings(findings: readonly Finding[]): string {
  const n = countSeverities(findings);
  return (
    [
      [n.error, 'error'],
      [n.warning, 'warning'],
      [n.info, 'note'],
    ] as const
  )
    .filter(([k]) => k > 0)
    .map(([k, w]) => `${k} ${w}${k === 1 ? '' : 's'}`)
    .join(', ');
}

/** Lines on a screen `width` columns wide, colour codes not counted. */
export function lineCount(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(visibleLength(line) / width)), 0);
}

/**
 * The next action first: option and headline, "do now" (at most three lines and its one snippet), what was assumed,
 * whether the template or the pasted message say more, and how to see the rest: at most SUMMARY_MAX_LINES lines at
 * the given width, the snippet included when it fits.
 */
export function renderSummary(d: Diagnosis, opts: SummaryOptions): string {
  const paint = painter(opts.color);
  const width = opts.width ?? 80;
  const rec = d.recommendation;
  const { headline, doNow } = nextAction(rec);
  const head = [
    `${paint('bold', 'Recommendation:')} ${paint('green', optionTitle(rec.option))} (${rec.option})`,
    wrap(`  ${headline}`, width),
  ].join('\n');
  const steps = doNow.lines.map((line, i) =>
    wrap(
      `  ${doNow.lines.length > 1 ? `${i + 1}. ` : ''}${line}`,
      width,
      doNow.lines.length > 1 ? '   ' : '',
    ),
  );
  const findings =
    d.findings.length > 0
      ? [
          wrap(
            `${opts.file !== undefined ? `Template ${opts.file}` : 'Findings'}: ${countFindings(d.findings)} — ${opts.more} to list them.`,
            width,
            '  ',
          ),
        ]
      : [];
  const pasted = d.symptom !== undefined ? symptomLine(d.symptom, rec.option, opts.more) : undefined;
  const symptom = pasted !== undefined ? [wrap(pasted.text, width, '  ')] : [];
  // An error on a link the recommendation does not fix comes first: the path below is not its next step.
  const [first, last] = pasted?.offPath ? [symptom, []] : [[], symptom];
  const more = paint('dim', wrap(`Why, connections, every snippet and the sources: ${opts.more}.`, width));
  /** `tight`: without the closing pointer and the blank lines between parts, for an answer that needs every line. */
  const layout = (assumed: string[], code: string[], tight = false) => {
    const gap = tight ? [] : [''];
    return [
      ...(first.length > 0 ? [...first, ...gap] : []),
      head,
      ...gap,
      paint('bold', 'Do now'),
      ...steps,
      ...(code.length > 0 ? [...gap, ...code] : []),
      ...gap,
      ...assumed,
      ...findings,
      ...last,
      ...(tight ? [] : [more]),
    ].join('\n');
  };
  // The one snippet "do now" needs comes whole when the answer still fits the screen with it (a half-pasted command
  // is worse than none); otherwise one line in its place says how to get it.
  const snippet = doNow.snippet !== undefined ? fitSnippet(doNow.snippet, width - 4) : undefined;
  const whole = snippet !== undefined ? [indent(snippet, '    ')] : [];
  const pointer =
    snippet !== undefined
      ? [
          paint(
            'dim',
            wrap(`  The commands to paste (${snippet.split('\n').length} lines): ${opts.more}.`, width, '  '),
          ),
        ]
      : [];
  // What was assumed is said in full unless that alone would pass the screen; then as much as fits.
  const allAssumed = d.assumptions.length > 0 ? `Assumed: ${d.assumptions.join(' ')}` : '';
  let assumed = allAssumed !== '' ? [wrap(allAssumed, width, '  ')] : [];
  const over = lineCount(layout(assumed, pointer), width) - SUMMARY_MAX_LINES;
  if (over > 0 && assumed[0] !== undefined) {
    const keep = Math.max(1, lineCount(assumed[0], width) - over);
    const tail = ` … (all of it: ${opts.more})`;
    // Words come off the end until the cut text wraps into the lines there are.
    let words = allAssumed.split(' ');
    let cut = wrap(`${words.join(' ')}${tail}`, width, '  ');
    while (words.length > 1 && lineCount(cut, width) > keep) {
      words = words.slice(0, -1);
      cut = wrap(`${words.join(' ')}${tail}`, width, '  ');
    }
    assumed = [cut];
  }
  // The snippet when it fits; else its pointer; else, with one line of assumptions left and still too long (exports,
  // a template and a paste each add their lines), tight: every part above already says how to see the rest.
  const fitting = [layout(assumed, whole), layout(assumed, pointer), layout(assumed, pointer, true)];
  const answer = fitting.find((text) => lineCount(text, width) <= SUMMARY_MAX_LINES) ?? fitting[2];
  return `${answer}\n`;
}

/**
 * One line on the pasted error: a known message by its id, a class match as what it looks like and never as
 * recognised, and, when it is on a link the recommendation does not fix, which link that is.
 */
function symptomLine(
  s: SymptomMatch,
  option: ConnectivityOption,
  more: string,
): { text: string; offPath: boolean } {
  if (!s.recognised) {
    return { text: 'The error message is not one ccnet knows: it does not guess a cause.', offPath: false };
  }
  const other = offPathLabel(s.link, option);
  const known = s.layer !== 'class';
  const what = known
    ? `Error message recognised (${s.id})${other === undefined ? '' : s.link === 'none' ? ', not a network failure' : `, on ${other}`}`
    : `The pasted error ${s.headline ?? 'looks like a network failure'}, not certain`;
  const how = `${more} for its ${known ? 'cause' : 'likely cause'} and checks.`;
  if (other === undefined) return { text: `${what} — ${how}`, offPath: false };
  return { text: `${what}: the recommendation below does not fix it; ${how}`, offPath: true };
}

export function renderDiagnosis(d: Diagnosis, opts: RenderOptions): string {
  const paint = painter(opts.color);
  const width = opts.width ?? 80;
  const { recommendation: r } = d;
  const blocks: string[] = [];
  const heading = (text: string) => paint('bold', text);
  const list = (items: readonly string[], numbered = false) =>
    items.map((item, i) => wrap(`  ${numbered ? `${i + 1}.` : '-'} ${item}`, width)).join('\n');
  // Each reason, step and snippet cites its sources beside it, as [n] into the numbered References.
  const number = new Map(r.references.map((ref, i) => [ref.source, i + 1]));
  const cite = (tags: readonly string[] | undefined) => {
    const ns = [...new Set((tags ?? []).map((t) => number.get(t)).filter((n) => n !== undefined))];
    return ns.length > 0 ? ` ${paint('dim', `[${ns.sort((a, b) => a - b).join(', ')}]`)}` : '';
  };
  const cited = (items: readonly string[], sources: readonly (readonly string[])[]) =>
    items.map((item, i) => `${item}${cite(sources[i])}`);

  if (d.findings.length > 0) {
    blocks.push(
      `${heading('Findings')}\n${indent(renderFindings(d.findings, opts.file ?? 'template', paint))}`,
    );
  }
  if (d.symptom) blocks.push(wrap(renderSymptom(d.symptom, paint), width));

  blocks.push(
    `${heading('Recommendation:')} ${paint('green', optionTitle(r.option))} (${r.option})\n${wrap(`  ${r.title}`, width)}`,
  );
  if (r.why.length > 0) blocks.push(`${heading('Why')}\n${list(cited(r.why, r.whySources))}`);
  if (r.connections.length > 0) {
    const rows = r.connections.map((f) => [f.from, '->', f.to, `${f.protocol.toUpperCase()} ${f.port}`]);
    const lines = table(rows)
      .split('\n')
      .map((row, i) => `  ${row}\n${paint('dim', wrap(`      ${r.connections[i]?.purpose ?? ''}`, width))}`);
    blocks.push(`${heading('Connections to allow')}\n${lines.join('\n')}`);
  }
  if (r.steps.length > 0) blocks.push(`${heading('Steps')}\n${list(cited(r.steps, r.stepSources), true)}`);
  for (const snippet of r.snippets) {
    blocks.push(
      `${heading(`${snippet.title}`)} ${paint('dim', `(${snippet.language})`)}${cite(snippet.sources)}\n${indent(fitSnippet(snippet, width - 2))}`,
    );
  }
  if (d.topology && d.topology.nodes.length > 0) {
    const rows = d.topology.nodes.map((n) => [
      `${n.kind} ${n.name}${n.abstract ? ' (abstract)' : ''}`,
      `line ${n.line}`,
      `proxy: ${String(n.returnProxy)}`,
      `os: ${n.os}`,
      `public IP: ${String(n.publicIp)}`,
      `subnet: ${n.subnet ?? '-'}`,
    ]);
    blocks.push(`${heading(`Cluster ${d.topology.cluster ?? '(unnamed)'}`)}\n${indent(table(rows))}`);
  }
  if (r.references.length > 0) {
    const refs = r.references.map((ref, i) => wrap(`  [${i + 1}] ${ref.title}: ${ref.url}`, width, '      '));
    blocks.push(`${heading('References')}\n${refs.join('\n')}`);
  }
  if (d.verification) blocks.push(renderVerification(d.verification, paint));
  if (d.assumptions.length > 0) blocks.push(`${heading('Assumptions')}\n${list(d.assumptions)}`);
  return `${blocks.join('\n\n')}\n`;
}

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
