// Whether a text is evidence (an az JSON export, a ccnet collect bundle, ccnet probe output) rather than a template or
// an error message: adapters send it to the flow as EVIDENCE, which then reads it properly or says in one line why not.
import { afterTerminalLines } from './json.ts';
import { PROBE_MARKER } from './probe.ts';

const EXPORT_FIELD =
  /"(?:type|peeringState|securityRules|defaultSecurityRules|ipConfigurations|addressSpace|effectiveSecurityRules|nextHopType|ccnetEvidence)"\s*:/;

export function isEvidenceText(text: string): boolean {
  if (text.includes(PROBE_MARKER)) return true;
  // Copied from a terminal, an export may start with the prompt and the az command: the reader skips them too.
  const start = afterTerminalLines(text.replace(/^\uFEFF/, ''));
  if (!start.startsWith('{') && !start.startsWith('[')) return false;
  return EXPORT_FIELD.test(start.slice(0, 64 * 1024));
}
