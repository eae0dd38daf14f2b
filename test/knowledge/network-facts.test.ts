// The network facts of issue 10 carry sources that resolve, and their vocabularies hold together: every cause key a
// known message names is explained somewhere, every link has a label and a summary.
import { describe, expect, it } from 'vitest';
import { CAUSE_FACTS } from '../../knowledge/facts/causes.ts';
import { CLASS_SIGNATURES, CLASS_SOURCES } from '../../knowledge/facts/error-classes.ts';
import { LINK_FACTS } from '../../knowledge/facts/links.ts';
import { isSourceTag, reference } from '../../knowledge/facts/sources.ts';
import { SYMPTOM_FACTS } from '../../knowledge/facts/symptoms.ts';
import { ERROR_CLASSES, NETWORK_LINKS } from '../../knowledge/symptoms/schema.ts';

const sourced: [string, readonly string[]][] = [
  ...CAUSE_FACTS.map((c): [string, readonly string[]] => [
    `cause ${c.key} (${c.classes.join(',')})`,
    c.sources,
  ]),
  ...Object.values(LINK_FACTS).map((l): [string, readonly string[]] => [`link ${l.link}`, l.sources]),
  ...Object.entries(CLASS_SOURCES).map(([c, s]): [string, readonly string[]] => [`class ${c}`, s]),
];

describe('network facts', () => {
  it.each(sourced)('%s has sources that resolve to a URL', (_name, sources) => {
    expect(sources.length).toBeGreaterThan(0);
    for (const tag of sources) {
      expect(isSourceTag(tag), tag).toBe(true);
      if (isSourceTag(tag)) expect(new URL(reference(tag).url).protocol).toBe('https:');
    }
  });

  it('describes every link and gives every class a signature or a status', () => {
    for (const link of NETWORK_LINKS) expect(LINK_FACTS[link].summary.length, link).toBeGreaterThan(20);
    const signed = new Set(CLASS_SIGNATURES.map((s) => s.errorClass));
    for (const c of ERROR_CLASSES) expect(signed.has(c) || c.startsWith('http-'), c).toBe(true);
  });

  it('never lets a cause fact claim a link or class outside the vocabularies', () => {
    for (const c of CAUSE_FACTS) {
      for (const l of c.links) expect(NETWORK_LINKS).toContain(l);
      for (const k of c.classes) expect(ERROR_CLASSES).toContain(k);
    }
    for (const f of SYMPTOM_FACTS) {
      expect(NETWORK_LINKS).toContain(f.link);
      if (f.errorClass !== undefined) expect(ERROR_CLASSES).toContain(f.errorClass);
    }
  });

  it('keeps known phrases in lower case with single spaces, so the automaton can find them', () => {
    for (const f of SYMPTOM_FACTS) {
      for (const p of f.phrases) expect(p, f.id).toBe(p.toLowerCase().replace(/\s+/g, ' ').trim());
    }
    for (const s of CLASS_SIGNATURES) {
      for (const p of [...s.strong, ...s.weak]) expect(p).toBe(p.toLowerCase().replace(/\s+/g, ' '));
    }
  });
});
