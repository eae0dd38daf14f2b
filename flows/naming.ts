// What the evidence guessed or could not place (CycleCloud's VM, the nodes' subnet) and how to name it, in each
// adapter's own terms: the evaluator says what it took; the CLI names a flag, Slack and the terminal chat what to
// paste or upload. The advice joins the assumptions (for a guess) or the evidence notes (for what is missing).
import type { Diagnosis, Verification } from '../knowledge/model.ts';

type Unsure = NonNullable<Verification['unsure']>[number];

export interface NamingWords {
  /** How to say where CycleCloud is, as a clause: "name CycleCloud with --cyclecloud IP|NIC|VM". */
  cyclecloud: string;
  /** How to say where the nodes are; `parameter` is the template's subnet parameter that has no value. */
  nodes: (parameter: string | undefined) => string;
}

function clauses(unsure: readonly Unsure[], words: NamingWords): string[] {
  const out: string[] = [];
  if (unsure.some((u) => u.end === 'cyclecloud')) out.push(words.cyclecloud);
  const nodes = unsure.filter((u) => u.end === 'nodes');
  if (nodes.length > 0) out.push(words.nodes(nodes.find((u) => u.parameter)?.parameter));
  return out;
}

export function withNaming(d: Diagnosis, words: NamingWords): Diagnosis {
  const v = d.verification;
  const unsure = v?.unsure ?? [];
  if (!v || unsure.length === 0) return d;
  const guessed = clauses(
    unsure.filter((u) => u.how === 'guessed'),
    words,
  );
  const missing = clauses(
    unsure.filter((u) => u.how === 'unknown'),
    words,
  );
  // Right after the last guess it corrects, before the assumptions that have nothing to do with the evidence.
  const said = new Set(unsure.map((u) => u.assumption));
  const at = d.assumptions.findLastIndex((a) => said.has(a)) + 1;
  const assumptions = [...d.assumptions];
  if (guessed.length > 0)
    assumptions.splice(at > 0 ? at : assumptions.length, 0, `To say otherwise, ${guessed.join('; ')}.`);
  return {
    ...d,
    assumptions,
    verification:
      missing.length > 0
        ? { ...v, notes: [...v.notes, `to check every connection, ${missing.join('; ')}`] }
        : v,
  };
}
