// Decision step 3: which node should be the return proxy. An existing Linux proxy stays; a parameter-controlled
// flag is switched by its parameter; otherwise the head node; a Windows or nodearray candidate gets a separate
// Linux [[node proxy]] (as HPC Pack templates do).
import type { Situation } from '../model.ts';
import { parameterName } from './attributes.ts';
import { effectiveProxies, type NodeView, realNodes, type TemplateView } from './view.ts';

export type ProxyPlan =
  | { kind: 'existing'; node: NodeView }
  | { kind: 'parameter'; node: NodeView; parameter: string }
  | { kind: 'promote'; node: NodeView }
  | {
      kind: 'separate';
      name: string;
      reason: 'windows' | 'nodearray' | 'no-node';
      replaces: NodeView | null;
      subnet: string | null;
    };

const HEAD_NODE_NAMES = [
  'scheduler',
  'master',
  'head',
  'headnode',
  'hn',
  'primary',
  'manager',
  'server',
  'proxy',
];

export function planProxy(view: TemplateView, os: Situation['proxyCandidateOs']): ProxyPlan {
  const existing = effectiveProxies(view)[0];
  if (existing) return keepOrSeparate(view, existing, { kind: 'existing', node: existing }, os);
  const controlled = realNodes(view).find(
    (n) => n.topo.returnProxyParams.length > 0 && n.topo.returnProxy !== 'depends',
  );
  const parameter = controlled?.topo.returnProxyParams[0];
  if (controlled && parameter !== undefined) {
    const plan: ProxyPlan = {
      kind: 'parameter',
      node: controlled,
      parameter: parameterName(view.template, parameter),
    };
    return keepOrSeparate(view, controlled, plan, os);
  }
  const head = headNode(view);
  if (!head) return separate(view, 'no-node', null);
  return keepOrSeparate(view, head, { kind: 'promote', node: head }, os);
}

/** The node a user would call the head node: by name, else the first persistent node. */
export function headNode(view: TemplateView): NodeView | undefined {
  const nodes = realNodes(view).filter((n) => n.topo.kind === 'node');
  return nodes.find((n) => HEAD_NODE_NAMES.includes(n.topo.name.toLowerCase())) ?? nodes[0];
}

/** OS of the candidate: the template's reading, else what the situation says about the candidate. */
function candidateOs(n: NodeView, os: Situation['proxyCandidateOs']): 'linux' | 'windows' | 'unknown' {
  return n.topo.os !== 'unknown' ? n.topo.os : (os ?? 'unknown');
}

function keepOrSeparate(
  view: TemplateView,
  n: NodeView,
  plan: ProxyPlan,
  os: Situation['proxyCandidateOs'],
): ProxyPlan {
  if (n.topo.kind === 'nodearray') return separate(view, 'nodearray', n);
  if (candidateOs(n, os) === 'windows') return separate(view, 'windows', n);
  return plan;
}

function separate(
  view: TemplateView,
  reason: 'windows' | 'nodearray' | 'no-node',
  replaces: NodeView | null,
): ProxyPlan {
  const subnet = replaces?.topo.subnet ?? headNode(view)?.topo.subnet ?? view.defaults?.topo.subnet ?? null;
  return { kind: 'separate', name: freeName(view), reason, replaces, subnet };
}

function freeName(view: TemplateView): string {
  const taken = new Set(view.nodes.map((n) => n.topo.name.toLowerCase()));
  if (!taken.has('proxy')) return 'proxy';
  for (let i = 1; ; i++) {
    const name = i === 1 ? 'returnproxy' : `returnproxy${i}`;
    if (!taken.has(name)) return name;
  }
}
