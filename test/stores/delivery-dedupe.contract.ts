// The behaviour every DeliveryDedupe must have (in memory, Redis): run it with `deliveryDedupeContract(name, setup)`.
// Keys are unique per test, so a shared backend works too.
import { describe, expect, it } from 'vitest';
import type { DeliveryDedupe } from '../../flows/ports/delivery-dedupe.ts';

export interface DedupeSetup {
  /** Two clients of one shared dedupe, like two replicas (the same object twice for an in-process one). */
  clients: [DeliveryDedupe, DeliveryDedupe];
  /** Lets `ms` pass for the dedupe: a fake clock, or real time for a server that keeps its own. */
  elapse(ms: number): Promise<void>;
}

const HOUR = 60 * 60 * 1000;

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}:${process.pid}:${Date.now().toString(36)}:${counter}`;
}

export function deliveryDedupeContract(name: string, setup: () => DedupeSetup | Promise<DedupeSetup>): void {
  describe(`DeliveryDedupe contract: ${name}`, () => {
    it('handles a delivery the first time and recognises repeats, from any client', async () => {
      const { clients } = await setup();
      const [a, b] = clients;
      const key = unique('event');
      expect(await a.firstTime(key, HOUR)).toBe(true);
      expect(await a.firstTime(key, HOUR)).toBe(false);
      expect(await b.firstTime(key, HOUR)).toBe(false);
      expect(await b.firstTime(unique('other-event'), HOUR)).toBe(true);
    });

    it('handles a released key again at once, from any client (a delivery whose handling failed)', async () => {
      const { clients } = await setup();
      const [a, b] = clients;
      const key = unique('failed-click');
      expect(await a.firstTime(key, HOUR)).toBe(true);
      await a.release(key);
      expect(await b.firstTime(key, HOUR)).toBe(true);
      expect(await a.firstTime(key, HOUR)).toBe(false);
      await b.release(unique('never-seen'));
    });

    it('handles a key again once its window has passed', async () => {
      const { clients, elapse } = await setup();
      const [a, b] = clients;
      const key = unique('click');
      expect(await a.firstTime(key, 50)).toBe(true);
      await elapse(50);
      expect(await b.firstTime(key, 50)).toBe(true);
    });

    it('lets exactly one of many concurrent deliveries through', async () => {
      const { clients } = await setup();
      const key = unique('retry');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => clients[i % 2]?.firstTime(key, HOUR) ?? Promise.resolve(false)),
      );
      expect(results.filter((first) => first)).toHaveLength(1);
    });

    it('keeps keys apart, however alike they look', async () => {
      const { clients } = await setup();
      const base = unique('click');
      const keys = [base, `${base}:`, `${base} `, base.toUpperCase(), `${base}\n`, `${base}é`];
      for (const key of keys) expect(await clients[0].firstTime(key, HOUR)).toBe(true);
    });
  });
}
