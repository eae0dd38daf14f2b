// Builds findings from the rule table, so severity and default fix always match what `explain` lists.
import type { Finding, Severity } from '../../model.ts';
import type { EffectiveAttribute } from '../../template/types.ts';
import { EVALUATOR_RULE_BY_ID, type EvaluatorRuleId } from '../rules.ts';

export interface FindingDetail {
  node?: string;
  line?: number;
  fix?: string;
  /** Only for rules whose severity depends on the case (CCN002); the rule table holds the usual one. */
  severity?: Severity;
}

export function finding(rule: EvaluatorRuleId, message: string, detail: FindingDetail = {}): Finding {
  const def = EVALUATOR_RULE_BY_ID[rule];
  const f: Finding = {
    rule,
    severity: detail.severity ?? def.severity,
    message,
    fix: detail.fix ?? def.fix,
    sources: [...def.sources],
  };
  if (detail.line !== undefined && Number.isInteger(detail.line) && detail.line > 0) f.line = detail.line;
  if (detail.node !== undefined) f.node = detail.node;
  return f;
}

/** "line 12", "line 12 in [[node defaults]]" or "line 40, inherited from scheduler". */
export function where(a: EffectiveAttribute | undefined): string {
  if (!a) return 'no line';
  if (a.origin === 'defaults') return `line ${a.line} in [[node defaults]]`;
  if (a.origin !== 'own' && a.origin !== '') return `line ${a.line}, inherited from ${a.origin}`;
  return `line ${a.line}`;
}

export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
