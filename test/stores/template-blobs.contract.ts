// The behaviour every TemplateBlobs must have (memory, file, Redis): run it with `templateBlobsContract(name, make)`.
// Keys are unique per test, so a shared backend works too. `elapse` lets real time pass for a backend with its own
// clock (Redis); the fake clock moves in every case. Times are a second or more, so a stalled machine does not expire
// a blob between two calls.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TemplateBlobs } from '../../flows/ports/template-blobs.ts';

export type MakeTemplateBlobs = (options: { now: () => number }) => TemplateBlobs | Promise<TemplateBlobs>;

const HOUR = 60 * 60 * 1000;
let counter = 0;
function key(): string {
  counter += 1;
  return createHash('sha256').update(`${process.pid}:${Date.now()}:${counter}`).digest('hex');
}

export function templateBlobsContract(
  name: string,
  make: MakeTemplateBlobs,
  elapse?: (ms: number) => Promise<void>,
): void {
  describe(`TemplateBlobs contract: ${name}`, () => {
    let clock = 1_000_000;
    const now = () => clock;
    const passes = async (ms: number) => {
      clock += ms;
      await elapse?.(ms);
    };

    it('gives back exactly the bytes stored, and nothing for an unknown key', async () => {
      const blobs = await make({ now });
      const k = key();
      const bytes = Uint8Array.from([0, 255, 10, 13, 0, 1, 2, 128]);
      await blobs.put(k, bytes, HOUR);
      expect(Buffer.from((await blobs.get(k)) ?? [])).toEqual(Buffer.from(bytes));
      expect(await blobs.get(key())).toBeNull();
    });

    it('refuses keys that are not a sha256 in hex, and finds nothing under them', async () => {
      const blobs = await make({ now });
      for (const bad of ['../escape', 'a'.repeat(63), 'A'.repeat(64), `${'a'.repeat(63)}/`, '']) {
        await expect(blobs.put(bad, Uint8Array.from([1]), HOUR)).rejects.toThrow(/sha256/);
        expect(await blobs.get(bad)).toBeNull();
        expect(await blobs.touch(bad, HOUR)).toBe(false);
      }
    });

    it('forgets a blob once its time is up', async () => {
      const blobs = await make({ now });
      const k = key();
      await blobs.put(k, Uint8Array.from([1, 2, 3]), 1_000);
      expect(await blobs.get(k)).not.toBeNull();
      await passes(1_000);
      expect(await blobs.get(k)).toBeNull();
      expect(await blobs.touch(k, HOUR)).toBe(false);
    });

    it('lets touch and a second put extend a blob, never shorten it', async () => {
      const blobs = await make({ now });
      const [touched, again] = [key(), key()];
      await blobs.put(touched, Uint8Array.from([1]), 1_500);
      await blobs.put(again, Uint8Array.from([2]), 1_500);
      await passes(1_000);
      expect(await blobs.touch(touched, 3_000)).toBe(true);
      await blobs.put(again, Uint8Array.from([2]), 3_000);
      await passes(1_000);
      expect(await blobs.get(touched)).not.toBeNull();
      expect(await blobs.get(again)).not.toBeNull();
      // Asking for less than is left changes nothing.
      expect(await blobs.touch(touched, 1)).toBe(true);
      await blobs.put(again, Uint8Array.from([2]), 1);
      await passes(500);
      expect(await blobs.get(touched)).not.toBeNull();
      expect(Buffer.from((await blobs.get(again)) ?? [])).toEqual(Buffer.from([2]));
    });
  });
}
