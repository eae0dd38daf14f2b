// `ccnet verify-flow --evidence FILE… --flow SRC,DST,PORT[,tcp|udp]…`: each flow checked against the exports, in
// Azure's order, naming the rule that decides it. Exit 0 all allowed, 1 any denied or undetermined, 2 usage.
import type { Env } from '../../config/env.ts';
import {
  EvidenceIndex,
  fitTogether,
  flowRecord,
  parseFlowSpec,
  verifyFlowNamingMembers,
} from '../../knowledge/evidence/index.ts';
import { EXIT, usageError } from '../errors.ts';
import { readEvidenceFiles } from '../read-evidence.ts';
import { painter, wantsColor } from '../render/text.ts';
import { renderFlowVerdict } from '../render/verdicts.ts';
import type { CliIO, ParsedCli } from '../run.ts';
import { wantsJson } from './situation-input.ts';

export async function runVerifyFlow(args: ParsedCli, io: CliIO, env: Env): Promise<number> {
  const evidenceFiles = stringsOf(args.values.evidence);
  const flowTexts = stringsOf(args.values.flow);
  if (args.positionals.length > 0) {
    throw usageError(
      `unexpected "${args.positionals[0]?.slice(0, 40)}": give files with --evidence and flows with --flow`,
    );
  }
  if (evidenceFiles.length === 0)
    throw usageError('name at least one export with --evidence FILE (see ccnet collect)');
  if (flowTexts.length === 0) throw usageError('name at least one flow with --flow SRC,DST,PORT[,tcp|udp]');
  const flows = flowTexts.map((text) => {
    const parsed = parseFlowSpec(text);
    if (!parsed.ok) throw usageError(parsed.problem);
    return parsed.flow;
  });
  const { evidence, notes } = await readEvidenceFiles(io, evidenceFiles);
  const index = new EvidenceIndex(evidence);
  const verdicts = fitTogether(
    flows.map((flow) => {
      const v = verifyFlowNamingMembers(index, flow);
      if ('problem' in v)
        throw usageError(`--flow ${flow.source},${flow.destination},${flow.port}: ${v.problem}`);
      return v;
    }),
  );
  if (wantsJson(args)) {
    io.stdout.write(`${JSON.stringify(verdicts.map(flowRecord), null, 2)}\n`);
  } else {
    const paint = painter(wantsColor(io.stdout, env.color));
    io.stdout.write(verdicts.map((v) => renderFlowVerdict(v, paint)).join('\n'));
    for (const note of [...notes, ...index.duplicates]) io.stdout.write(`${paint('dim', `note: ${note}`)}\n`);
  }
  return verdicts.every((v) => v.verdict === 'allow') ? EXIT.ok : EXIT.findings;
}

function stringsOf(value: ParsedCli['values'][string]): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
