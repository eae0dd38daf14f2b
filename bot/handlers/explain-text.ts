// Text someone asked ccnet to explain (`/ccnet explain …`, the message shortcut): probe output is read link by link
// before the error-message matcher sees it, as in a thread and in `ccnet explain`.
import { interpretProbe } from '../../knowledge/evidence/index.ts';
import { explain } from '../../knowledge/index.ts';
import type { Rendered } from '../render/blocks.ts';
import { renderEvidence } from '../render/evidence.ts';
import { renderExplanation } from '../render/explain.ts';

export function explainText(text: string, opts: { shareQuestion?: string } = {}): Rendered {
  const probe = interpretProbe(text);
  if (probe) {
    return renderEvidence({
      kind: 'evidence',
      sessionId: '',
      fileName: 'pasted probe output',
      kinds: ['probe'],
      learned: {},
      probe,
      notes: [],
    });
  }
  return renderExplanation(explain(text), opts);
}
