// `ccnet verify-flow` as a user drives it: the exact interface, JSON shape, hop order, exit codes.
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlowCheckSchema } from '../../knowledge/model.ts';
import { ccnet } from '../support/cli-io.ts';
import { FIXTURES, fixture, inboundRule, loneNsgJson, toRestShape } from './support.ts';

const evidence = (...names: string[]) => names.flatMap((n) => ['--evidence', path.join(FIXTURES, n)]);
const PEERED = evidence('peered/vnet-list.json', 'peered/nsg-list.json', 'peered/nic-list.json');

describe('ccnet verify-flow', () => {
  it('prints one JSON object per --flow, in order, with hops in Azure order stopping at the first deny', async () => {
    const r = await ccnet([
      'verify-flow',
      ...PEERED,
      '--flow',
      '10.1.0.4,10.0.1.4,9443',
      '--flow',
      '10.0.1.4,10.1.0.4,22,tcp',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as unknown[];
    expect(out).toHaveLength(2);
    const [denied, allowed] = out.map((o) => FlowCheckSchema.parse(o));
    expect(denied).toMatchObject({
      verdict: 'deny',
      source: '10.1.0.4',
      destination: '10.0.1.4',
      port: 9443,
    });
    expect(denied?.hops).toEqual([
      {
        nsg: 'compute-nsg',
        attachedTo: 'subnet compute',
        direction: 'outbound',
        rule: 'AllowVnetOutBound',
        priority: 65000,
        access: 'allow',
      },
      {
        nsg: 'cc-subnet-nsg',
        attachedTo: 'subnet cyclecloud',
        direction: 'inbound',
        rule: 'AllowNodesToCycleCloud',
        priority: 130,
        access: 'allow',
      },
      {
        nsg: 'cyclecloud-nsg',
        attachedTo: 'nic cyclecloud-nic',
        direction: 'inbound',
        rule: 'DenyAllOtherInbound',
        priority: 4096,
        access: 'deny',
      },
    ]);
    expect(denied?.route).toMatchObject({
      prefix: '10.0.0.0/16',
      nextHopType: 'VNetPeering',
      effect: 'deliver',
    });
    expect(denied?.fix).toBe(
      "az network nsg rule create -g cc-rg --nsg-name cyclecloud-nsg -n ccnet-allow-tcp-9443 --priority 4095 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes 10.1.0.4 --source-port-ranges '*' --destination-address-prefixes 10.0.1.4 --destination-port-ranges 9443",
    );
    expect(allowed?.verdict).toBe('allow');
    expect(allowed?.hops.map((h) => `${h.attachedTo} ${h.direction}`)).toEqual([
      'nic cyclecloud-nic outbound',
      'subnet cyclecloud outbound',
      'subnet compute inbound',
    ]);
    expect(allowed?.hops.at(-1)).toMatchObject({ rule: 'AllowCycleCloudSsh', priority: 200 });
  });

  it('exits 0 when every flow is allowed, and prints one line per flow then the deciding rule', async () => {
    const r = await ccnet([
      'verify-flow',
      ...PEERED,
      '--flow',
      'cyclecloud-nic,scheduler,22',
      '--flow',
      'hpc-vnet/compute,Storage,443',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^cyclecloud-nic -> scheduler tcp\/22: ALLOW {2}allowed by /);
    expect(lines[1]).toBe(
      '  deciding rule: compute-nsg (subnet compute) inbound AllowCycleCloudSsh (priority 200): allow',
    );
    expect(r.stdout).toMatch(/^hpc-vnet\/compute -> Storage tcp\/443: ALLOW .*AllowStorageOutbound/m);
    expect(r.stdout).toContain('route Storage -> VirtualNetworkServiceEndpoint');
  });

  it('says which rule denies and how to fix it, in text', async () => {
    const r = await ccnet(['verify-flow', ...PEERED, '--flow', 'hpc-vnet/compute,Internet,80']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^hpc-vnet\/compute -> Internet tcp\/80: DENY {2}denied by compute-nsg \(subnet compute\) outbound rule DenyInternetOutbound \(priority 4000\)/,
    );
    expect(r.stdout).toContain(
      '  fix: az network nsg rule create -g hpc-rg --nsg-name compute-nsg -n ccnet-allow-tcp-80 --priority 3999 --direction Outbound',
    );
  });

  it('reads the REST shape and the az shape to the same JSON verdicts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-rest-'));
    const files = ['peered/vnet-list.json', 'peered/nsg-list.json', 'peered/nic-list.json'].map((name, i) => {
      const file = path.join(dir, `rest-${i}.json`);
      writeFileSync(file, JSON.stringify(toRestShape(JSON.parse(fixture(name)))));
      return file;
    });
    const flows = [
      '--flow',
      '10.1.0.4,10.0.1.4,9443',
      '--flow',
      'scheduler,cyclecloud-nic,443',
      '--flow',
      '10.0.1.4,10.1.0.5,22',
    ];
    const az = await ccnet(['verify-flow', ...PEERED, ...flows, '--format', 'json']);
    const rest = await ccnet([
      'verify-flow',
      ...files.flatMap((f) => ['--evidence', f]),
      ...flows,
      '--format',
      'json',
    ]);
    expect(rest.stdout).toBe(az.stdout);
  });

  it('exits 2 with one line for a bad flow, an unknown name, a missing or unreadable evidence file', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--flow', '10.0.0.1,10.0.0.2'], /--flow takes SRC,DST,PORT\[,tcp\|udp\]/],
      [['--flow', '10.0.0.1,10.0.0.2,99999'], /port must be 1-65535/],
      [['--flow', '10.0.0.1,10.0.0.2,22,icmp'], /protocol is tcp or udp/],
      [
        ['--flow', 'no-such-vm,10.0.1.4,22'],
        /source: "no-such-vm" is not an IP address or CIDR, a NIC, VM or subnet name/,
      ],
      [['--flow', 'cyclecloud,10.1.0.4,22'], /names several things in the evidence/],
    ];
    for (const [args, message] of cases) {
      const r = await ccnet(['verify-flow', ...PEERED, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const missing = await ccnet(['verify-flow', '--evidence', 'nope.json', '--flow', 'a,b,1']);
    expect(missing).toMatchObject({ code: 2, stderr: 'ccnet verify-flow: nope.json: no such file\n' });
    const notEvidence = await ccnet([
      'verify-flow',
      '--evidence',
      path.resolve('package.json'),
      '--flow',
      'a,b,1',
    ]);
    expect(notEvidence.code).toBe(2);
    expect(notEvidence.stderr).toMatch(
      /not an evidence export ccnet reads \(expected the JSON of az network vnet show/,
    );
    const noFlow = await ccnet(['verify-flow', ...PEERED]);
    expect(noFlow).toMatchObject({ code: 2 });
  });

  it('with one NSG and nothing else, applies it to the destination and says that is an assumption', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-lone-'));
    const file = path.join(dir, 'nsg.json');
    writeFileSync(file, JSON.stringify((JSON.parse(fixture('peered/nsg-list.json')) as unknown[])[0]));
    const r = await ccnet([
      'verify-flow',
      '--evidence',
      file,
      '--flow',
      '8.8.8.8,10.0.1.4,22',
      '--flow',
      '10.1.0.4,10.0.1.4,22',
      '--format',
      'json',
    ]);
    const [internet, vnet] = JSON.parse(r.stdout) as Array<{
      verdict: string;
      reason: string;
      hops: Array<{ attachedTo: string }>;
      notes: string[];
    }>;
    expect(internet).toMatchObject({ verdict: 'deny', hops: [{ attachedTo: 'subnet cyclecloud' }] });
    expect(internet?.notes.join(' ')).toMatch(
      /cc-subnet-nsg, its only NSG, was applied to traffic into 10\.0\.1\.4 \(an assumption\)/,
    );
    expect(vnet?.verdict).toBe('unknown');
    expect(vnet?.reason).toMatch(/depends on service tag VirtualNetwork/);
    expect(vnet?.notes.join(' ')).toMatch(/to settle it: az network vnet show -g cc-rg/);
  });

  it('reads a UTF-16 file as Windows PowerShell writes it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-utf16-'));
    const file = path.join(dir, 'vnet.json');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture('initiated/hpc-vnet.json'), 'utf16le')]),
    );
    const r = await ccnet([
      'verify-flow',
      '--evidence',
      file,
      '--flow',
      '10.1.0.4,10.0.1.4,9443',
      '--format',
      'json',
    ]);
    const [v] = JSON.parse(r.stdout) as Array<{ verdict: string; reason: string }>;
    expect(v?.verdict).toBe('deny');
    expect(v?.reason).toMatch(/peering hpc-to-cc to cc-vnet is Initiated/);
  });

  it('documents what SRC and DST may be in --help', async () => {
    const r = await ccnet(['verify-flow', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'ccnet verify-flow --evidence FILE [--evidence FILE …] --flow SRC,DST,PORT[,tcp|udp] [--flow …]',
    );
    expect(r.stdout).toMatch(/a NIC, VM or subnet name from the evidence/);
    expect(r.stdout).toMatch(/service tag \(Internet, Storage/);
    expect(r.stdout).toMatch(/Exit 0 every flow allowed, 1 any flow denied or undetermined, 2 usage error/);
  });
});

