// Collects parse findings. Each rule reports at most MAX_PER_RULE lines and then one summary, so a hostile file
// with 100,000 bad lines yields a readable report instead of 100,000 entries.
import type { Finding } from '../model.ts';
import { PARSER_RULE_BY_ID, type ParserRuleId } from './rules.ts';

const MAX_PER_RULE = 20;

export interface FindingDetail {
  line?: number;
  node?: string;
  fix?: string;
}

export class FindingSink {
  readonly findings: Finding[] = [];
  private readonly counts = new Map<ParserRuleId, number>();
  private readonly suppressed = new Map<ParserRuleId, { count: number; firstLine: number | undefined }>();

  add(rule: ParserRuleId, message: string, detail: FindingDetail = {}): void {
    const count = (this.counts.get(rule) ?? 0) + 1;
    this.counts.set(rule, count);
    if (count > MAX_PER_RULE) {
      const held = this.suppressed.get(rule);
      if (held) held.count++;
      else this.suppressed.set(rule, { count: 1, firstLine: detail.line });
      return;
    }
    this.findings.push(build(rule, message, detail));
  }

  has(rule: ParserRuleId): boolean {
    return this.counts.has(rule);
  }

  /** The findings, with one summary per rule that went over its limit. */
  finish(): Finding[] {
    for (const [rule, held] of this.suppressed) {
      const message = `${held.count} more ${held.count === 1 ? 'place' : 'places'} with the same problem (${PARSER_RULE_BY_ID[rule].title.toLowerCase()}) not listed one by one.`;
      this.findings.push(build(rule, message, { line: held.firstLine }));
    }
    this.suppressed.clear();
    return this.findings;
  }
}

function build(rule: ParserRuleId, message: string, detail: FindingDetail): Finding {
  const def = PARSER_RULE_BY_ID[rule];
  const finding: Finding = { rule, severity: def.severity, message, fix: detail.fix ?? def.fix };
  if (detail.line !== undefined && detail.line > 0) finding.line = detail.line;
  if (detail.node !== undefined) finding.node = detail.node;
  return finding;
}
