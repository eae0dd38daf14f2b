// The formats `ccnet check --format` knows, and which of them belong on stdout for machines (no colour, no prose).
import { formatCompact } from './format-compact.ts';
import { formatGithub } from './format-github.ts';
import { formatJson } from './format-json.ts';
import { formatJunit } from './format-junit.ts';
import { formatSarif } from './format-sarif.ts';
import { formatText } from './format-text.ts';
import type { LintReport } from './types.ts';

export const CHECK_FORMATS = ['text', 'compact', 'json', 'sarif', 'github', 'junit'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface FormatContext {
  color: boolean;
  docsBase: string;
  baselinePathOf: (file: string) => string;
}

export function formatReport(format: CheckFormat, report: LintReport, ctx: FormatContext): string {
  switch (format) {
    case 'text':
      return formatText(report, ctx.color);
    case 'compact':
      return formatCompact(report);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, ctx.docsBase, ctx.baselinePathOf);
    case 'github':
      return formatGithub(report);
    case 'junit':
      return formatJunit(report);
  }
}
