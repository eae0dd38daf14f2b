// The options only `ccnet check` takes, and their help lines.
import { CHECK_FORMATS } from './formats.ts';

export const CHECK_OPTIONS = {
  diagnosis: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  'max-warnings': { type: 'string' },
  severity: { type: 'string' },
  rule: { type: 'string', multiple: true },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'stdin-filename': { type: 'string' },
  'docs-base': { type: 'string' },
} as const;

export const CHECK_HELP = [
  `  --format ${CHECK_FORMATS.join('|')}`,
  '                       text (default): grouped by file with a summary; compact: file:line:col: severity: message [rule];',
  '                       json: one { file, …Diagnosis, summary } per file; sarif: SARIF 2.1.0 for code scanning;',
  '                       github: ::error annotations for GitHub Actions; junit: a JUnit XML report',
  '  --diagnosis          also print the whole diagnosis (recommendation, flows, snippets) for each file (text)',
  '  -q, --quiet          report errors only',
  '  --severity error|warning|info   report findings of this severity and above (default info)',
  '  --max-warnings N     exit 1 when more than N warnings are reported',
  "  --rule CCN006=off|info|warning|error   set a rule's severity or turn it off (repeatable)",
  '  --config FILE        settings file (default: .ccnetrc.json, ccnet.config.json or a "ccnet" key in',
  '                       package.json, in this folder or the nearest one above); --no-config ignores them',
  '  --baseline FILE      report only findings that FILE does not list (written by --write-baseline FILE)',
  '  --write-baseline FILE   record the current findings as accepted, then exit 0',
  '  --stdin-filename NAME   the name a template read from - (stdin) is reported under',
  '  --docs-base URL      where the rule pages are published (helpUri); default: the pages shipped with ccnet',
  '  In templates: # ccnet-disable-next-line CCN004 -- reason   or   # ccnet-disable CCN005 (whole file)',
];
