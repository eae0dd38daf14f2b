// Rate limits stall only the call Slack refused. The WebClient's own 429 handling pauses its whole request queue for
// the Retry-After, so one limited chat.postMessage held every reply in every thread; it is told to reject 429s
// instead (rejectRateLimitedCalls), and this fetch waits out Retry-After for that one request and sends it again, a
// bounded number of times. When the budget runs out the 429 goes back to the WebClient, which rejects with its
// rate-limited error, and the person reads the rate-limit hint. Each attempt has its own timeout, so waiting never
// eats the time of the attempt after it.

interface RateLimitRetryOptions {
  /** Resends after a 429; the last 429 is returned as is. */
  retries: number;
  /** A Retry-After longer than this is not waited for: the call fails at once with the rate-limit hint. */
  maxWaitMs: number;
  /** Time allowed to one attempt (request and response), not counting the waits between attempts. */
  attemptTimeoutMs: number;
}

const RATE_LIMIT_RETRY: RateLimitRetryOptions = {
  retries: 2,
  maxWaitMs: 30_000,
  attemptTimeoutMs: 15_000,
};

/** Seconds from a Retry-After header (Slack sends whole seconds); undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Number(header) * 1000;
}

function waitFor(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A body that can be sent twice (a stream cannot). */
function replayable(init: RequestInit | undefined): boolean {
  const body = init?.body;
  return body === undefined || body === null || !(body instanceof ReadableStream);
}

export function retryRateLimited(
  inner: typeof fetch,
  options: RateLimitRetryOptions = RATE_LIMIT_RETRY,
): typeof fetch {
  return async (input, init) => {
    const outer = init?.signal ?? undefined;
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(options.attemptTimeoutMs);
      const signal = outer !== undefined ? AbortSignal.any([outer, timeout]) : timeout;
      const response = await inner(input, { ...init, signal });
      if (response.status !== 429) return response;
      const wait = retryAfterMs(response.headers.get('retry-after'));
      if (attempt >= options.retries || wait === undefined || wait > options.maxWaitMs || !replayable(init)) {
        return response;
      }
      await response.body?.cancel();
      await waitFor(wait, outer);
    }
  };
}
