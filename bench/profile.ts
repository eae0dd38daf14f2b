// BENCH_PROFILE=<dir>: a CPU profile of each measured phase goes there, to see where its time goes.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

const PROFILE_DIR = process.env.BENCH_PROFILE;

/** Runs `run`, profiled into BENCH_PROFILE as `<name>-<time>.cpuprofile` when it is set; sampling every `intervalUs`. */
export async function profiled<T>(name: string, run: () => Promise<T>, intervalUs?: number): Promise<T> {
  if (PROFILE_DIR === undefined) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  if (intervalUs !== undefined) await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path.join(PROFILE_DIR, `${name}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
