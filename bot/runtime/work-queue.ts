// The slow part of a click (restore, transition, persist, Web API calls) runs after the ack through a queue of bounded
// concurrency, each task started from setImmediate. Requests that arrive meanwhile are then read, verified and acked
// first instead of waiting behind every click in flight: under a burst, or on a replica that just started, acks stay
// within Slack's 3 s while the work drains behind them.
export interface WorkQueue {
  /** Schedules `task`; resolves once it is queued (or, inline, once it is done). */
  run(task: () => Promise<void>): Promise<void>;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
}

/** Work done before the listener returns: for hosts that answer Slack only after it (processBeforeResponse). */
export function inlineWork(): WorkQueue {
  return { run: (task) => task(), idle: async () => {} };
}

export function boundedWork(limit: number, onError: (error: unknown) => void): WorkQueue {
  const waiting: Array<() => Promise<void>> = [];
  const idlers: Array<() => void> = [];
  let running = 0;
  const pump = (): void => {
    while (running < limit && waiting.length > 0) {
      const task = waiting.shift();
      if (task === undefined) break;
      running += 1;
      setImmediate(() => {
        task()
          .catch(onError)
          .finally(() => {
            running -= 1;
            pump();
          });
      });
    }
    if (running === 0 && waiting.length === 0) for (const resolve of idlers.splice(0)) resolve();
  };
  return {
    run: async (task) => {
      waiting.push(task);
      pump();
    },
    idle: () =>
      running === 0 && waiting.length === 0
        ? Promise.resolve()
        : new Promise((resolve) => idlers.push(resolve)),
  };
}
