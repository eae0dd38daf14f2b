// `--format json`: the array DESIGN.md promises, one `{ file, …Diagnosis }` per file, unchanged in shape. Added in a
// backward-compatible way: each finding's `column` and `helpUri` (optional fields of the Finding schema), and a
// `summary` per file (its counts; the run's totals are their sum). `findings` holds what `check` reports: after
// suppressions, rule settings, the severity threshold and the baseline.
import { countSeverities } from '../../knowledge/model.ts';
import type { LintReport } from './types.ts';

export function formatJson(report: LintReport): string {
  const files = report.files.map((file) => {
    const { errors, warnings, info, problems, suppressed, baselined } = summaryOf(file.findings, file);
    return {
      file: file.file,
      ...file.diagnosis,
      findings: file.findings,
      summary: { problems, errors, warnings, info, suppressed, baselined },
    };
  });
  return `${JSON.stringify(files, null, 2)}\n`;
}

function summaryOf(
  findings: LintReport['files'][number]['findings'],
  file: { suppressed: number; baselined: number },
) {
  const count = countSeverities(findings);
  return {
    problems: findings.length,
    errors: count.error,
    warnings: count.warning,
    info: count.info,
    suppressed: file.suppressed,
    baselined: file.baselined,
  };
}
