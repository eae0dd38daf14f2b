// The required flows of a decision, labelled with the template's names.

import { ROUTE_FACTS } from '../facts/options.ts';
import { ENDPOINT_LABELS, type Endpoint, type PortFact, portFactsFor } from '../facts/ports.ts';
import type { RequiredConnection } from '../model.ts';
import type { Decision } from './decide.ts';
import type { Names } from './names.ts';

export function flowFacts(d: Decision, names: Names): PortFact[] {
  const path = ROUTE_FACTS[d.route].path;
  const windows = names.windowsNodes || d.facts.proxyCandidateOs === 'windows';
  const facts = portFactsFor(d.version, path).filter((f) => f.to !== 'windows-nodes' || windows);
  return d.egress ? [...facts, ...portFactsFor(d.version, 'egress')] : facts;
}

export function requiredConnections(d: Decision, names: Names): RequiredConnection[] {
  return flowFacts(d, names).map((f) => ({
    from: label(f.from, d, names),
    to: label(f.to, d, names),
    port: f.port,
    protocol: f.protocol,
    purpose: f.purpose,
    ends: { from: f.from, to: f.to },
  }));
}

function label(e: Endpoint, d: Decision, names: Names): string {
  const known = (name: string) => !name.startsWith('<');
  switch (e) {
    case 'nodes':
      return known(names.cluster)
        ? `nodes of ${names.cluster}${names.subnet ? ` (${names.subnet})` : ''}`
        : 'cluster nodes';
    case 'proxy':
      return `${names.proxyNode} (return proxy)`;
    case 'primary':
      return known(names.head) ? `head node ${names.head}` : ENDPOINT_LABELS.primary;
    case 'cyclecloud':
      return d.facts.serverLocation === 'on-premises'
        ? 'CycleCloud server (on-premises)'
        : ENDPOINT_LABELS.cyclecloud;
    default:
      return ENDPOINT_LABELS[e];
  }
}
