// `ccnet explain [topic | rule | "error text"]`.

import type { Env } from '../../config/env.ts';
import { explain, listTopics, rulePage } from '../../knowledge/index.ts';
import { EXIT } from '../errors.ts';
import { renderExplanation, renderTopicList } from '../render/explain.ts';
import { wantsColor } from '../render/text.ts';
import type { CliIO, ParsedCli } from '../run.ts';
import { wantsJson } from './situation-input.ts';

export async function runExplain(args: ParsedCli, io: CliIO, env: Env): Promise<number> {
  const color = wantsColor(io.stdout, env.color);
  const query = args.positionals.join(' ').trim();
  if (query.length === 0) {
    const topics = listTopics();
    io.stdout.write(
      wantsJson(args) ? `${JSON.stringify(topics, null, 2)}\n` : renderTopicList(topics, color),
    );
    return EXIT.ok;
  }
  const explanation = explain(query);
  // A rule id prints its page, the same text as docs/rules/CCNxxx.md.
  const page = explanation.kind === 'rule' ? rulePage(query.toUpperCase()) : undefined;
  if (page && !wantsJson(args)) {
    io.stdout.write(page);
    return EXIT.ok;
  }
  if (wantsJson(args)) {
    io.stdout.write(`${JSON.stringify(explanation, null, 2)}\n`);
  } else {
    io.stdout.write(renderExplanation(explanation, color));
  }
  return EXIT.ok;
}
