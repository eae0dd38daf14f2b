// Sources as Slack links (`<url|title>`, escaped).
import type { Reference } from '../../knowledge/model.ts';
import { link } from '../slack/escape.ts';

function referenceText(r: Reference): string {
  return link(r.url, r.title);
}

export function referenceLines(refs: readonly Reference[]): string[] {
  return refs.map((r) => `• ${referenceText(r)}`);
}
