// `ccnet collect [--template T] [names…]`: prints the read-only az script that gathers the evidence into one bundle.
import {
  type CollectTarget,
  collectScript,
  parseCollectTarget,
  templateSubnets,
} from '../../knowledge/evidence/index.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { EXIT, usageError } from '../errors.ts';
import { readUserInput } from '../read-input.ts';
import type { CliIO, ParsedCli } from '../run.ts';
import { readParams } from './situation-input.ts';

export async function runCollect(args: ParsedCli, io: CliIO): Promise<number> {
  const targets: CollectTarget[] = [];
  const comments: string[] = [];
  const templateFile = typeof args.values.template === 'string' ? args.values.template : undefined;
  if (templateFile) {
    const template = parseTemplate(await readUserInput(io, templateFile), {
      params: readParams(args),
    });
    const found = templateSubnets(template);
    for (const { value, nodes } of found.subnets) {
      const target = parseCollectTarget(value);
      if ('problem' in target || target.kind !== 'vnet' || !target.subnet) {
        comments.push(
          `${templateFile}: SubnetId "${value.replace(/[^\w./()-]/g, '?')}" (${nodes.join(', ')}) is not resource-group/vnet/subnet; name the VNet yourself`,
        );
        continue;
      }
      comments.push(`${templateFile}: nodes ${nodes.join(', ')} use subnet ${value}`);
      targets.push(target);
    }
    for (const { params, nodes } of found.unresolved) {
      comments.push(
        `${templateFile}: the subnet of ${nodes.join(', ')} comes from ${params.map((p) => `$${p}`).join(', ')}; pass --param ${params[0] ?? 'SubnetId'}=resource-group/vnet/subnet to collect it`,
      );
    }
  }
  for (const name of args.positionals) {
    const target = parseCollectTarget(name);
    if ('problem' in target) throw usageError(target.problem);
    targets.push(target);
  }
  if (targets.length === 0) {
    // A script that gathers nothing would only write an empty bundle: say what is missing instead.
    const why = comments.length > 0 ? `; ${comments.join('; ')}` : '';
    throw usageError(
      `name what to collect: a resource group, RG/VNET, RG/VNET/SUBNET, nic:RG/NIC or vm:RG/VM (or --template T)${why}`,
    );
  }
  io.stdout.write(collectScript({ targets: dedupe(targets), comments }));
  return EXIT.ok;
}

function dedupe(targets: CollectTarget[]): CollectTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = JSON.stringify(t).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
