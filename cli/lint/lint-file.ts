// One template's findings as `ccnet check` reports them: suppressions first (so a comment counts as used even for a
// rule later turned off), then rule settings, the threshold and the baseline; each finding gets its column and page.
import type { Diagnosis, Finding } from '../../knowledge/model.ts';
import { applySuppressions, findSuppressions } from '../../knowledge/template/index.ts';
import { helpUri } from './help-uri.ts';
import { KNOWN_RULES, type LintSettings } from './settings.ts';
import { type FileReport, type LintFinding, SEVERITY_RANK } from './types.ts';

export function lintFile(
  file: string,
  baselineFile: string,
  text: string,
  diagnosis: Diagnosis,
  settings: LintSettings,
): FileReport {
  const { findings, suppressed } = applySuppressions(diagnosis.findings, findSuppressions(text, KNOWN_RULES));
  const lines = text.split(/\r\n|\n|\r/);
  let baselined = 0;
  const reported: LintFinding[] = [];
  for (const f of findings) {
    const setting = settings.rules.get(f.rule);
    if (setting === 'off') continue;
    const severity = setting ?? f.severity;
    if (SEVERITY_RANK[severity] < SEVERITY_RANK[settings.threshold]) continue;
    const finding: Finding = { ...f, severity };
    if (settings.baseline?.accepts(baselineFile, finding)) {
      baselined += 1;
      continue;
    }
    reported.push(withLocation(finding, lines, settings.docsBase));
  }
  reported.sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.rule.localeCompare(b.rule),
  );
  return { file, diagnosis, findings: reported, suppressed: suppressed.length, baselined };
}

function withLocation(f: Finding, lines: readonly string[], base: string): LintFinding {
  const out: LintFinding = { ...f, helpUri: helpUri(base, f.rule) };
  if (f.line !== undefined) {
    const text = lines[f.line - 1] ?? '';
    const first = text.search(/\S/);
    out.column = first === -1 ? 1 : first + 1;
  }
  return out;
}
