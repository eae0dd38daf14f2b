// Runs every evaluator rule; findings come back in rule order, each rule's in template order.
import type { Finding } from '../../model.ts';
import { checkBrokerPort } from './broker-port.ts';
import type { RuleContext } from './context.ts';
import { checkPorts } from './ports.ts';
import { checkProxyCount } from './proxy-count.ts';
import { checkProxyNeed } from './proxy-need.ts';
import { checkProxyOs } from './proxy-os.ts';
import { checkProxyParameters } from './proxy-parameters.ts';
import { checkProxyPlacement } from './proxy-placement.ts';
import { checkProxyPublicIp } from './proxy-public-ip.ts';

const CHECKS: readonly ((ctx: RuleContext) => Finding[])[] = [
  checkProxyCount,
  checkProxyPlacement,
  checkProxyOs,
  checkProxyPublicIp,
  checkProxyNeed,
  checkProxyParameters,
  checkPorts,
  checkBrokerPort,
];

export function runChecks(ctx: RuleContext): Finding[] {
  const findings = withoutRepeats(CHECKS.flatMap((check) => check(ctx)));
  return findings.sort((a, b) => a.rule.localeCompare(b.rule) || (a.line ?? 0) - (b.line ?? 0));
}

export type { RuleContext } from './context.ts';

/**
 * A proxy nobody needs (CCN005) that a parameter switches on (CCN006) is one problem on one line: CCN005 already
 * names the parameter, so the CCN006 note on that line goes.
 */
function withoutRepeats(findings: Finding[]): Finding[] {
  const unneeded = new Set(findings.filter((f) => f.rule === 'CCN005').map((f) => f.line));
  return findings.filter((f) => f.rule !== 'CCN006' || !unneeded.has(f.line));
}
