// GET /readyz: whether this replica can serve a check now, for a load balancer to stop sending to one that cannot.
// /healthz stays liveness (the process answers); readiness asks the session store and, in Socket Mode, the socket.
import type { ServerResponse } from 'node:http';

export const READY_PATH = '/readyz';
/** A store that does not answer a readiness probe in this long counts as not ready. */
const PROBE_TIMEOUT_MS = 2000;

/** One named check: resolves to null when fine, or to the reason it is not. */
export type ReadinessCheck = () => Promise<string | null>;

async function readinessReasons(checks: readonly ReadinessCheck[]): Promise<string[]> {
  const results = await Promise.all(checks.map((check) => withTimeout(check())));
  return results.filter((reason): reason is string => reason !== null);
}

export async function writeReadiness(res: ServerResponse, checks: readonly ReadinessCheck[]): Promise<void> {
  const reasons = await readinessReasons(checks);
  res.writeHead(reasons.length === 0 ? 200 : 503, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(reasons.length === 0 ? { status: 'ready' } : { status: 'not ready', reasons }));
}

async function withTimeout(check: Promise<string | null>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${PROBE_TIMEOUT_MS} ms`), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      check.catch((error: unknown) => (error as Error).message ?? String(error)),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
