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

export function expectSoundParse(text: string, parsed: ParsedTemplate): void {
  const lines = maxLines(text);
  let previous = 0;
  for (const finding of parsed.findings) {
    expect(FindingSchema.safeParse(finding).error).toBeUndefined();
    expect(finding.rule).not.toBe('CCN119');
    if (finding.line !== undefined) {
      expect(finding.line).toBeLessThanOrEqual(lines);
      expect(finding.line).toBeGreaterThanOrEqual(previous);
      previous = finding.line;
    }
  }
  for (const section of allSections(parsed.sections)) {
    expect(section.rank).toBeGreaterThanOrEqual(1);
    expect(section.rank).toBeLessThanOrEqual(5);
    expect(section.line).toBeLessThanOrEqual(lines);
    for (const attribute of section.attributes) expect(attribute.line).toBeLessThanOrEqual(lines);
  }
  for (const node of parsed.cluster.nodes) {
    expect(typeof node.name).toBe('string');
    expect(node.line).toBeLessThanOrEqual(lines);
  }
}
