// Scenario driver straight on the FlowRunner: what every adapter builds on.

import type { SessionStore } from '../../flows/ports/session-store.ts';
import { FlowRunner } from '../../flows/runner.ts';
import type { Reply } from '../../flows/types.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { replyText, type ScenarioDriver } from './scenarios.ts';

export function runnerDriver(makeStore: () => SessionStore = () => new MemorySessionStore()): ScenarioDriver {
  const seen: Reply[] = [];
  let runner: FlowRunner | null = null;
  let sessionId = '';
  return {
    async start(entry, profile) {
      runner = new FlowRunner({
        templates: new MemoryTemplateBlobs(),
        store: makeStore(),
        ...(profile ? { profile } : {}),
      });
      const started = await runner.start({ owner: 'scenario', ...(entry ? { entry } : {}) });
      sessionId = started.sessionId;
      seen.push(...started.replies);
      return started.replies;
    },
    async send(event) {
      if (!runner) throw new Error('start() first');
      const { replies } = await runner.send(sessionId, event, { actor: 'U_SCENARIO' });
      seen.push(...replies);
      return replies;
    },
    transcript: () => replyText(seen),
  };
}
