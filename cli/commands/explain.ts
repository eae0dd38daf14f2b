// `ccnet explain [topic | rule | "error text"]`.

import type { Env } from '../../config/env.ts';
import { interpretProbe } from '../../knowledge/evidence/index.ts';
import { explain, listTopics, rulePage } from '../../knowledge/index.ts';
import { EXIT } from '../errors.ts';
import { renderExplanation, renderTopicList } from '../render/explain.ts';
import { renderProbe } from '../render/probe.ts';
import { painter, wantsColor } from '../render/text.ts';
import type { CliIO, ParsedCli } from '../run.ts';
import { wantsJson } from './situation-input.ts';

export async function runExplain(args: ParsedCli, io: CliIO, env: Env): Promise<number> {
  const color = wantsColor(io.stdout, env.color);
  const query = await pastedText(args, io);
  // Probe output (ccnet probe) is read link by link before the error-message matcher sees the text.
  const probe = interpretProbe(query);
  if (probe) {
    io.stdout.write(
      wantsJson(args) ? `${JSON.stringify(probe, null, 2)}\n` : renderProbe(probe, painter(color)),
    );
    return EXIT.ok;
  }
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

/** The text to explain: the arguments, or stdin for `-` (capped like any input). */
async function pastedText(args: ParsedCli, io: CliIO): Promise<string> {
  const joined = args.positionals.join(' ').trim();
  if (joined !== '-') return joined;
  let text = '';
  for await (const chunk of io.stdin) {
    text += String(chunk);
    if (text.length > MAX_PASTE) break;
  }
  return text.slice(0, MAX_PASTE);
}

const MAX_PASTE = 256 * 1024;
