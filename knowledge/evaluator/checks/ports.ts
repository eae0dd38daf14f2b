// Ports against the situation: CCN008 (CycleCloud 7 ports on 8), CCN009 (7 without AMQP), CCN010 (a needed port
// blocked), CCN014 (HTTPS port not opened), CCN015 (one of CycleCloud 7's HTTPS ports blocked).
import { CC7_ONLY_PORTS, type PortFact, portFactsFor } from '../../facts/ports.ts';
import type { Finding } from '../../model.ts';
import type { EffectiveAttribute } from '../../template/types.ts';
import { attribute } from '../attributes.ts';
import { headNode } from '../proxy-plan.ts';
import { realNodes, type TemplateView } from '../view.ts';
import { type RuleContext, stated } from './context.ts';
import { finding, listNames, where } from './finding.ts';

export function checkPorts(ctx: RuleContext): Finding[] {
  if (ctx.path === 'user') return [];
  return [...unusedCc7Ports(ctx), ...missingAmqp(ctx), ...blockedRequired(ctx), ...missingHttps(ctx)];
}

/** Required flows grouped: each group is satisfied by any one of its ports. */
function requiredGroups(ctx: RuleContext): PortFact[][] {
  const groups = new Map<string, PortFact[]>();
  for (const f of portFactsFor(ctx.decision.version, ctx.path)) {
    const key = f.group ?? f.id;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()];
}

function unusedCc7Ports(ctx: RuleContext): Finding[] {
  const open = ctx.decision.facts.openPorts ?? [];
  if (ctx.decision.version !== 8 || !stated(ctx.decision, 'cyclecloudVersion')) return [];
  const unused = CC7_ONLY_PORTS.filter((p) => open.includes(p));
  if (unused.length === 0) return [];
  return [
    finding(
      'CCN008',
      `Port${unused.length > 1 ? 's' : ''} ${listNames(unused.map(String))} ${unused.length > 1 ? 'are' : 'is'} opened, but CycleCloud 8 has no AMQP broker: nothing listens there.`,
    ),
  ];
}

function missingAmqp(ctx: RuleContext): Finding[] {
  const open = ctx.decision.facts.openPorts;
  if (ctx.decision.version !== 7 || !open) return [];
  const port = ctx.path === 'proxy' ? 37141 : 5672;
  if (open.includes(port)) return [];
  const to = ctx.path === 'proxy' ? 'the return proxy' : 'CycleCloud';
  return [
    finding(
      'CCN009',
      `CycleCloud 7 nodes need AMQP on ${port} to ${to}, but ${port} is not among the opened ports.`,
      {
        fix: `Open TCP ${port} from the node subnet to ${to}.`,
      },
    ),
  ];
}

function blockedRequired(ctx: RuleContext): Finding[] {
  const blocked = ctx.decision.facts.blockedPorts ?? [];
  if (blocked.length === 0) return [];
  const findings: Finding[] = [];
  for (const group of requiredGroups(ctx)) {
    const hit = group.filter((f) => blocked.includes(f.port));
    if (hit.length === 0) continue;
    const first = hit[0];
    if (!first) continue;
    if (hit.length === group.length) {
      findings.push(blockedFinding(ctx, hit, first));
    } else {
      findings.push(
        finding(
          'CCN015',
          `Port ${first.port} is blocked; CycleCloud 7 nodes use ${listNames(group.map((f) => String(f.port)))}, whichever webServerClusterPort names.`,
        ),
      );
    }
  }
  return findings;
}

