// The nodes are named by their subnet, but Azure also applies the NSG on each VM's NIC (inbound: subnet then NIC,
// outbound: NIC then subnet; NSG_SEMANTICS ORDER_INBOUND/ORDER_OUTBOUND). So the NICs of the evidence in that subnet
// that have an NSG of their own are checked one by one: a NIC NSG that denies a required connection is not hidden
// behind the subnet's allow.
import { type Endpoint, nicEndpoint, resolveEndpoint } from './endpoints.ts';
import type { EvidenceIndex } from './evidence-index.ts';
import { idKey } from './fields.ts';
import type { Nic } from './types.ts';
import { type FlowSpec, type FlowVerdict, verifyEndpoints, verifyFlow } from './verify.ts';

/** NICs checked per subnet; a cluster's head nodes, far fewer than a scale set's instances. */
const MAX_MEMBERS = 100;

/**
 * `verify-flow` with an end written as a subnet: the verdict stays the subnet's (it stands for any VM in it), but a
 * NIC of the evidence in that subnet whose own NSG denies the flow is named in a note instead of the general caveat.
 */
export function verifyFlowNamingMembers(
  index: EvidenceIndex,
  flow: FlowSpec,
): FlowVerdict | { problem: string } {
  const v = verifyFlow(index, flow);
  if ('problem' in v || v.verdict === 'deny') return v;
  const src = index.memo(`endpoint|${flow.source}`, () => resolveEndpoint(index, flow.source));
  const dst = index.memo(`endpoint|${flow.destination}`, () => resolveEndpoint(index, flow.destination));
  if (!src.ok || !dst.ok) return v;
  const denials = memberDenials(index, flow, src.endpoint, dst.endpoint, undefined);
  if (denials.length === 0) return v;
  const named = denials.map(
    (d) => `NIC ${d.nic.name} in ${d.subnet.label} has its own NSG, which denies it: ${d.verdict.reason}`,
  );
  return {
    ...v,
    notes: [...named, ...v.notes.filter((n) => !n.includes('NSGs on individual NICs are not evaluated'))],
  };
}

export function verifyWithMembers(
  index: EvidenceIndex,
  flow: FlowSpec,
  src: Endpoint,
  dst: Endpoint,
  exclude: Nic | undefined,
): FlowVerdict {
  const whole = verifyEndpoints(index, flow, src, dst);
  if (whole.verdict === 'deny') return whole;
  const [first, ...more] = memberDenials(index, flow, src, dst, exclude);
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

interface MemberDenial {
  verdict: FlowVerdict;
  subnet: Endpoint;
  nic: Nic;
}

/** The flow checked for each NIC with an NSG of its own in either end's subnet: the ones that deny it. */
function memberDenials(
  index: EvidenceIndex,
  flow: FlowSpec,
  src: Endpoint,
  dst: Endpoint,
  exclude: Nic | undefined,
): MemberDenial[] {
  const denials: MemberDenial[] = [];
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
  return denials;
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
