// A flow verdict for the terminal: one line, then the deciding rule, the path, the fix and what was assumed.
import { type FlowVerdict, type HopResult, resolvedAs } from '../../knowledge/evidence/index.ts';
import { type Painter, painter } from './text.ts';

const STYLE = { allow: 'green', deny: 'red', unknown: 'yellow' } as const;
const WORD = { allow: 'ALLOW', deny: 'DENY', unknown: 'UNKNOWN' } as const;

export function renderFlowVerdict(v: FlowVerdict, paint: Painter = painter(false)): string {
  const f = v.flow;
  const lines = [
    `${f.source} -> ${f.destination} ${f.protocol}/${f.port}: ${paint(STYLE[v.verdict], WORD[v.verdict])}  ${v.reason}`,
  ];
  const deciding = v.verdict === 'allow' ? v.hops.at(-1) : v.deciding;
  if (deciding) lines.push(`  deciding rule: ${hopText(deciding)}`);
  else if (v.verdict !== 'allow' && v.route) lines.push(`  deciding route: ${v.route.reason}`);
  const path = [
    ...v.hops.filter((h) => h.direction === 'outbound').map(hopText),
    ...(v.route
      ? [
          `route ${v.route.prefix} -> ${v.route.nextHopType}${v.route.nextHopIp ? ` ${v.route.nextHopIp}` : ''}`,
        ]
      : []),
    ...v.hops.filter((h) => h.direction === 'inbound').map(hopText),
  ];
  if (path.length > 1) lines.push(`  path: ${path.join('  =>  ')}`);
  if (v.fix) lines.push(`  fix: ${v.fix}`);
  for (const end of resolvedAs(v)) lines.push(paint('dim', `  ${end}`));
  for (const note of v.notes) lines.push(paint('dim', `  note: ${note}`));
  for (const cmd of v.next) lines.push(paint('dim', `  to settle it: ${cmd}`));
  return `${lines.join('\n')}\n`;
}

function hopText(h: HopResult): string {
  const rule = h.rule
    ? `${h.rule.isDefault ? 'default rule ' : ''}${h.rule.name} (priority ${h.rule.priority})`
    : h.access === 'unknown'
      ? 'rules not in the evidence'
      : // Traffic NSGs never filter (168.63.129.16, 169.254.169.254): no rule is read; `why` says so.
        'no rule applies';
  const why = h.why ? ` [${h.why}]` : '';
  return `${h.nsg} (${h.attachedTo}) ${h.direction} ${rule}: ${h.access}${why}`;
}
