// Template changes for the return proxy (KNOWLEDGE.md L3), written with the template's own names: the node to
// mark, a separate Linux [[node proxy]] for Windows or nodearray candidates, or the parameters to set.
import type { Snippet } from '../../model.ts';
import { attribute } from '../attributes.ts';
import type { Names } from '../names.ts';
import { publicIpAttribute } from '../node-facts.ts';
import type { ProxyPlan } from '../proxy-plan.ts';
import { effectiveProxies, type NodeView, type TemplateView } from '../view.ts';

const LINUX_IMAGE = 'cycle.image.ubuntu22';
const PROXY_MACHINE = 'Standard_D2s_v3';

export function proxyOnSnippets(
  plan: ProxyPlan | null,
  names: Names,
  os: 'linux' | 'windows' | undefined,
): Snippet[] {
  if (!plan) return [os === 'windows' ? separateNode(names, null, names.head) : genericProxy(names)];
  if (plan.kind === 'separate') {
    const off = plan.replaces && plan.replaces.topo.returnProxy === true ? plan.replaces : null;
    return [separateNode(names, off, null, plan.subnet)];
  }
  const params = new Map<string, boolean>();
  if (plan.kind === 'parameter') params.set(plan.parameter, true);
  const edits = plan.kind === 'promote' ? ['IsReturnProxy = true', `KeyPairLocation = ${names.keyPair}`] : [];
  const ipEdit =
    needsPublicIp(plan.node, params) || (plan.kind === 'promote' && !publicIpAttribute(plan.node.node));
  const snippets: Snippet[] = [];
  if (edits.length > 0 || ipEdit) {
    const name = plan.node.topo.name;
    snippets.push({
      title:
        plan.kind === 'promote'
          ? `Make ${name} the return proxy`
          : `Give the return proxy ${name} a public IP`,
      language: 'ini',
      code: nodeBlock(names.cluster, plan.node, edits, ipEdit),
    });
  }
  if (params.size > 0) snippets.push(parameterSnippet(names.cluster, params));
  return snippets;
}

/** Turning an unneeded proxy off: parameters where the flag comes from one, else `IsReturnProxy = false`. */
export function proxyOffSnippets(view: TemplateView | null, names: Names): Snippet[] {
  if (!view) return [];
  const params = new Map<string, boolean>();
  const blocks: string[] = [];
  for (const n of effectiveProxies(view)) {
    const param = attribute(n.node, 'isreturnproxy')?.params[0];
    if (param !== undefined) params.set(param, false);
    else blocks.push(`  [[${n.topo.kind} ${n.topo.name}]]\n  IsReturnProxy = false`);
  }
  const snippets: Snippet[] = [];
  if (blocks.length > 0) {
    snippets.push({
      title: 'Turn the return proxy off',
      language: 'ini',
      code: `[cluster ${names.cluster}]\n${blocks.join('\n\n')}`,
    });
  }
  if (params.size > 0) snippets.push(parameterSnippet(names.cluster, params));
  return snippets;
}

/**
 * Whether the node's template must change for it to get a public IP. A parameter behind AssociatePublicIpAddress
 * is set instead (added to `params`); an absent attribute is fine, a proxy gets a public IP automatically (NS).
 */
function needsPublicIp(n: NodeView, params: Map<string, boolean>): boolean {
  const attr = publicIpAttribute(n.node);
  const param = attr?.params[0];
  if (param !== undefined) {
    if (n.topo.publicIp !== true) params.set(param, true);
    return false;
  }
  return attr !== undefined && n.topo.publicIp !== true;
}

function nodeBlock(cluster: string, n: NodeView, edits: string[], publicIp: boolean): string {
  const lines = [
    `[cluster ${cluster}]`,
    `  [[${n.topo.kind} ${n.topo.name}]]`,
    ...edits.map((e) => `  ${e}`),
  ];
  if (publicIp) lines.push('', '    [[[network-interface eth0]]]', '    AssociatePublicIpAddress = true');
  return lines.join('\n');
}

function separateNode(
  names: Names,
  off: NodeView | null,
  windowsHead: string | null,
  subnet?: string | null,
): Snippet {
  const lines = [
    `[cluster ${names.cluster}]`,
    `  [[node ${names.proxyNode}]]`,
    '  IsReturnProxy = true',
    `  KeyPairLocation = ${names.keyPair}`,
    `  ImageName = ${LINUX_IMAGE}`,
    `  MachineType = ${PROXY_MACHINE}`,
  ];
  const subnetValue = subnet ?? names.subnet;
  if (subnetValue) lines.push(`  SubnetId = ${subnetValue}`);
  lines.push('', '    [[[network-interface eth0]]]', '    AssociatePublicIpAddress = true');
  if (off) lines.push('', `  [[${off.topo.kind} ${off.topo.name}]]`, '  IsReturnProxy = false');
  else if (windowsHead) lines.push('', `  # ${windowsHead} (Windows) stays IsReturnProxy = false`);
  return { title: 'A separate Linux return proxy node', language: 'ini', code: lines.join('\n') };
}

function genericProxy(names: Names): Snippet {
  const code = [
    `[cluster ${names.cluster}]`,
    '  [[node proxy]]',
    '  IsReturnProxy = true',
    `  KeyPairLocation = ${names.keyPair}`,
    `  ImageName = ${LINUX_IMAGE}`,
    `  MachineType = ${PROXY_MACHINE}`,
    '',
    '    [[[network-interface eth0]]]',
    '    AssociatePublicIpAddress = true',
  ].join('\n');
  return { title: 'Return proxy node (or put these lines on your Linux head node)', language: 'ini', code };
}

function parameterSnippet(cluster: string, params: Map<string, boolean>): Snippet {
  const values = JSON.stringify(Object.fromEntries(params));
  const code = [
    `# Parameters of cluster ${cluster}: set them in the cluster's settings (Advanced Settings) or in the`,
    '# parameters file given to `cyclecloud create_cluster ... -p <file>`',
    values,
  ].join('\n');
  return { title: 'Parameters to set', language: 'text', code };
}
