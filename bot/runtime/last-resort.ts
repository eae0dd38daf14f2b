// The last line of defence of a running bot: an error that escapes every handler (a library's rejected promise, a
// throw from a timer) is logged with a code and the process keeps serving. One bad request must never stop a bot
// that a whole team relies on; the supervisor restarting it would drop every listener in flight.
import type { Logger } from '@slack/bolt';

export function keepServingOnStrayErrors(logger: Logger, on: Pick<NodeJS.Process, 'on'> = process): void {
  on.on('unhandledRejection', (reason: unknown) => {
    logger.error(`[UNHANDLED_REJECTION] ${describe(reason)}`);
  });
  on.on('uncaughtException', (error: Error) => {
    logger.error(`[UNCAUGHT_EXCEPTION] ${describe(error)}`);
  });
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}\n${reason.stack ?? ''}`;
  return String(reason);
}
