// A verdict as plain JSON (FlowCheckSchema): what `ccnet verify-flow --format json` prints and a Diagnosis carries.
import type { FlowCheck } from '../model.ts';
import type { FlowVerdict } from './verify.ts';

export function flowRecord(v: FlowVerdict): FlowCheck {
  return {
    source: v.flow.source,
    destination: v.flow.destination,
    port: v.flow.port,
    protocol: v.flow.protocol,
    verdict: v.verdict,
    hops: v.hops.map((h) => ({
      nsg: h.nsg,
      attachedTo: h.attachedTo,
      direction: h.direction,
      rule: h.rule?.name ?? null,
      priority: h.rule?.priority ?? null,
      access: h.access,
    })),
    ...(v.route
      ? {
          route: {
            prefix: v.route.prefix,
            nextHopType: v.route.nextHopType,
            ...(v.route.nextHopIp ? { nextHopIp: v.route.nextHopIp } : {}),
            ...(v.route.name ? { name: v.route.name } : {}),
            origin: v.route.origin,
            from: v.route.from,
            effect: v.route.effect,
            reason: v.route.reason,
          },
        }
      : {}),
    reason: v.reason,
    ...(v.fix ? { fix: v.fix } : {}),
    notes: [...resolvedAs(v), ...v.notes, ...v.next.map((n) => `to settle it: ${n}`)],
  };
}

/** "scheduler is 10.1.0.4 (NIC scheduler-nic, …)", for the ends that resolved to more than they say. */
export function resolvedAs(v: FlowVerdict): string[] {
  const ends: Array<[string, string]> = [
    [v.flow.source, v.source],
    [v.flow.destination, v.destination],
  ];
  return ends
    .filter(([input, label]) => input !== label)
    .map(([input, label]) =>
      // "10.1.0.4 (NIC a, subnet v/s)" for input 10.1.0.4 says "10.1.0.4 is NIC a, subnet v/s".
      label.startsWith(`${input} (`) && label.endsWith(')')
        ? `${input} is ${label.slice(input.length + 2, -1)}`
        : `${input} is ${label}`,
    );
}
