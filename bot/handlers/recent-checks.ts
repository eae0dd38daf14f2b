// A user's recent checks in words, for App Home.

import type { SessionRecord } from '../../flows/ports/session-store.ts';
import type { FlowRunner } from '../../flows/runner.ts';
import { optionTitle } from '../../knowledge/index.ts';
import type { RecentCheck } from '../render/home.ts';
import type { WebClient } from '../slack/post.ts';

function describeOutcome(record: SessionRecord): string {
  const o = record.outcome;
  if (o === undefined) return 'in progress';
  const issues = [
    o.errors > 0 ? `${o.errors} error${o.errors === 1 ? '' : 's'}` : '',
    o.warnings > 0 ? `${o.warnings} warning${o.warnings === 1 ? '' : 's'}` : '',
  ].filter((s) => s.length > 0);
  return `${optionTitle(o.option)}${issues.length > 0 ? ` (template: ${issues.join(', ')})` : ''}`;
}

export async function recentChecks(runner: FlowRunner, userId: string, limit = 10): Promise<RecentCheck[]> {
  const records = await runner.recent(userId, limit);
  return records.map((r) => ({
    channel: r.meta.channel,
    threadTs: r.meta.thread_ts,
    at: r.updatedAt,
    outcome: describeOutcome(r),
  }));
}

/** Each check with a link to its thread (chat.getPermalink); a check whose thread Slack cannot find has none. */
export async function withPermalinks(
  client: WebClient,
  checks: readonly RecentCheck[],
): Promise<RecentCheck[]> {
  return Promise.all(
    checks.map(async (check) => {
      if (check.channel === undefined || check.threadTs === undefined) return check;
      try {
        const found = await client.chat.getPermalink({ channel: check.channel, message_ts: check.threadTs });
        return typeof found.permalink === 'string' ? { ...check, permalink: found.permalink } : check;
      } catch {
        return check;
      }
    }),
  );
}
