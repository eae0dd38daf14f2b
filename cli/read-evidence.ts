// `--evidence FILE` for verify-flow, diagnose and check: each file read with the CLI's capped reader (regular files or
// `-`, UTF-8 or UTF-16 as PowerShell writes it) and read as evidence; a file that is not evidence stops the command with
// one line naming it.
import {
  EVIDENCE_LIMITS,
  type Evidence,
  mergeEvidence,
  readEvidenceText,
} from '../knowledge/evidence/index.ts';
import { usageError } from './errors.ts';
import { type InputSource, readUserInput } from './read-input.ts';

const TOO_LARGE = 'export fewer resources per file (e.g. one resource group at a time)';

export interface ReadEvidence {
  evidence: Evidence;
  notes: string[];
}

export async function readEvidenceFiles(
  source: InputSource,
  files: readonly string[],
): Promise<ReadEvidence> {
  const parts: Evidence[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const text = await readUserInput(source, file, EVIDENCE_LIMITS.maxChars, TOO_LARGE);
    const read = readEvidenceText(file, text);
    if (!read.ok) throw usageError(`${file}: ${read.problem}`);
    parts.push(read.evidence);
    notes.push(...read.notes.map((n) => `${file}: ${n}`));
  }
  return { evidence: mergeEvidence(parts), notes };
}
