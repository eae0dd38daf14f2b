// `--format junit`: one <testsuite> per template, one <testcase> per finding (a passing one for a clean file), for CI
// test-report views. Errors and warnings are <failure>s; info findings pass with the text in <system-out>.
import type { LintReport } from './types.ts';

/** XML 1.0 cannot carry most control characters even escaped: they are dropped. */
function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the characters XML forbids is the point.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

export function formatJunit(report: LintReport): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = report.summary.errors + report.summary.warnings;
  const unreadable = report.unreadable ?? [];
  const tests = report.files.reduce((n, f) => n + Math.max(1, f.findings.length), 0) + unreadable.length;
  out.push(
    `<testsuites name="ccnet check" tests="${tests}" failures="${failures}" errors="${unreadable.length}">`,
  );
  // A file that could not be read is an <error> (the check could not run), not a pass hidden by its absence.
  for (const u of unreadable) {
    const name = escapeXml(u.file);
    out.push(`  <testsuite name="${name}" tests="1" failures="0" errors="1">`);
    out.push(`    <testcase classname="${name}" name="read the template">`);
    out.push(
      `      <error type="unreadable" message="${escapeXml(u.problem)}">${escapeXml(u.problem)}</error>`,
    );
    out.push('    </testcase>', '  </testsuite>');
  }
  for (const file of report.files) {
    const name = escapeXml(file.file);
    const failed = file.findings.filter((f) => f.severity !== 'info').length;
    out.push(
      `  <testsuite name="${name}" tests="${Math.max(1, file.findings.length)}" failures="${failed}" errors="0">`,
    );
    if (file.findings.length === 0) out.push(`    <testcase classname="${name}" name="no problems"/>`);
    for (const f of file.findings) {
      const where = f.line === undefined ? '' : ` line ${f.line}`;
      const caseName = escapeXml(`${f.rule}${where}${f.node ? ` (${f.node})` : ''}`);
      const body = escapeXml(`${f.message}\nFix: ${f.fix}\n${f.helpUri}`);
      out.push(`    <testcase classname="${name}" name="${caseName}">`);
      if (f.severity === 'info') out.push(`      <system-out>${body}</system-out>`);
      else
        out.push(`      <failure type="${f.severity}" message="${escapeXml(f.message)}">${body}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
