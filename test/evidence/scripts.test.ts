// The scripts ccnet prints for people to run: `ccnet collect` (read-only az commands into one bundle) and
// `ccnet probe` (on a node). Both must parse in bash, pass shellcheck, and do what they say when run against
// stand-ins: a fake `az` on PATH, loopback HTTP servers for CycleCloud, the locker and IMDS.
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interpretProbe, readEvidenceText } from '../../knowledge/evidence/index.ts';
import { ccnet } from '../support/cli-io.ts';
import { FIXTURES } from './support.ts';

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
const hasCurl = spawnSync('curl', ['--version']).status === 0;
if (!hasShellcheck)
  console.log('shellcheck not installed: the shellcheck assertions are skipped (apt-get install shellcheck)');

function bashParses(script: string): void {
  const r = spawnSync('bash', ['-n'], { input: script });
  expect(r.status, r.stderr.toString()).toBe(0);
}

function shellcheckPasses(script: string): void {
  if (!hasShellcheck) return;
  const r = spawnSync('shellcheck', ['-s', 'bash', '-'], { input: script });
  expect(r.status, r.stdout.toString()).toBe(0);
}

const READ_VERBS = new Set(['show', 'list', 'list-effective-nsg', 'show-effective-route-table']);

/** Every az invocation in the script and its verb (the last word before the first flag). */
function azVerbs(script: string): string[] {
  const code = script
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n');
  return [...code.matchAll(/\baz\s+((?:network|vm)(?:\s+[a-z][a-z-]*)+)/g)].map(
    (m) => (m[1] ?? '').trim().split(/\s+/).at(-1) ?? '',
  );
}

describe('ccnet collect', () => {
  it('prints a bash script of read-only az commands only, which parses and passes shellcheck', async () => {
    const r = await ccnet([
      'collect',
      'cc-rg',
      'hpc-rg/hpc-vnet/compute',
      'nic:cc-rg/cyclecloud-nic',
      'vm:cc-rg/cyclecloud',
    ]);
    expect(r.code).toBe(0);
    bashParses(r.stdout);
    shellcheckPasses(r.stdout);
    const verbs = azVerbs(r.stdout);
    expect(verbs.length).toBeGreaterThan(10);
    expect(verbs.filter((v) => !READ_VERBS.has(v))).toEqual([]);
    expect(r.stdout).toContain('emit az network vnet show -g hpc-rg -n hpc-vnet');
    expect(r.stdout).toContain('emit az network nic list-effective-nsg -g cc-rg -n cyclecloud-nic');
  });

  it("adds the VNet and subnet the template's SubnetId names, and says when it hangs on a parameter", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-collect-'));
    const template = path.join(dir, 'c.txt');
    writeFileSync(
      template,
      '[cluster c]\n[[node defaults]]\nSubnetId = $SubnetId\n[[node scheduler]]\n[[nodearray hpc]]\n[parameters P]\n[[parameters N]]\n[[[parameter SubnetId]]]\n',
    );
    const open = await ccnet(['collect', '--template', template]);
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/comes from \$SubnetId; pass --param SubnetId=resource-group\/vnet\/subnet/);
    const withGroup = await ccnet(['collect', '--template', template, 'cc-rg']);
    expect(withGroup.stdout).toMatch(/^# .*c\.txt: the subnet of scheduler, hpc comes from \$SubnetId/m);
    expect(withGroup.stdout).toContain('emit az network vnet list -g cc-rg');
    const given = await ccnet([
      'collect',
      '--template',
      template,
      '--param',
      'SubnetId=hpc-rg/hpc-vnet/compute',
    ]);
    expect(given.stdout).toContain('emit az network vnet show -g hpc-rg -n hpc-vnet');
    expect(given.stdout).toContain('--vnet-name hpc-vnet -n compute');
  });

  it('refuses names that are not Azure names, so nothing else reaches the shell', async () => {
    const r = await ccnet(['collect', 'rg;rm -rf ~']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not one of RESOURCE_GROUP, RESOURCE_GROUP\/VNET/);
  });

  it('writes one bundle ccnet reads, when run against a fake az', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-fake-az-'));
    const log = path.join(dir, 'az.log');
    const fixture = (name: string) => path.join(FIXTURES, name);
    // The fake az answers the commands the script sends with fixtures, logs them, and fails for anything else.
    writeFileSync(
      path.join(dir, 'az'),
      `#!/usr/bin/env bash
echo "$*" >> '${log}'
case "$*" in
  "network vnet show -g hpc-rg -n hpc-vnet -o json") cat '${fixture('initiated/hpc-vnet.json')}' ;;
  "network vnet peering list -g hpc-rg --vnet-name hpc-vnet -o json") echo '[]' ;;
  "network vnet subnet show"*) echo "/subscriptions/s/resourceGroups/hpc-rg/providers/Microsoft.Network/networkSecurityGroups/compute-nsg" ;;
  "network nsg show --ids /subscriptions/s/resourceGroups/hpc-rg/providers/Microsoft.Network/networkSecurityGroups/compute-nsg -o json")
    python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))[2]))' '${fixture('peered/nsg-list.json')}' ;;
  "network nic list -g cc-rg --query [].name -o tsv") printf 'cyclecloud-nic\\nbad;name\\n' ;;
  "network nic list -g cc-rg -o json") cat '${fixture('peered/nic-list.json')}' ;;
  "network nic show-effective-route-table -g cc-rg -n cyclecloud-nic -o json") cat '${fixture('forced-tunnel/scheduler-effective-routes.json')}' ;;
  *) exit 1 ;;
esac
`,
    );
    chmodSync(path.join(dir, 'az'), 0o755);
    const script = (await ccnet(['collect', 'cc-rg', 'hpc-rg/hpc-vnet/compute'])).stdout;
    const run = spawnSync('bash', ['-s', 'bundle.json'], {
      input: script,
      cwd: dir,
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    });
    expect(run.status, run.stderr.toString()).toBe(0);
    const read = readEvidenceText('bundle.json', readFileSync(path.join(dir, 'bundle.json'), 'utf8'));
    if (!read.ok) throw new Error(read.problem);
    expect(read.evidence.files[0]?.kinds).toEqual({ vnet: 1, nsg: 1, nic: 3, 'effective-routes': 1 });
    expect(read.evidence.effectiveRoutes[0]?.nicName).toBe('cyclecloud-nic');
    expect(read.notes.some((n) => /network nsg list -g cc-rg failed/.test(n))).toBe(true);
    // What ran: only read verbs, and never the name az returned that is not an Azure name.
    const ran = readFileSync(log, 'utf8').trim().split('\n');
    expect(ran.join('\n')).not.toContain('bad;name');
    for (const line of ran) expect(READ_VERBS.has(azVerbs(`az ${line}`)[0] ?? '')).toBe(true);
  });
});

