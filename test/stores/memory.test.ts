// The shared store contracts, run against the in-memory implementations.
import { MemoryDeliveryDedupe } from '../../stores/memory/dedupe.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import { MemoryThreadIndex } from '../../stores/memory/thread-index.ts';
import { deliveryDedupeContract } from './delivery-dedupe.contract.ts';
import { sessionStoreContract } from './session-store.contract.ts';
import { templateBlobsContract } from './template-blobs.contract.ts';
import { threadIndexContract } from './thread-index.contract.ts';

sessionStoreContract('memory', ({ now }) => new MemorySessionStore({ now }));

threadIndexContract('memory', ({ now }) => new MemoryThreadIndex({ now }));

templateBlobsContract('memory', ({ now }) => new MemoryTemplateBlobs({ now }));

deliveryDedupeContract('memory', () => {
  let clock = 1_000_000;
  const dedupe = new MemoryDeliveryDedupe({ now: () => clock });
  return {
    clients: [dedupe, dedupe],
    elapse: async (ms) => {
      clock += ms;
    },
  };
});
