// What every listener gets: the flow runner, the thread index, dedupe memory, the audit log, the logger and the
// policy from env.

import type { Logger } from '@slack/bolt';
import type { DeliveryDedupe } from '../../flows/ports/delivery-dedupe.ts';
import type { ThreadIndex } from '../../flows/ports/thread-index.ts';
import type { FlowRunner } from '../../flows/runner.ts';
import type { AuditLog } from './audit.ts';
import { failureCode } from './errors.ts';
import type { WorkQueue } from './work-queue.ts';

export interface Policy {
  /** Channel ids the bot answers in; undefined means everywhere it is invited. */
  allowedChannels?: readonly string[];
  /** Hosts the bot token may be sent to for file downloads. */
  fileHosts: readonly string[];
  maxUploadBytes: number;
}

export interface Services {
  runner: FlowRunner;
  threads: ThreadIndex;
  /** Retried deliveries and double clicks; shared between replicas when Redis is configured. */
  seen: DeliveryDedupe;
  /** This process's own memory of deliveries, consulted only while `seen` cannot be reached. */
  seenHere: DeliveryDedupe;
  audit: AuditLog;
  /** The workspace the bot token belongs to (auth.test), for the audit log. */
  teamId: string;
  logger: Logger;
  botUserId: string;
  botToken: string;
  policy: Policy;
  /** How file downloads leave the process (through the proxy when one is set); the platform fetch when absent. */
  fetch?: typeof fetch;
  /** Where the slow part of a click runs after its ack. */
  work: WorkQueue;
}

/** Slack retries a delivery for minutes at most; a click's key also carries the session version. */
const DEDUPE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Whether this delivery (event id, click) is new; repeats are dropped.
 *
 * When the shared dedupe cannot be reached this rejects (after noting the key in process memory), and the caller
 * tells the person the state store is unavailable instead of acting. Why not act anyway: the sessions live in the
 * same Redis, so acting would fail too, and if it did not, a Slack retry landing on another replica could act a
 * second time. Why not treat the delivery as seen: the person would hear nothing. The note in process memory keeps
 * a retry reaching this replica from repeating the "unavailable" message.
 */
export async function firstDelivery(services: Services, key: string): Promise<boolean> {
  let first: boolean;
  try {
    first = await services.seen.firstTime(key, DEDUPE_WINDOW_MS);
  } catch (error) {
    services.logger.warn(`dedupe unavailable (${failureCode(error)}) for ${key.split(':')[0]}`);
    if (await services.seenHere.firstTime(key, DEDUPE_WINDOW_MS)) throw error;
    first = false;
  }
  if (!first) services.logger.debug(`repeat delivery dropped: ${key}`);
  return first;
}

/** Forgets a delivery whose handling failed, so the same click or event is handled when it comes again. */
export async function releaseDelivery(services: Services, key: string): Promise<void> {
  await Promise.allSettled([services.seen.release(key), services.seenHere.release(key)]);
}

export function channelAllowed(policy: Policy, channel: string): boolean {
  return policy.allowedChannels === undefined || policy.allowedChannels.includes(channel);
}
