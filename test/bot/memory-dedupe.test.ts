import { MemoryDeliveryDedupe } from '../../stores/memory/dedupe.ts';
import { deliveryDedupeContract } from '../stores/delivery-dedupe.contract.ts';

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
