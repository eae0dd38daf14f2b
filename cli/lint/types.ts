// What `ccnet check` reports: per file, the findings that stand after suppressions, rule settings, the severity
// threshold and the baseline; and the totals every format closes with.
import { countSeverities, type Diagnosis, type Finding, type Severity } from '../../knowledge/model.ts';

/** A finding as a linter prints it: always with its rule page, and a column wherever it has a line. */
export interface LintFinding extends Finding {
  helpUri: string;
}

export interface FileReport {
  /** As given on the command line (or --stdin-filename), so editors and CI can open it. */
  file: string;
  diagnosis: Diagnosis;
  findings: LintFinding[];
  /** Silenced by `# ccnet-disable…` comments in the file. */
  suppressed: number;
  /** Accepted by --baseline. */
  baselined: number;
}

export interface Summary {
  files: number;
  problems: number;
  errors: number;
  warnings: number;
  info: number;
  suppressed: number;
  baselined: number;
}

export interface LintReport {
  files: FileReport[];
  summary: Summary;
  /** Files named but not read (too large, not a regular file, missing): each with the one line said on stderr. */
  unreadable?: Array<{ file: string; problem: string }>;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function summarize(files: readonly FileReport[]): Summary {
  const summary: Summary = {
    files: files.length,
    problems: 0,
    errors: 0,
    warnings: 0,
    info: 0,
    suppressed: 0,
    baselined: 0,
  };
  for (const file of files) {
    summary.suppressed += file.suppressed;
    summary.baselined += file.baselined;
    const count = countSeverities(file.findings);
    summary.problems += file.findings.length;
    summary.errors += count.error;
    summary.warnings += count.warning;
    summary.info += count.info;
  }
  return summary;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
