// `SRC,DST,PORT[,tcp|udp]` as `ccnet verify-flow --flow` takes it.
import type { FlowSpec } from './verify.ts';

export type FlowParse = { ok: true; flow: FlowSpec } | { ok: false; problem: string };

const FORM = 'SRC,DST,PORT[,tcp|udp], e.g. 10.1.0.4,10.0.0.4,9443';

export function parseFlowSpec(text: string): FlowParse {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length < 3 || parts.length > 4) return { ok: false, problem: `--flow takes ${FORM}` };
  const [source = '', destination = '', portText = '', protocolText = 'tcp'] = parts;
  if (source === '' || destination === '')
    return { ok: false, problem: `--flow needs a source and a destination: ${FORM}` };
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    return { ok: false, problem: `--flow port must be 1-65535, not "${portText.slice(0, 20)}"` };
  }
  const protocol = protocolText.toLowerCase();
  if (protocol !== 'tcp' && protocol !== 'udp') {
    return { ok: false, problem: `--flow protocol is tcp or udp, not "${protocolText.slice(0, 20)}"` };
  }
  return { ok: true, flow: { source, destination, port: Number(portText), protocol } };
}
