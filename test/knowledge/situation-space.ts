// The Situation space the invariant suite walks: every answer the guided flow can collect (each question where the
// flow asks it, with every choice it offers and "not answered", as a CLI call or a profile may leave it), the
// peering value the flow no longer offers ("impossible", still accepted), the CycleCloud-egress link the CLI can
// name, and the fields only the CLI sets (region, blocked and opened ports) in a few telling variants.
import { MAIN_QUESTIONS_IN_ORDER, type QuestionDef } from '../../flows/questions.ts';
import type { Situation } from '../../knowledge/index.ts';

export interface SpacePoint {
  situation: Situation;
  /** Questions the flow would ask for this situation (the ones whose answer is part of it, or left unanswered). */
  asked: ReadonlySet<string>;
}

const LINKS: Situation[] = [{}, { link: 'user-to-node' }, { link: 'cyclecloud-egress' }];

/** Values a question can leave: each choice's facts, "not answered", and extra accepted values not offered. */
export function valuesOf(q: QuestionDef): Partial<Situation>[] {
  const choices = q.choices.map((c) => c.facts);
  const extra: Partial<Situation>[] = q.id === 'peering' ? [{ peering: 'impossible' }] : [];
  const seen = new Set<string>();
  return [...choices, ...extra, {}].filter((f) => {
    const key = JSON.stringify(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function walk(s: Situation, asked: Set<string>, index: number, out: SpacePoint[]): void {
  const q = MAIN_QUESTIONS_IN_ORDER[index];
  if (!q) {
    out.push({ situation: s, asked });
    return;
  }
  if (!q.applies(s)) {
    walk(s, asked, index + 1, out);
    return;
  }
  for (const facts of valuesOf(q)) walk({ ...s, ...facts }, new Set([...asked, q.id]), index + 1, out);
}

export function flowSpace(): SpacePoint[] {
  const out: SpacePoint[] = [];
  for (const link of LINKS) walk(link, new Set(), 0, out);
  return out;
}

/** The CLI-only fields, each variant telling in its own way; every flow point is combined with every variant. */
export const CLI_VARIANTS: readonly Situation[] = [
  {},
  { sameRegion: false, blockedPorts: [9443] },
  { sameRegion: true, openPorts: [9443, 5672, 37141] },
  { blockedPorts: [22, 37140], openPorts: [443] },
];
