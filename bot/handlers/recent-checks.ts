// A user's recent checks in words, for App Home.

import type { SessionRecord } from '../../flows/ports/session-store.ts';
import type { FlowRunner } from '../../flows/runner.ts';
import { optionTitle } from '../../knowledge/index.ts';
import type { RecentCheck } from '../render/home.ts';

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
  return records.map((r) => ({ channel: r.meta.channel, at: r.updatedAt, outcome: describeOutcome(r) }));
}
