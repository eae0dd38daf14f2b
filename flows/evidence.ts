// Evidence a check was given (az exports uploaded or named, probe output pasted): kept compressed in the session,
// read again when facts or a diagnosis need it. Its facts depend on the template (the nodes' subnet) and the pasted
// error (CycleCloud's address), so they are recomputed from the context rather than stored.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type Evidence, mergeEvidence, readEvidenceText } from '../knowledge/evidence/index.ts';
import { type EvidenceInput, type EvidenceReading, readEvidence } from '../knowledge/evidence/situation.ts';
import { matchSymptom } from '../knowledge/index.ts';
import type { Situation } from '../knowledge/model.ts';
import type { FlowContext } from './context.ts';
import { parsedTemplate } from './templates.ts';

/** Files a check keeps; an older one is dropped when more arrive. */
const MAX_FILES = 6;

export interface StoredEvidence {
  fileName: string;
  /** The text, deflated and base64-encoded. */
  packed: string;
}

export function packEvidence(fileName: string, text: string): StoredEvidence {
  return { fileName, packed: deflateRawSync(Buffer.from(text, 'utf8')).toString('base64') };
}

export function withEvidence(ctx: FlowContext, file: StoredEvidence): StoredEvidence[] {
  const kept = (ctx.evidence ?? []).filter((f) => f.fileName !== file.fileName);
  return [...kept, file].slice(-MAX_FILES);
}

const parsed = new Map<string, Evidence | null>();

function unpacked(file: StoredEvidence): Evidence | null {
  const hit = parsed.get(file.packed);
  if (hit !== undefined) return hit;
  let value: Evidence | null = null;
  try {
    const read = readEvidenceText(
      file.fileName,
      inflateRawSync(Buffer.from(file.packed, 'base64')).toString('utf8'),
    );
    value = read.ok ? read.evidence : null;
  } catch {
    value = null;
  }
  if (parsed.size >= 32) parsed.delete(parsed.keys().next().value ?? '');
  parsed.set(file.packed, value);
  return value;
}

/** The evaluator's evidence input for the context, or undefined when the check has none. */
export function evidenceInput(ctx: FlowContext): EvidenceInput | undefined {
  const files = (ctx.evidence ?? []).map(unpacked).filter((e): e is Evidence => e !== null);
  return files.length > 0 ? { evidence: mergeEvidence(files) } : undefined;
}

const readings = new WeakMap<FlowContext, EvidenceReading | null>();

/** What the evidence settles under this context's template and pasted error; cached per (immutable) context. */
export function evidenceReading(ctx: FlowContext): EvidenceReading | null {
  if (readings.has(ctx)) return readings.get(ctx) ?? null;
  const input = evidenceInput(ctx);
  let reading: EvidenceReading | null = null;
  if (input) {
    const template = ctx.template ? parsedTemplate(ctx.template.sha256) : undefined;
    const host = ctx.symptom ? matchSymptom(ctx.symptom.text).extracted.host : undefined;
    reading = readEvidence(input, {
      ...(template ? { template } : {}),
      ...(host && /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ? { cyclecloudHost: host } : {}),
    });
  }
  readings.set(ctx, reading);
  return reading;
}

export function evidenceFacts(ctx: FlowContext): Partial<Situation> {
  return evidenceReading(ctx)?.situation ?? {};
}
