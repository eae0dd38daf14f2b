// --baseline: accept today's findings and fail only on new ones. A finding is known by file, rule, node and message
// with its line numbers masked, never by its line, so lines added above it do not make it new. Counts matter: a
// second identical finding in the same file is new.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { Finding } from '../../knowledge/model.ts';

const BaselineSchema = z.strictObject({
  ccnetBaseline: z.literal(1),
  findings: z.array(
    z.strictObject({
      file: z.string(),
      rule: z.string(),
      node: z.string().optional(),
      message: z.string(),
      count: z.number().int().positive(),
    }),
  ),
});
export type Baseline = z.infer<typeof BaselineSchema>;

/** Line numbers in messages ("line 25", "lines 3 and 9") are where, not what. */
function maskLines(message: string): string {
  return message.replace(/\b(lines?) \d+((?:(?:, | and |-)\d+)*)/g, '$1 #');
}

/** Paths are kept relative to the working directory with forward slashes, so a baseline works on every OS. */
export function baselinePath(file: string, cwd: string): string {
  const relative = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return relative.split(path.sep).join('/').replace(/^\.\//, '');
}

function findingKey(file: string, f: Finding): string {
  return JSON.stringify([file, f.rule, f.node ?? '', maskLines(f.message)]);
}

/** A stable id for SARIF partialFingerprints: the baseline key, hashed. */
export function fingerprint(file: string, f: Finding): string {
  return createHash('sha256').update(findingKey(file, f)).digest('hex').slice(0, 32);
}

export function buildBaseline(
  entries: ReadonlyArray<{ file: string; findings: readonly Finding[] }>,
): Baseline {
  const counts = new Map<string, Baseline['findings'][number]>();
  for (const { file, findings } of entries) {
    for (const f of findings) {
      const key = findingKey(file, f);
      const seen = counts.get(key);
      if (seen) seen.count += 1;
      else
        counts.set(key, {
          file,
          rule: f.rule,
          ...(f.node !== undefined && { node: f.node }),
          message: maskLines(f.message),
          count: 1,
        });
    }
  }
  return { ccnetBaseline: 1, findings: [...counts.values()] };
}

export function parseBaseline(text: string, name: string): Baseline | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `${name}: not JSON (${(error as Error).message})`;
  }
  const parsed = BaselineSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${name}: not a ccnet baseline (${issue?.path.join('.') || 'top level'}: ${issue?.message}); write one with --write-baseline`;
}

/** Splits findings into new ones and those the baseline accepts; remembers how many accepted ones were used. */
export class BaselineMatcher {
  private readonly remaining = new Map<string, number>();

  constructor(baseline: Baseline) {
    for (const entry of baseline.findings) {
      const key = JSON.stringify([entry.file, entry.rule, entry.node ?? '', entry.message]);
      this.remaining.set(key, (this.remaining.get(key) ?? 0) + entry.count);
    }
  }

  accepts(file: string, f: Finding): boolean {
    const key = findingKey(file, f);
    const left = this.remaining.get(key) ?? 0;
    if (left === 0) return false;
    this.remaining.set(key, left - 1);
    return true;
  }

  /** Accepted findings that no longer occur: fixed since the baseline was written. */
  fixed(): number {
    let n = 0;
    for (const left of this.remaining.values()) n += left;
    return n;
  }
}
