// A node's probe output, read link by link, for the terminal.
import type { ProbeResult } from '../../knowledge/evidence/index.ts';
import { type Painter, painter } from './text.ts';

const MARK = { ok: 'ok', failed: 'FAILED', skipped: 'not tested' } as const;
const STYLE = { ok: 'green', failed: 'red', skipped: 'dim' } as const;

export function renderProbe(p: ProbeResult, paint: Painter = painter(false)): string {
  const head = `${paint('bold', 'Probe output')}${p.node ? ` from ${p.node}` : ''}${p.cyclecloudHost ? `: CycleCloud at ${p.cyclecloudHost}${p.cyclecloudPort ? `:${p.cyclecloudPort}` : ''}` : ''}${p.proxyInUse ? ', through a return proxy' : ''}`;
  const lines = p.links.map((l) => {
    const detail = l.detail.split('\n').join('\n      ');
    return `  ${paint(STYLE[l.status], MARK[l.status].padEnd(10))} ${l.label}${l.target ? ` (${l.target})` : ''}: ${detail}\n      ${l.meaning}`;
  });
  return `${[head, ...lines].join('\n')}\n`;
}
