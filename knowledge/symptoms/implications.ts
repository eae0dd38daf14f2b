// What a matched message and the address in it reveal: Situation facts (`implies`) and plain sentences.

import type { SourceTag } from '../facts/sources.ts';
import { ADDRESS_IMPLICATIONS, PORT_IMPLICATIONS, type SymptomFact } from '../facts/symptoms.ts';
import type { Situation } from '../model.ts';
import { type Extracted, isIpv4, isPrivateIpv4 } from './extract.ts';

export interface Implications {
  implies: Partial<Situation>;
  implications: string[];
  sources: SourceTag[];
}

const PROXY_PORTS = new Set([37140, 37141]);

export function implicationsOf(fact: SymptomFact, extracted: Extracted): Implications {
  const result: Implications = { implies: {}, implications: [], sources: [] };
  if (fact.nodeLink) result.implies.link = 'node-to-cyclecloud';
  const port = extracted.port;
  const byPort = PORT_IMPLICATIONS.find((p) => p.port === port);
  if (byPort) {
    if (byPort.cyclecloudVersion !== undefined) result.implies.cyclecloudVersion = byPort.cyclecloudVersion;
    add(result, byPort);
  }
  const host = extracted.host;
  if (host === undefined || !isIpv4(host)) return result;
  const isPrivate = isPrivateIpv4(host);
  if (fact.id === 'return-proxy-setup-failed') {
    add(result, isPrivate ? ADDRESS_IMPLICATIONS.privateProxyTarget : ADDRESS_IMPLICATIONS.publicProxyTarget);
  } else if (port === undefined || !PROXY_PORTS.has(port)) {
    if (fact.id === 'cyclecloud-connect-timeout' || fact.id === 'could-not-connect') {
      add(result, isPrivate ? ADDRESS_IMPLICATIONS.privateCycleCloud : ADDRESS_IMPLICATIONS.publicCycleCloud);
    }
  }
  return result;
}

function add(result: Implications, fact: { text: string; sources: readonly SourceTag[] }): void {
  result.implications.push(fact.text);
  result.sources.push(...fact.sources);
}
