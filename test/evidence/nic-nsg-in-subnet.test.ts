// The nodes are named by their subnet, yet Azure also applies each VM's NIC NSG (inbound: subnet then NIC). A NIC NSG
// in the nodes' subnet that denies a required connection must decide it, not hide behind the subnet's allow.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosisSchema } from '../../knowledge/index.ts';
import { ccnet } from '../support/cli-io.ts';
import { type WorldSpec, worldFiles } from './world.ts';

function evidenceArgs(spec: WorldSpec): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-nic-nsg-'));
  return Object.entries(worldFiles(spec)).flatMap(([name, text]) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return ['--evidence', file];
  });
}

// CycleCloud is a1 (subnet a); the nodes are subnet b, whose NSG lets CycleCloud's SSH in. b2's own NSG denies SSH.
const LAB: WorldSpec = {
  nsgs: {
    'b-nsg': [{ name: 'AllowCycleCloudSsh', priority: 200, source: '10.0.1.4', port: '22' }],
    'b2-nsg': [{ name: 'DenySshFromAnywhere', priority: 1000, access: 'Deny', port: '22' }],
  },
  attach: { 'b-nsg': 'subnet:b', 'b2-nsg': 'nic:b2' },
  withDefaults: true,
};
const ENDS = ['--cyclecloud', 'a1', '--nodes', 'lab/b'];

describe('NIC NSGs inside the nodes subnet', () => {
  it('a node NIC NSG that denies CycleCloud -> nodes 22 decides the connection, with a fix in that NSG', async () => {
    const evidence = evidenceArgs(LAB);
    const text = await ccnet(['diagnose', ...evidence, ...ENDS, '--verbose']);
    expect(text.stdout).toMatch(
      /^ {2}DENY +CycleCloud server -> cluster nodes TCP 22: denied by b2-nsg \(nic b2\) inbound rule DenySshFromAnywhere \(priority 1000\)$/m,
    );
    expect(text.stdout).toMatch(
      /fix: az network nsg rule create -g lab-rg --nsg-name b2-nsg -n \S+ --priority 999 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes 10\.0\.1\.4 .*--destination-address-prefixes 10\.0\.2\.5 --destination-port-ranges 22$/m,
    );
    const short = await ccnet(['diagnose', ...evidence, ...ENDS]);
    expect(short.stdout.replace(/\s+/g, ' ')).toMatch(
      /deny TCP 22 CycleCloud server -> cluster nodes.*b2-nsg/,
    );

    const json = await ccnet(['diagnose', ...evidence, ...ENDS, '--format', 'json']);
    const d = DiagnosisSchema.parse(JSON.parse(json.stdout));
    const ssh = d.verification?.connections.find((c) => c.connection.port === 22);
    expect(ssh?.verdict).toBe('deny');
    expect(ssh?.check?.hops.map((h) => `${h.nsg}:${h.access}`)).toEqual(['b-nsg:allow', 'b2-nsg:deny']);
    expect(ssh?.check?.notes.join(' ')).toMatch(/NIC b2 in that subnet has its own NSG, which denies it/);
  });

  it('a node NIC NSG that allows leaves the subnet verdict standing', async () => {
    const allowing: WorldSpec = {
      ...LAB,
      nsgs: { ...LAB.nsgs, 'b2-nsg': [{ name: 'AllowSsh', priority: 1000, port: '22' }] },
    };
    const json = await ccnet(['diagnose', ...evidenceArgs(allowing), ...ENDS, '--format', 'json']);
    const d = DiagnosisSchema.parse(JSON.parse(json.stdout));
    const ssh = d.verification?.connections.find((c) => c.connection.port === 22);
    expect(ssh?.verdict).toBe('allow');
    expect(ssh?.reason).toMatch(/b-nsg \(subnet b\) inbound AllowCycleCloudSsh \(priority 200\)/);
  });

  it('a node NIC NSG that denies the nodes -> CycleCloud port on the way out makes that port blocked', async () => {
    const outbound: WorldSpec = {
      ...LAB,
      nsgs: {
        'b-nsg': [],
        'b2-nsg': [
          { name: 'DenyOut9443', priority: 500, direction: 'Outbound', access: 'Deny', port: '9443' },
        ],
      },
    };
    const json = await ccnet(['diagnose', ...evidenceArgs(outbound), ...ENDS, '--format', 'json']);
    const d = DiagnosisSchema.parse(JSON.parse(json.stdout));
    expect(d.verification?.facts.find((f) => f.field === 'blockedPorts')?.value).toBe('9443');
    const toCc = d.verification?.connections.find((c) => c.connection.port === 9443);
    expect(toCc?.reason).toBe('denied by b2-nsg (nic b2) outbound rule DenyOut9443 (priority 500)');
  });

  it('verify-flow to the subnet keeps its verdict, and names the NIC whose own NSG denies the flow', async () => {
    const r = await ccnet(['verify-flow', ...evidenceArgs(LAB), '--flow', 'a1,lab/b,22']);
    expect(r.stdout).toMatch(/^a1 -> lab\/b tcp\/22: ALLOW /m);
    expect(r.stdout).toContain(
      'note: NIC b2 in subnet lab/b (10.0.2.0/24) has its own NSG, which denies it: denied by b2-nsg (nic b2) inbound rule DenySshFromAnywhere (priority 1000)',
    );
    expect(r.stdout).not.toContain('NSGs on individual NICs are not evaluated');
  });
});
