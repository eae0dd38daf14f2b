// Known facts in words, for every adapter: the terminal chat, Slack messages, the resume list. One description per
// fact, in the words of the choice that sets it, so a fact reads the same wherever it is shown.
import type { Situation, SituationKey } from '../knowledge/model.ts';
import { MAIN_QUESTIONS_IN_ORDER } from './questions.ts';
import type { FactSource } from './types.ts';

/** `CycleCloud version: CycleCloud 8`, one per known fact, in the words of the choices that set them. */
export function describeFacts(facts: Partial<Situation>): string[] {
  return (Object.keys(facts) as SituationKey[])
    .map((key) => factLabel(key, facts[key]))
    .filter((label): label is string => label !== null);
}

/** The facts that came from one source (the team profile, the template), for "from your team profile" notes. */
export function factsFrom(
  situation: Partial<Situation>,
  sources: Partial<Record<SituationKey, FactSource>>,
  source: FactSource,
): Partial<Situation> {
  return Object.fromEntries(
    Object.entries(situation).filter(([key]) => sources[key as SituationKey] === source),
  ) as Partial<Situation>;
}

/** Facts no question asks for (they come from profiles, messages or start facts). */
const OTHER_FACT_LABELS: Partial<Record<SituationKey, (value: unknown) => string | undefined>> = {
  link: (v) =>
    ({
      'node-to-cyclecloud': 'Problem: nodes reaching CycleCloud',
      'user-to-node': 'Problem: people reaching the nodes',
      'cyclecloud-egress': 'Problem: CycleCloud reaching Azure',
    })[String(v)],
  sameRegion: (v) => (v ? 'Same region' : 'Different regions'),
  blockedPorts: (v) => `Blocked ports: ${Array.isArray(v) ? v.join(', ') : String(v)}`,
  openPorts: (v) => `Open ports: ${Array.isArray(v) ? v.join(', ') : String(v)}`,
};

function factLabel(key: SituationKey, value: unknown): string | null {
  if (value === undefined) return null;
  const other = OTHER_FACT_LABELS[key]?.(value);
  if (other) return other;
  for (const question of MAIN_QUESTIONS_IN_ORDER) {
    const choice = question.choices.find((c) => Object.hasOwn(c.facts, key) && c.facts[key] === value);
    if (choice) return `${question.topic}: ${choice.label}`;
  }
  return `${key}: ${String(value)}`;
}
