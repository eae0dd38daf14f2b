// CCN011: ReturnPath.BrokerPort names the AMQP broker, which CycleCloud 8 does not have.
import type { Finding } from '../../model.ts';
import type { EffectiveAttribute } from '../../template/types.ts';
import { attributesEndingWith } from '../attributes.ts';
import { type RuleContext, stated } from './context.ts';
import { finding, where } from './finding.ts';

export function checkBrokerPort(ctx: RuleContext): Finding[] {
  if (!ctx.view || ctx.decision.version !== 8 || !stated(ctx.decision, 'cyclecloudVersion')) return [];
  const byLine = new Map<number, { attr: EffectiveAttribute; node: string }>();
  const nodes = [...(ctx.view.defaults ? [ctx.view.defaults] : []), ...ctx.view.nodes];
  for (const n of nodes) {
    for (const attr of attributesEndingWith(n.node, 'returnpath.brokerport')) {
      if (!byLine.has(attr.line)) byLine.set(attr.line, { attr, node: n.topo.name });
    }
  }
  return [...byLine.values()].map(({ attr, node }) =>
    finding(
      'CCN011',
      `${node} sets ReturnPath.BrokerPort (${where(attr)}), but CycleCloud 8 has no AMQP broker: the setting does nothing.`,
      { node, line: attr.line },
    ),
  );
}