describe('ccnet probe', () => {
  let server: Server;
  let port = 0;
  let closedPort = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url?.startsWith('/metadata') && req.headers.metadata === 'true' ? 200 : 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('prints a script that parses and passes shellcheck, with or without options', async () => {
    for (const args of [
      [],
      ['--cyclecloud', 'https://10.0.0.4:9443', '--storage', 'ccnetlocker01', '--proxy', '10.1.0.5'],
    ]) {
      const r = await ccnet(['probe', ...args]);
      expect(r.code).toBe(0);
      bashParses(r.stdout);
      shellcheckPasses(r.stdout);
    }
    expect((await ccnet(['probe', '--storage', 'Not_An_Account'])).code).toBe(2);
    expect((await ccnet(['probe', '--cyclecloud', 'https://x;reboot'])).stderr).toMatch(
      /--cyclecloud takes a URL/,
    );
  });

  it.skipIf(!hasCurl)(
    'tests each link against loopback stand-ins and prints one block ccnet reads link by link',
    async () => {
      const script = (
        await ccnet([
          'probe',
          '--cyclecloud',
          `http://127.0.0.1:${port}`,
          '--storage',
          'ccnetlocker01',
          '--proxy',
          '127.0.0.1',
        ])
      ).stdout;
      const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-probe-'));
      writeFileSync(
        path.join(dir, 'jetpack.log'),
        '2025-05-01 09:30:12 ERROR Timed out connecting to CycleCloud at https://10.0.0.4:9443\n',
      );
      // Asynchronously: the stand-in servers live in this process and must answer while the script runs.
      const child = promisify(execFile)('bash', ['-c', script], {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          CCNET_IMDS_URL: `http://127.0.0.1:${port}/metadata/instance`,
          CCNET_STORAGE_HOST: `localhost:${port}`,
          CCNET_PROXY_PORT: String(closedPort),
          CCNET_JETPACK_LOGS: dir,
          https_proxy: 'http://alice:s3cret@proxy.corp.example:3128',
          no_proxy: 'localhost',
        },
      });
      const out = (await child).stdout;
      expect(out.split('\n')[0]).toBe('=== ccnet-probe v1 ===');
      expect(out).not.toContain('s3cret');
      const probe = interpretProbe(out);
      const status = Object.fromEntries((probe?.links ?? []).map((l) => [l.id, l.status]));
      expect(status).toMatchObject({
        'cyclecloud-dns': 'ok',
        'cyclecloud-https': 'ok',
        'proxy-https': 'failed',
        'storage-locker': 'ok',
        imds: 'ok',
        'http-proxy': 'failed',
        'jetpack-log': 'failed',
      });
      const proxy = probe?.links.find((l) => l.id === 'proxy-https');
      expect(proxy?.meaning).toMatch(/refused or there is no route/);
      expect(probe?.links.find((l) => l.id === 'http-proxy')?.meaning).toMatch(
        /no_proxy lacks 169\.254\.169\.254/,
      );
      expect(probe?.links.find((l) => l.id === 'jetpack-log')?.detail).toContain(
        'Timed out connecting to CycleCloud',
      );
    },
  );
});
