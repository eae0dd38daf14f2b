// What every parse must look like, whatever the input: valid findings in line order, pointing at lines that exist,
// and never the parser's catch-all CCN119 ("could not be read"), which would mean an exception was swallowed.
import { expect } from 'vitest';
import { FindingSchema } from '../../knowledge/model.ts';
import type { ParsedTemplate, Section } from '../../knowledge/template/types.ts';

/** The most lines `text` can have, whichever line ending the parser honours. */
function maxLines(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) n++;
  }
  return n;
}

function allSections(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...allSections(s.children)]);
}

/** Everything wrong with a parse result, in words; empty when it is sound. */
export function parseProblems(text: string, parsed: ParsedTemplate): string[] {
  const lines = maxLines(text);
  const problems: string[] = [];
  let previous = 0;
  for (const finding of parsed.findings) {
    const checked = FindingSchema.safeParse(finding);
    if (!checked.success)
      problems.push(`invalid finding ${JSON.stringify(finding)}: ${checked.error.message}`);
    if (finding.rule === 'CCN119') problems.push(`the parser swallowed an exception: ${finding.message}`);
    if (finding.line !== undefined) {
      if (finding.line > lines) problems.push(`${finding.rule} points at line ${finding.line} of ${lines}`);
      if (finding.line < previous) problems.push(`${finding.rule} on line ${finding.line} is out of order`);
      previous = finding.line;
    }
  }
  for (const section of allSections(parsed.sections)) {
    if (section.rank < 1 || section.rank > 5)
      problems.push(`section on line ${section.line} has rank ${section.rank}`);
    if (section.line > lines) problems.push(`section on line ${section.line} of ${lines}`);
    for (const attribute of section.attributes) {
      if (attribute.line > lines)
        problems.push(`attribute ${attribute.key} on line ${attribute.line} of ${lines}`);
    }
  }
  for (const node of parsed.cluster.nodes) {
    if (typeof node.name !== 'string' || node.line > lines)
      problems.push(`node ${node.name} on line ${node.line}`);
  }
  return problems;
}

export function expectSoundParse(text: string, parsed: ParsedTemplate): void {
  expect(parseProblems(text, parsed)).toEqual([]);
}
