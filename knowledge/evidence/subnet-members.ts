// The nodes are named by their subnet, but Azure also applies the NSG on each VM's NIC (inbound: subnet then NIC,
// outbound: NIC then subnet; NSG_SEMANTICS ORDER_INBOUND/ORDER_OUTBOUND). So the NICs of the evidence in that subnet
// that have an NSG of their own are checked one by one: a NIC NSG that denies a required connection is not hidden
// behind the subnet's allow.
import { type Endpoint, nicEndpoint } from './endpoints.ts';
import type { EvidenceIndex } from './evidence-index.ts';
import { idKey } from './fields.ts';
import type { Nic } from './types.ts';
import { type FlowSpec, type FlowVerdict, verifyEndpoints } from './verify.ts';

/** NICs checked per subnet; a cluster's head nodes, far fewer than a scale set's instances. */
const MAX_MEMBERS = 100;

export function verifyWithMembers(
  index: EvidenceIndex,
  flow: FlowSpec,
  src: Endpoint,
  dst: Endpoint,
  exclude: Nic | undefined,
): FlowVerdict {
  const whole = verifyEndpoints(index, flow, src, dst);
  if (whole.verdict === 'deny') return whole;
  const denials: Array<{ verdict: FlowVerdict; subnet: Endpoint; nic: Nic }> = [];
  for (const nic of members(index, src, exclude)) {
    const member = memberEndpoint(index, src, nic);
    const v = member && verifyEndpoints(index, { ...flow, source: nic.name }, member, dst);
    if (v?.verdict === 'deny') denials.push({ verdict: v, subnet: src, nic });
  }
  for (const nic of members(index, dst, exclude)) {
    const member = memberEndpoint(index, dst, nic);
    const v = member && verifyEndpoints(index, { ...flow, destination: nic.name }, src, member);
    if (v?.verdict === 'deny') denials.push({ verdict: v, subnet: dst, nic });
  }
  const [first, ...more] = denials;
  if (!first) return whole;
  const { verdict, subnet, nic } = first;
  const others = more.map((d) => d.nic.name);
  return {
    ...verdict,
    notes: [
      `${subnet.label} allows it, but NIC ${nic.name} in that subnet has its own NSG, which denies it: Azure applies both`,
      ...(others.length > 0 ? [`also denied by the NSG of NIC ${others.join(', NIC ')}`] : []),
      ...verdict.notes.filter((n) => !n.includes('NSGs on individual NICs are not evaluated')),
    ],
  };
}

/** The evidence's NICs in the subnet `e` stands for that carry an NSG of their own (attached or effective). */
function members(index: EvidenceIndex, e: Endpoint, exclude: Nic | undefined): Nic[] {
  if (!e.wholeSubnet || !e.subnetId) return [];
  const subnet = idKey(e.subnetId);
  const skip = exclude ? idKey(exclude.id) : undefined;
  return index.nics
    .filter(
      (n) =>
        idKey(n.id) !== skip &&
        n.ipConfigs.some((c) => c.subnetId !== undefined && idKey(c.subnetId) === subnet) &&
        (n.nsgId !== null ||
          (index.effectiveNsgFor(n)?.entries.some((x) => x.association.kind === 'nic') ?? false)),
    )
    .slice(0, MAX_MEMBERS);
}

function memberEndpoint(index: EvidenceIndex, e: Endpoint, nic: Nic): Endpoint | undefined {
  const subnet = idKey(e.subnetId ?? '');
  const config = nic.ipConfigs.find((c) => c.subnetId !== undefined && idKey(c.subnetId) === subnet);
  return config ? nicEndpoint(index, nic.name, nic, config, []) : undefined;
}
