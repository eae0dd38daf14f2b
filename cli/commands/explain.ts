// `ccnet explain [topic | rule | question | "error text" | probe output | - | --file log]`: a log from stdin or a file
// is read whole (up to the input cap) and goes through the same matcher as a pasted message.

import type { Env } from '../../config/env.ts';
import { interpretProbe } from '../../knowledge/evidence/index.ts';
import { explain, listTopics, rulePage } from '../../knowledge/index.ts';
import { EXIT, usageError } from '../errors.ts';
import { formatBytes, MAX_INPUT_BYTES, readUserInput, STDIN_NAME } from '../read-input.ts';
import { renderExplanation, renderTopicList } from '../render/explain.ts';
import { renderProbe } from '../render/probe.ts';
import { painter, wantsColor } from '../render/text.ts';
import type { CliIO, ParsedCli } from '../run.ts';
import { wantsJson } from './situation-input.ts';

export async function runExplain(args: ParsedCli, io: CliIO, env: Env): Promise<number> {
  const color = wantsColor(io.stdout, env.color);
  const query = await readQuery(args, io);
  if (query === null) {
    const topics = listTopics();
    io.stdout.write(
      wantsJson(args) ? `${JSON.stringify(topics, null, 2)}\n` : renderTopicList(topics, color),
    );
    return EXIT.ok;
  }
  // Probe output (ccnet probe) is read link by link before the error-message matcher sees the text.
  const probe = interpretProbe(query);
  if (probe) {
    io.stdout.write(
      wantsJson(args) ? `${JSON.stringify(probe, null, 2)}\n` : renderProbe(probe, painter(color)),
    );
    return EXIT.ok;
  }
  const explanation = explain(query);
  // A rule id prints its page, the same text as docs/rules/CCNxxx.md.
  const page = explanation.kind === 'rule' ? rulePage(query.trim().toUpperCase()) : undefined;
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

/** The text to explain, or null for "list the topics". A log read from stdin or a file must hold something. */
async function readQuery(args: ParsedCli, io: CliIO): Promise<string | null> {
  const file = typeof args.values.file === 'string' ? args.values.file : undefined;
  const fromStdin = args.positionals.length === 1 && args.positionals[0] === STDIN_NAME;
  if (file !== undefined && args.positionals.length > 0) {
    throw usageError('give either --file <log> or the text to explain, not both');
  }
  if (file === undefined && !fromStdin) {
    const query = args.positionals.join(' ').trim();
    return query.length === 0 ? null : query;
  }
  const name = file ?? STDIN_NAME;
  const text = await readLog(io, name);
  if (text.trim().length === 0) {
    throw usageError(`${name === STDIN_NAME ? 'standard input' : name}: is empty; nothing to explain`);
  }
  return text;
}

async function readLog(io: CliIO, name: string): Promise<string> {
  try {
    return await readUserInput(io, name, MAX_INPUT_BYTES);
  } catch (error) {
    // The generic cap message asks "is it a template?"; for a log, say how to pass its end instead.
    if (error instanceof Error && /too large/.test(error.message)) {
      const what = name === STDIN_NAME ? 'standard input' : name;
      const example = name === STDIN_NAME ? 'jetpack.log' : name;
      throw usageError(
        `${what}: more than ${formatBytes(MAX_INPUT_BYTES)}; pass the end of the log instead, e.g. tail -n 2000 ${example} | ccnet explain -`,
      );
    }
    throw error;
  }
}