/** CCN010 in one sentence: the ports, what they carry, and the template line that places the end the rule goes on. */
function blockedFinding(ctx: RuleContext, hit: readonly PortFact[], first: PortFact): Finding {
  const ports = listNames(hit.map((f) => String(f.port)));
  const verb = hit.length > 1 ? `Ports ${ports} are` : `Port ${ports} is`;
  const needs = hit.length > 1 ? 'one of them' : 'it';
  // The destination's NSG takes the inbound rule, so its line is the one to show; else the source's.
  const placed = placementOf(ctx, first.to) ?? placementOf(ctx, first.from);
  return finding(
    'CCN010',
    `${verb} blocked, but the recommended path needs ${needs} for ${first.purpose}${placed ? `; ${placed.text}` : ''}.`,
    {
      ...(placed ? { node: placed.node, line: placed.line } : {}),
      fix: `Allow TCP ${first.port} from the ${first.from === 'nodes' ? 'node subnet' : 'CycleCloud server'} to the ${first.to === 'cyclecloud' ? 'CycleCloud server' : first.to === 'proxy' ? 'return proxy' : 'nodes'} in the NSG or firewall.`,
    },
  );
}

interface Placement {
  text: string;
  node: string;
  line: number;
}

/** Where the template puts one end of a connection (its subnet, the proxy, the head node), or null. */
function placementOf(ctx: RuleContext, end: PortFact['from']): Placement | null {
  const view = ctx.view;
  if (!view) return null;
  if (end === 'nodes') return nodesPlacement(view);
  if (end === 'proxy') return proxyPlacement(ctx);
  if (end !== 'primary') return null;
  const head = headNode(view);
  return head
    ? {
        text: `the head node is ${head.topo.name} (line ${head.node.line})`,
        node: head.topo.name,
        line: head.node.line,
      }
    : null;
}

/** The SubnetId the nodes are placed in: the NSG rule belongs on that subnet. */
function nodesPlacement(view: TemplateView): Placement | null {
  const seen = new Map<string, { attr: EffectiveAttribute; node: string }>();
  for (const n of realNodes(view)) {
    const attr = attribute(n.node, 'subnetid');
    if (attr && !seen.has(attr.raw)) seen.set(attr.raw, { attr, node: n.topo.name });
  }
  const subnets = [...seen.values()];
  const first = subnets[0];
  if (!first) return null;
  const shown = subnets.slice(0, 3).map(({ attr }) => `SubnetId = ${attr.raw} (${where(attr)})`);
  if (subnets.length > 3) shown.push(`${subnets.length - 3} more`);
  const text =
    subnets.length === 1
      ? `the nodes' subnet is ${shown.join('')}`
      : `the nodes' subnets are ${listNames(shown)}`;
  return { text, node: first.node, line: first.attr.line };
}

/** The return proxy the recommendation keeps or makes, at its IsReturnProxy line (or its header). */
function proxyPlacement(ctx: RuleContext): Placement | null {
  const plan = ctx.plan;
  if (!plan || plan.kind === 'separate') return null;
  const { topo, node } = plan.node;
  const attr = attribute(node, 'isreturnproxy');
  if (plan.kind === 'promote' || !attr)
    return {
      text: `the return proxy would be ${topo.name} (line ${node.line})`,
      node: topo.name,
      line: node.line,
    };
  return {
    text: `the return proxy is ${topo.name} (IsReturnProxy at ${where(attr)})`,
    node: topo.name,
    line: attr.line,
  };
}

function missingHttps(ctx: RuleContext): Finding[] {
  const open = ctx.decision.facts.openPorts;
  if (!open) return [];
  const https = requiredGroups(ctx).find((g) =>
    g.some((f) => f.from === 'nodes' && !CC7_ONLY_PORTS.includes(f.port)),
  );
  if (!https || https.some((f) => open.includes(f.port))) return [];
  // With the version assumed, CycleCloud 7's 443 may be the port meant: claim nothing then.
  if (!stated(ctx.decision, 'cyclecloudVersion') && ctx.path === 'direct' && open.includes(443)) return [];
  const ports = listNames(https.map((f) => String(f.port)));
  return [
    finding(
      'CCN014',
      `The opened ports do not include ${ports}, the port nodes use on the recommended path.`,
      {
        fix: `Open TCP ${ports} from the node subnet${ctx.path === 'proxy' ? ' to the return proxy' : ' to CycleCloud'}.`,
      },
    ),
  ];
}