describe('ccnet verify-flow with one NSG exported alone', () => {
  it('does not put it in front of a service: traffic to Storage is not denied by an inbound rule', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-lone-'));
    const file = path.join(dir, 'nsg.json');
    writeFileSync(file, loneNsgJson('cc-nsg', [inboundRule('DenyAll', 4000)]));
    const r = await ccnet([
      'verify-flow',
      '--evidence',
      file,
      '--flow',
      '10.1.0.4,10.0.1.4,9443',
      '--flow',
      '10.1.0.4,Storage,443',
      '--format',
      'json',
    ]);
    const [toVm, toStorage] = (JSON.parse(r.stdout) as unknown[]).map((o) => FlowCheckSchema.parse(o));
    expect(toVm?.verdict).toBe('deny');
    expect(toStorage?.verdict).toBe('unknown');
    expect(toStorage?.hops).toEqual([]);
  });
});

describe('ccnet verify-flow on files that are not evidence', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-hostile-'));
  const run = (file: string) => ccnet(['verify-flow', '--evidence', file, '--flow', '10.0.0.1,10.0.0.2,22']);

  it('names a binary file as binary, in one line', async () => {
    const file = path.join(dir, 'export.json');
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x7b, 0x22]));
    const r = await run(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ccnet verify-flow: ${file}: a binary file, not the JSON az … -o json prints\n`);
  });

  it('caps a huge file before reading it, saying how to export less (it is not a template)', async () => {
    const file = path.join(dir, 'huge.json');
    writeFileSync(file, '');
    truncateSync(file, 33 * 1024 * 1024);
    const r = await run(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `ccnet verify-flow: ${file}: 33.0 MB is too large (limit 32.0 MB); export fewer resources per file (e.g. one resource group at a time)\n`,
    );
  });

  it('never echoes control characters from a file: a name with ESC or a newline is shown escaped, on its line', async () => {
    const file = path.join(dir, 'evil.json');
    writeFileSync(
      file,
      loneNsgJson('evil\u001b[2J\nline2', [inboundRule('Deny\u001b]0;pwned\u0007All', 4000)]),
    );
    const r = await run(file);
    expect(r.code).toBe(1);
    const controls = [...r.stdout].filter((c) => c !== '\n' && (c < ' ' || c === '\u007f'));
    expect(controls).toEqual([]);
    const [first] = r.stdout.split('\n');
    expect(first).toContain('denied by evil\\u001b[2J\\u000aline2');
    expect(first).toContain('rule Deny\\u001b]0;pwned\\u0007All (priority 4000)');
  });

  it('says what an IP resolved to without repeating the IP', async () => {
    const r = await ccnet(['verify-flow', ...PEERED, '--flow', '10.1.0.4,10.0.1.4,9443']);
    expect(r.stdout).toContain('  10.1.0.4 is NIC scheduler-nic, subnet hpc-vnet/compute\n');
    expect(r.stdout).not.toContain('10.1.0.4 is 10.1.0.4');
  });
});

describe('ccnet verify-flow with several denied flows', () => {
  it('gives fixes that can all be run: one NSG and direction never gets two rules at one priority or name', async () => {
    const r = await ccnet([
      'verify-flow',
      ...PEERED,
      '--flow',
      '10.1.0.4,10.0.1.4,9443',
      '--flow',
      '10.1.0.5,10.0.1.4,9443',
      '--flow',
      '10.1.0.4,10.0.1.4,8443',
      '--format',
      'json',
    ]);
    const fixes = (JSON.parse(r.stdout) as unknown[]).map((o) => FlowCheckSchema.parse(o).fix ?? '');
    expect(fixes.map((f) => /--priority (\d+)/.exec(f)?.[1])).toEqual(['4095', '4094', '4093']);
    expect(fixes.map((f) => / -n (\S+)/.exec(f)?.[1])).toEqual([
      'ccnet-allow-tcp-9443',
      'ccnet-allow-tcp-9443-2',
      'ccnet-allow-tcp-8443',
    ]);
  });

  it('says no rule applies to traffic NSGs do not filter (IMDS), not that the rules are missing', async () => {
    const r = await ccnet(['verify-flow', ...PEERED, '--flow', '10.1.0.4,169.254.169.254,80']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^ {2}deciding rule: compute-nsg \(subnet compute\) outbound no rule applies: allow \[169\.254\.169\.254 is not filtered by NSGs/m,
    );
    expect(r.stdout).not.toContain('rules not in the evidence');
  });
});
