// Situation input may come from JSON files, profiles and flows: keep each field that is valid, report the ones that
// are not. Fields are read by the one Situation field reader (knowledge/situation-fields.ts).
import { type Situation, SituationSchema } from '../model.ts';
import { isSituationKey, readSituationField, shorten } from '../situation-fields.ts';

export interface SanitizedSituation {
  situation: Situation;
  ignored: string[];
}

export function sanitizeSituation(input: unknown): SanitizedSituation {
  const situation: Record<string, unknown> = {};
  const ignored: string[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { situation: {}, ignored };
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (!isSituationKey(key)) {
      ignored.push(`Ignored unknown situation field "${shorten(key)}".`);
      continue;
    }
    const read = readSituationField(key, value);
    if (read.ok) situation[key] = read.value;
    else ignored.push(`Ignored ${read.problem}.`);
  }
  const checked = SituationSchema.safeParse(situation);
  return { situation: checked.success ? checked.data : {}, ignored };
}
