// Per-node connectivity facts: return proxy flag, public IP and subnet, each with what it depends on.
import type { ResolvedNode } from '../template/types.ts';
import { attribute, booleanOf, interfaceAttributes, type TriState } from './attributes.ts';

/** IsReturnProxy under the parameters' defaults and overrides; absent means false. */
export function returnProxyOf(node: ResolvedNode): TriState {
  return booleanOf(attribute(node, 'isreturnproxy')) ?? false;
}

export function returnProxyParams(node: ResolvedNode): string[] {
  return [...(attribute(node, 'isreturnproxy')?.params ?? [])];
}

/**
 * Whether the node gets a public IP. An explicit AssociatePublicIpAddress (or a PublicIp resource) decides; absent,
 * only a return proxy gets one automatically (NS: "For return proxy nodes, if you don't specify
 * AssociatePublicIpAddress, the system automatically creates a public IP address").
 */
export function publicIpOf(node: ResolvedNode, returnProxy: TriState): TriState {
  const flags = interfaceAttributes(node, 'associatepublicipaddress').map((a) => booleanOf(a));
  const staticIp = interfaceAttributes(node, 'publicip').some(
    (a) => a.value.kind === 'string' && a.value.value !== '',
  );
  if (flags.includes(true) || staticIp) return true;
  if (flags.includes('depends')) return 'depends';
  if (flags.includes(false)) return false;
  return returnProxy;
}

/** The AssociatePublicIpAddress attribute that decides, if any, for messages and line numbers. */
export function publicIpAttribute(node: ResolvedNode) {
  return interfaceAttributes(node, 'associatepublicipaddress')[0];
}

/** The subnet as written when it is a `$Param`, else its value; null when the node names none. */
export function subnetOf(node: ResolvedNode): string | null {
  const a = attribute(node, 'subnetid');
  if (!a) return null;
  if (a.raw.startsWith('$') && !a.raw.startsWith('${')) return a.raw;
  if (a.value.kind === 'string') return a.value.value;
  return a.raw === '' ? null : a.raw;
}
