// `--format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. Every ccnet rule is in
// tool.driver.rules (title, what it catches, default level, fix, helpUri); each result has its file and line region
// and a stable partialFingerprint (the baseline key), so alerts survive edits above them. SARIF `fixes` need exact
// byte replacements; ccnet's fixes are instructions, so each result carries its fix as text (message and properties).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TEMPLATE_RULES } from '../../knowledge/index.ts';
import type { Severity } from '../../knowledge/model.ts';
import { VERSION } from '../version.ts';
import { fingerprint } from './baseline.ts';
import { helpUri } from './help-uri.ts';
import type { LintReport } from './types.ts';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** A relative path as a URI reference (segments percent-encoded), an absolute one as a file: URL. */
function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function pascal(title: string): string {
  return title
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export function formatSarif(
  report: LintReport,
  docsBase: string,
  baselinePathOf: (file: string) => string,
): string {
  const index = new Map(TEMPLATE_RULES.map((r, i) => [r.id, i]));
  const rules = TEMPLATE_RULES.map((r) => ({
    id: r.id,
    name: pascal(r.title),
    shortDescription: { text: `${r.title}.` },
    fullDescription: { text: r.catches },
    defaultConfiguration: { level: LEVEL[r.severity] },
    help: { text: `${r.catches} Fix: ${r.fix}`, markdown: `${r.catches}\n\n**Fix:** ${r.fix}` },
    helpUri: helpUri(docsBase, r.id),
    properties: { tags: [r.id.startsWith('CCN1') ? 'template' : 'connectivity'] },
  }));
  const results = report.files.flatMap((file) =>
    file.findings.map((f) => {
      // A finding about the whole file (no line) points at its start: viewers and code scanning want a region.
      const physicalLocation = {
        artifactLocation: { uri: artifactUri(file.file) },
        region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
      };
      return {
        ruleId: f.rule,
        ruleIndex: index.get(f.rule) ?? 0,
        level: LEVEL[f.severity],
        message: { text: `${f.message} Fix: ${f.fix}` },
        locations: [{ physicalLocation }],
        partialFingerprints: { 'ccnetFinding/v1': fingerprint(baselinePathOf(file.file), f) },
        properties: { fix: f.fix, ...(f.node !== undefined && { node: f.node }) },
      };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ccnet',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: new URL('../../README.md', docsBase).href,
            rules,
          },
        },
        // A file that could not be read is no result, but the run must not look clean: SARIF's place for it is the
        // invocation (executionSuccessful false, one error notification per file).
        invocations: [
          {
            executionSuccessful: (report.unreadable ?? []).length === 0,
            toolExecutionNotifications: (report.unreadable ?? []).map((u) => ({
              level: 'error',
              message: { text: u.problem },
              locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(u.file) } } }],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
