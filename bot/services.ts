// What every listener gets: the flow runner, the thread index, dedupe memory, the logger and the policy from env.
import type { Logger } from '@slack/bolt';
import type { DeliveryDedupe } from '../flows/dedupe.ts';
import type { FlowRunner } from '../flows/runner.ts';
import { failureCode } from './errors.ts';
import type { ThreadIndex } from './threads.ts';

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
  logger: Logger;
  botUserId: string;
  botToken: string;
  policy: Policy;
}

/** Slack retries a delivery for minutes at most; a click's key also carries the session version. */
export const DEDUPE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Whether this delivery (event id, click) is new. When the shared dedupe cannot be reached the delivery is handled:
 * a rare double reply beats a lost one.
 */
export async function firstDelivery(services: Services, key: string): Promise<boolean> {
  try {
    return await services.seen.firstTime(key, DEDUPE_WINDOW_MS);
  } catch (error) {
    services.logger.warn(`dedupe unavailable (${failureCode(error)}); handling ${key.split(':')[0]} anyway`);
    return true;
  }
}

export function channelAllowed(policy: Policy, channel: string): boolean {
  return policy.allowedChannels === undefined || policy.allowedChannels.includes(channel);
}
