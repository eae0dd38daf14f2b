// Situation input may come from JSON files and profiles: keep each field that is valid, report the ones that are not.
import { type Situation, SituationSchema } from '../model.ts';

export interface SanitizedSituation {
  situation: Situation;
  ignored: string[];
}

export function sanitizeSituation(input: unknown): SanitizedSituation {
  const situation: Record<string, unknown> = {};
  const ignored: string[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { situation: {}, ignored };
  const shape = SituationSchema.shape;
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(shape, key)) {
      ignored.push(`Ignored unknown situation field "${shorten(key)}".`);
      continue;
    }
    const parsed = shape[key as keyof typeof shape].safeParse(value);
    if (parsed.success) situation[key] = parsed.data;
    else ignored.push(`Ignored ${key} = ${shown(value)}: not a valid value.`);
  }
  const checked = SituationSchema.safeParse(situation);
  return { situation: checked.success ? checked.data : {}, ignored };
}

const MAX_SHOWN = 60;

function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return shorten(text);
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}
