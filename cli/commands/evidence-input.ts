// `--evidence`, `--cyclecloud` and `--nodes` of diagnose and check, read into the evaluator's evidence input.
import type { EvidenceInput } from '../../knowledge/evidence/situation.ts';
import { readEvidenceFiles } from '../read-evidence.ts';
import type { CliIO, ParsedCli } from '../run.ts';

export async function readEvidenceInput(args: ParsedCli, io: CliIO): Promise<EvidenceInput | undefined> {
  const raw = args.values.evidence;
  const files = Array.isArray(raw) ? raw.filter((f): f is string => typeof f === 'string') : [];
  if (files.length === 0) return undefined;
  const { evidence, notes } = await readEvidenceFiles(io, files);
  for (const note of notes) io.stderr.write(`ccnet: ${note}\n`);
  const text = (key: string) =>
    typeof args.values[key] === 'string' ? (args.values[key] as string) : undefined;
  return {
    evidence,
    ...(text('cyclecloud') ? { cyclecloud: text('cyclecloud') } : {}),
    ...(text('nodes') ? { nodes: text('nodes') } : {}),
  };
}
