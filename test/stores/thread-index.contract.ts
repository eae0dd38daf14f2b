// The behaviour every ThreadIndex must have (memory, file, Redis): run it with `threadIndexContract(name, make)`.
// Channels are unique per test, so a shared backend works too.
import { describe, expect, it } from 'vitest';
import type { ThreadIndex } from '../../flows/ports/thread-index.ts';

export type MakeThreadIndex = (options: { now: () => number }) => ThreadIndex | Promise<ThreadIndex>;

const HOUR = 60 * 60 * 1000;

let counter = 0;
function channel(): string {
  counter += 1;
  return `C${process.pid}X${Date.now().toString(36).toUpperCase()}X${counter}`;
}

export function threadIndexContract(
  name: string,
  make: MakeThreadIndex,
  elapse?: (ms: number) => Promise<void>,
) {
  describe(`ThreadIndex contract: ${name}`, () => {
    let clock = 1_000_000;
    const now = () => clock;
    const passes = async (ms: number) => {
      clock += ms;
      await elapse?.(ms);
    };

    it('finds the session of a thread it was told about, and nothing else', async () => {
      const index = await make({ now });
      const [ops, dev] = [channel(), channel()];
      await index.remember(ops, '1700000001.000100', 'sess-1', HOUR);
      expect(await index.lookup(ops, '1700000001.000100')).toBe('sess-1');
      expect(await index.lookup(ops, '1700000001.000200')).toBeNull();
      expect(await index.lookup(dev, '1700000001.000100')).toBeNull();
    });

    it('the latest session for a thread wins', async () => {
      const index = await make({ now });
      const c = channel();
      await index.remember(c, '1.2', 'old', HOUR);
      await index.remember(c, '1.2', 'new', HOUR);
      expect(await index.lookup(c, '1.2')).toBe('new');
    });

    it('forgets a thread once its time is up', async () => {
      const index = await make({ now });
      const c = channel();
      // A second: a stalled machine must not expire it between the two calls.
      await index.remember(c, '1.2', 'sess-1', 1_000);
      expect(await index.lookup(c, '1.2')).toBe('sess-1');
      await passes(1_000);
      expect(await index.lookup(c, '1.2')).toBeNull();
    });

    it('keeps threads apart, however alike their names look', async () => {
      const index = await make({ now });
      const c = channel();
      const pairs: [string, string][] = [
        [c, '1.2'],
        [`${c}_1`, '2'],
        [`${c}:1`, '2'],
        [c, '1.2 '],
        [`${c}/..`, '1.2'],
      ];
      for (const [i, [ch, ts]] of pairs.entries()) await index.remember(ch, ts, `sess-${i}`, HOUR);
      for (const [i, [ch, ts]] of pairs.entries()) expect(await index.lookup(ch, ts)).toBe(`sess-${i}`);
    });
  });
}
