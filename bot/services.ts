// What every listener gets: the flow runner, the thread index, dedupe memory, the logger and the policy from env.
import type { Logger } from '@slack/bolt';
import type { FlowRunner } from '../flows/runner.ts';
import type { RecentKeys } from './dedupe.ts';
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
  seen: RecentKeys;
  logger: Logger;
  botUserId: string;
  botToken: string;
  policy: Policy;
}

export function channelAllowed(policy: Policy, channel: string): boolean {
  return policy.allowedChannels === undefined || policy.allowedChannels.includes(channel);
}
