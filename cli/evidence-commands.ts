// The evidence commands (verify-flow, collect, probe) and the --evidence options check and diagnose share.

import type { Env } from '../config/env.ts';
import { ENDPOINT_FORMS } from '../knowledge/evidence/index.ts';
import type { CliIO, ParsedCli } from './run.ts';

const evidenceOption = { evidence: { type: 'string', multiple: true } } as const;

export const EVIDENCE_OPTIONS = {
  ...evidenceOption,
  cyclecloud: { type: 'string' },
  nodes: { type: 'string' },
} as const;

export const EVIDENCE_HELP = [
  'Evidence (read offline; ccnet never calls Azure):',
  '  --evidence FILE      an az … -o json export, a ccnet collect bundle or ccnet probe output (repeatable); the kind',
  '                       is read from the content. Facts it settles fill the situation, and every required',
  '                       connection is checked against it, with the rule that decides and a fix.',
  '  --cyclecloud WHERE   the CycleCloud server: IP, NIC or VM name (default: from a pasted error, a probe, or the one',
  '                       VM named *cycle*, said as a guess)',
  '  --nodes WHERE        the cluster nodes: a subnet (name, vnet/subnet, rg/vnet/subnet) or CIDR (default: the',
  "                       template's SubnetId)",
].join('\n');

const FLOW_HELP = [
  'Each --flow is SRC,DST,PORT[,tcp|udp] (tcp by default). SRC and DST may be:',
  `  ${ENDPOINT_FORMS}.`,
  'Flows are checked in Azure order: source NIC NSG, source subnet NSG (outbound), the route, destination subnet NSG,',
  'destination NIC NSG (inbound). The first deny decides; --format json prints one object per --flow, in order:',
  '  { verdict: allow|deny|unknown, hops: [{ nsg, attachedTo, direction, rule, priority, access }], route, reason, fix, notes }',
  'Readable evidence: az network vnet show|list, vnet peering list, nsg show|list, nsg rule list, nic show|list,',
  'nic list-effective-nsg, nic show-effective-route-table, route-table show|list (az shape or REST shape), ccnet collect',
  'bundles. Exit 0 every flow allowed, 1 any flow denied or undetermined, 2 usage error or unreadable evidence.',
].join('\n');

type Runner = (args: ParsedCli, io: CliIO, env: Env) => Promise<number>;

function lazy(load: () => Promise<Runner>): Runner {
  return async (args, io, env) => (await load())(args, io, env);
}

export const EVIDENCE_COMMANDS = {
  'verify-flow': {
    summary:
      'check flows against az exports (NSGs, NICs, VNets, routes): the verdict and the rule that decides',
    usage:
      'ccnet verify-flow --evidence FILE [--evidence FILE …] --flow SRC,DST,PORT[,tcp|udp] [--flow …] [--format text|json]',
    options: {
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...evidenceOption,
      flow: { type: 'string', multiple: true },
    },
    details: FLOW_HELP,
    json: 'an array with one object per --flow, in order',
    run: lazy(async () => (await import('./commands/verify-flow.ts')).runVerifyFlow),
  },
  collect: {
    summary:
      'print a read-only bash script of the az commands that gather the evidence ccnet reads into one file',
    usage:
      'ccnet collect [--template T] [--param Name=value]... [RESOURCE_GROUP | RG/VNET | RG/VNET/SUBNET | nic:RG/NIC | vm:RG/VM]...',
    options: {
      help: { type: 'boolean', short: 'h' },
      template: { type: 'string' },
      param: { type: 'string', multiple: true },
    },
    details:
      'Run the script where az is logged in (Cloud Shell works); it writes ccnet-evidence.json (or the file named as its\nfirst argument). --template adds the VNet and subnet the template SubnetId names. Only show/list verbs are used.',
    run: lazy(async () => (await import('./commands/collect.ts')).runCollect),
  },
  probe: {
    summary:
      'print a bash script to run on a node as the cyclecloud user; paste its ccnet-probe block back into ccnet',
    usage: 'ccnet probe [--cyclecloud https://HOST:PORT] [--storage ACCOUNT] [--proxy HOST]',
    options: {
      help: { type: 'boolean', short: 'h' },
      cyclecloud: { type: 'string' },
      storage: { type: 'string' },
      proxy: { type: 'string' },
    },
    details:
      "Without options the script asks jetpack for CycleCloud's URL and finds the storage account in the node's logs.\nIt tests CycleCloud's cluster port, the return proxy (37140), the storage locker (404 means reachable), IMDS,\nand prints the proxy variables (credentials masked), resolv.conf and the last jetpack.log errors.",
    run: lazy(async () => (await import('./commands/probe.ts')).runProbe),
  },
} as const;
