// `ccnet diagnose`: the recommendation for a situation, with an optional template and error message.

import type { Env } from '../../config/env.ts';
import { diagnose } from '../../knowledge/index.ts';
import { countSeverities } from '../../knowledge/model.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { EXIT } from '../errors.ts';
import { readUserInput } from '../read-input.ts';
import { renderDiagnosis } from '../render/diagnosis.ts';
import { wantsColor } from '../render/text.ts';
import type { CliIO, ParsedCli } from '../run.ts';
import { readEvidenceInput } from './evidence-input.ts';
import { readParams, readSituation, wantsJson } from './situation-input.ts';

export async function runDiagnose(args: ParsedCli, io: CliIO, env: Env): Promise<number> {
  const situation = await readSituation(args, io);
  const params = readParams(args);
  const templateFile = typeof args.values.template === 'string' ? args.values.template : undefined;
  const template = templateFile
    ? parseTemplate(await readUserInput(io, templateFile), { params })
    : undefined;
  const symptom = typeof args.values.symptom === 'string' ? args.values.symptom : undefined;
  const evidence = await readEvidenceInput(args, io);
  const diagnosis = diagnose({
    situation,
    ...(template && { template }),
    ...(symptom !== undefined && { symptom }),
    ...(evidence && { evidence }),
  });

  if (wantsJson(args)) {
    io.stdout.write(`${JSON.stringify(diagnosis, null, 2)}\n`);
  } else {
    io.stdout.write(
      renderDiagnosis(diagnosis, {
        color: wantsColor(io.stdout, env.color),
        ...(templateFile && { file: templateFile }),
      }),
    );
  }
  return countSeverities(diagnosis.findings).error > 0 ? EXIT.findings : EXIT.ok;
}
