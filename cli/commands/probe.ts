// `ccnet probe`: prints the node-side probe script (knowledge/evidence/probe-script.ts).
import { probeOptionProblem, probeScript } from '../../knowledge/evidence/index.ts';
import { EXIT, usageError } from '../errors.ts';
import type { CliIO, ParsedCli } from '../run.ts';

export async function runProbe(args: ParsedCli, io: CliIO): Promise<number> {
  if (args.positionals.length > 0)
    throw usageError('probe takes no arguments, only --cyclecloud, --storage and --proxy');
  const text = (key: string) =>
    typeof args.values[key] === 'string' ? (args.values[key] as string) : undefined;
  const options = {
    ...(text('cyclecloud') ? { cyclecloudUrl: text('cyclecloud') } : {}),
    ...(text('storage') ? { storageAccount: text('storage') } : {}),
    ...(text('proxy') ? { proxyHost: text('proxy') } : {}),
  };
  const problem = probeOptionProblem(options);
  if (problem) throw usageError(problem);
  io.stdout.write(probeScript(options));
  return EXIT.ok;
}
