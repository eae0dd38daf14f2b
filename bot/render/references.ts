// Sources as Slack links (`<url|title>`, escaped), and citations beside the fact they support: `<url|[2]>` after a
// reason or a step, numbered as in the Sources list below it, so each one opens its page in one click.
import { isSourceTag, reference } from '../../knowledge/index.ts';
import type { Reference } from '../../knowledge/model.ts';
import { link } from '../slack/escape.ts';

export interface Citations {
  /** ` <url|[1]> <url|[3]>` for the tags among the listed references; '' when none is. */
  cite(tags: readonly string[] | undefined): string;
  /** The numbered Sources list the citations point into. */
  lines: string[];
}

export function numberedSources(refs: readonly Reference[]): Citations {
  const index = new Map(refs.map((r, i) => [r.source, i + 1]));
  return {
    cite(tags) {
      const cited = [...new Set(tags ?? [])].flatMap((tag) => {
        const n = index.get(tag);
        const ref = n !== undefined ? refs[n - 1] : undefined;
        return ref !== undefined && n !== undefined ? [link(ref.url, `[${n}]`)] : [];
      });
      return cited.length > 0 ? ` ${cited.join(' ')}` : '';
    },
    lines: refs.map((r, i) => `${i + 1}. ${link(r.url, r.title)}`),
  };
}

/** ` — Source: <url|title>` for a fact shown without a Sources list (a finding in the template reply). */
export function sourceLinks(tags: readonly string[] | undefined): string {
  const refs = [...new Set(tags ?? [])].filter(isSourceTag).map(reference);
  return refs.length > 0 ? ` — _Source:_ ${refs.map((r) => link(r.url, r.title)).join(' · ')}` : '';
}
