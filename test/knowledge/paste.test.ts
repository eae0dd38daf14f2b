// Whole pastes: a log of hundreds of lines, a traceback, Ansible and apt output, a JSON status blob. ccnet finds the
// decisive lines, quotes them with their numbers, reports up to three distinct problems, and says which layer matched.
import { describe, expect, it } from 'vitest';
import { condensePaste, matchSymptom, SymptomMatchSchema } from '../../knowledge/index.ts';
import { MAX_PASTE_CHARS } from '../../knowledge/symptoms/paste.ts';

function valid(text: string) {
  const m = matchSymptom(text);
  const parsed = SymptomMatchSchema.safeParse(m);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  return m;
}

/** Lines a healthy jetpack/chef/cloud-init run prints: no error in any of them. */
const NOISE = [
  '2025-03-02 14:07:31,512 INFO jetpack [MainThread] Converging node with run list recipe[cyclecloud]',
  '[2025-03-02T14:07:32+00:00] INFO: Processing directory[/opt/cycle/jetpack/logs] action create (cyclecloud::default line 12)',
  'Get:1 http://azure.archive.ubuntu.com/ubuntu jammy InRelease [270 kB]',
  'Setting up libssl3:amd64 (3.0.2-0ubuntu1.10) ...',
  'cloud-init[1021]: Cloud-init v. 23.1.2 running modules:final at Sun, 02 Mar 2025 14:07:35 +0000',
  'TASK [slurm : Install slurm packages] ******************************************',
  'ok: [scheduler]',
  'Downloading https://locker.blob.core.windows.net/cyclecloud/projects/slurm/3.0.9/blobs/slurm.tgz',
  'Installed: munge-0.5.13-2.el8.x86_64',
  'jetpack: sending status to https://10.1.0.4:9443/cyclecloud (timeout=30)',
];

function noise(n: number, offset = 0): string[] {
  return Array.from({ length: n }, (_, i) => NOISE[(i + offset) % NOISE.length] as string);
}

describe('a known message buried in a long log', () => {
  it('is found with its line number among 500 lines of noise', () => {
    const lines = [
      ...noise(250),
      'ERROR jetpack: Timed out connecting to CycleCloud at https://10.1.0.4:9443',
      ...noise(250, 3),
    ];
    const m = valid(lines.join('\n'));
    expect(m.layer).toBe('known');
    expect(m.id).toBe('cyclecloud-connect-timeout');
    expect(m.lines).toEqual([
      { line: 251, text: 'ERROR jetpack: Timed out connecting to CycleCloud at https://10.1.0.4:9443' },
    ]);
    expect(m.extracted.port).toBe(9443);
  });

  it('noise alone produces no finding', () => {
    const m = valid(noise(600).join('\n'));
    expect(m.layer).toBe('none');
    expect(m.recognised).toBe(false);
    expect(m.problems ?? []).toEqual([]);
  });

  it('counts line numbers in CRLF pastes the same way', () => {
    const text = [...noise(9), 'curl: (6) Could not resolve host: packages.microsoft.com'].join('\r\n');
    expect(valid(text).lines?.[0]?.line).toBe(10);
  });
});

describe('several problems in one paste', () => {
  const paste = [
    ...noise(40),
    'srun: error: get_addr_info: getaddrinfo() failed: Name or service not known',
    'srun: error: slurm_set_addr: Unable to resolve "hpc-pg0-3"',
    ...noise(30),
    'E: Failed to fetch https://packages.microsoft.com/ubuntu/22.04/prod/dists/jammy/InRelease  503  Service Unavailable',
    ...noise(30),
    "Code: AuthorizationFailed Message: The client 'cc' with object id 'cc' does not have authorization to perform action 'Microsoft.Network/virtualNetworks/subnets/join/action' over scope '/subscriptions/1/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/compute'",
    ...noise(30),
    'mount.nfs: Connection timed out',
  ].join('\n');

  it('reports at most three distinct problems, each with its decisive lines, and says more exist', () => {
    const m = valid(paste);
    const problems = m.problems ?? [];
    expect(problems).toHaveLength(3);
    expect(new Set(problems.map((p) => `${p.errorClass}/${p.link}`)).size).toBe(3);
    const dns = problems.find((p) => p.errorClass === 'name-resolution');
    expect(dns).toMatchObject({ link: 'node-to-dns', extracted: { host: 'hpc-pg0-3' } });
    expect(dns?.lines.map((l) => l.line)).toEqual([41, 42]);
    expect(problems.find((p) => p.errorClass === 'authorization')?.extracted.action).toBe(
      'Microsoft.Network/virtualNetworks/subnets/join/action',
    );
    expect(m.notes?.join('\n')).toMatch(/1 more problem/);
    // Every problem shown cites its sources, not only the first.
    expect(m.references.map((r) => r.source)).toEqual(expect.arrayContaining(['AZDNS', 'MI']));
  });

  it('never presents a class match as certain', () => {
    for (const p of valid(paste).problems ?? []) {
      expect(p.layer).toBe('class');
      expect(p.certain).toBe(false);
      expect(p.headline).toMatch(/^looks like /);
    }
  });
});

describe('one failure told on several lines is one problem', () => {
  it('a Python traceback', () => {
    const traceback = [
      'Traceback (most recent call last):',
      '  File "/opt/cycle/jetpack/system/lib/python/site-packages/urllib3/connection.py", line 174, in _new_conn',
      'socket.gaierror: [Errno -2] Name or service not known',
      'During handling of the above exception, another exception occurred:',
      'urllib3.exceptions.NewConnectionError: <urllib3.connection.HTTPSConnection object at 0x7f2a>: Failed to establish a new connection: [Errno -2] Name or service not known',
      "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='ccstorage01.blob.core.windows.net', port=443): Max retries exceeded with url: /cyclecloud/cache (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f2a>: Failed to establish a new connection: [Errno -2] Name or service not known'))",
    ].join('\n');
    const m = valid(traceback);
    expect(m.problems).toHaveLength(1);
    expect(m).toMatchObject({
      layer: 'class',
      errorClass: 'name-resolution',
      link: 'node-to-storage',
      causeKey: 'storage-private-dns-missing',
      extracted: { host: 'ccstorage01.blob.core.windows.net', storageAccount: 'ccstorage01' },
    });
  });

  it('two lines pasted together', () => {
    const m = valid(
      'Err:1 http://azure.archive.ubuntu.com/ubuntu jammy InRelease\n  Could not connect to azure.archive.ubuntu.com:80 (52.147.219.192), connection timed out',
    );
    expect(m.problems).toHaveLength(1);
    expect(m).toMatchObject({
      errorClass: 'timeout',
      link: 'node-to-package-host',
      causeKey: 'egress-blocked-to-package-host',
    });
  });

  it('a retry loop repeating the same error is one problem with a repeat count', () => {
    const loop = Array.from(
      { length: 40 },
      (_, i) =>
        `2025-03-02 14:${String(10 + (i % 50)).padStart(2, '0')}:00 ERROR slurmd: error: Unable to contact slurm controller (connect failure)`,
    ).join('\n');
    const m = valid(loop);
    expect(m.problems).toHaveLength(1);
    expect(m.problems?.[0]?.lines).toHaveLength(3);
    expect(m.problems?.[0]?.repeats).toBe(37);
  });
});

describe('pastes of other shapes', () => {
  it('an Ansible task failure', () => {
    const m = valid(
      'fatal: [scheduler]: FAILED! => {"changed": false, "msg": "Failure downloading https://github.com/Azure/cyclecloud-slurm/releases/download/3.0.9/azure-slurm-install-pkg-3.0.9.tar.gz, Request failed: <urlopen error [Errno 104] Connection reset by peer>"}',
    );
    expect(m).toMatchObject({
      errorClass: 'reset',
      link: 'node-to-package-host',
      causeKey: 'github-release-download-failed',
    });
  });

  it('a JSON status blob from the CycleCloud UI, escapes and all', () => {
    const blob = JSON.stringify({
      status: 'Failed',
      message:
        'Unable to execute command `mount -t nfs ccw-scheduler:/shared /shared`:\nmount.nfs: Failed to resolve server ccw-scheduler: Name or service not known',
    });
    const m = valid(blob);
    expect(m).toMatchObject({
      errorClass: 'name-resolution',
      link: 'node-to-dns',
      extracted: { host: 'ccw-scheduler' },
    });
  });

  it('a Terraform error', () => {
    const m = valid(
      "│ Error: creating Network Interface: network.InterfacesClient#CreateOrUpdate: Failure sending request: StatusCode=403 -- Original Error: Code=\"LinkedAuthorizationFailed\" Message=\"The client has permission to perform action 'Microsoft.Network/networkInterfaces/write' on scope '/subscriptions/1/resourceGroups/cc', however it does not have permission to perform action 'Microsoft.Network/virtualNetworks/subnets/join/action' on the linked scope(s) '/subscriptions/1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/compute'\"",
    );
    expect(m).toMatchObject({
      errorClass: 'authorization',
      link: 'cyclecloud-to-azure-api',
      causeKey: 'managed-identity-missing-subnet-join',
      extracted: { action: 'Microsoft.Network/virtualNetworks/subnets/join/action' },
    });
  });
});

describe('size', () => {
  it('reads the last part of a paste over the cap and says so', () => {
    const filler = `${'2025-03-02 14:07:31,512 INFO jetpack: converging\n'.repeat(Math.ceil((MAX_PASTE_CHARS * 1.5) / 50))}`;
    const m = valid(
      `${filler}curl: (7) Failed to connect to 10.1.0.4 port 9443 after 2 ms: Connection refused\n`,
    );
    expect(m.notes?.join('\n')).toMatch(/read its last 2\.0 MB/);
    expect(m).toMatchObject({ errorClass: 'refused', link: 'node-to-cyclecloud' });
    expect(m.lines?.[0]?.line).toBeGreaterThan(MAX_PASTE_CHARS / 50);
  });

  it('keeps the decisive lines, on their line numbers, when a paste is condensed for storage', () => {
    const long = [...noise(400), 'curl: (6) Could not resolve host: github.com', ...noise(400)].join('\n');
    const short = condensePaste(long, 2000);
    expect(short.text.length).toBeLessThanOrEqual(2000);
    expect(short.lineNumbers).toEqual([401]);
    const again = matchSymptom(short.text, short.lineNumbers ? { lineNumbers: short.lineNumbers } : {});
    expect(again).toMatchObject({ errorClass: 'name-resolution', extracted: { host: 'github.com' } });
    expect(again.lines?.[0]?.line).toBe(401);
    expect(condensePaste('small', 2000)).toEqual({ text: 'small' });
  });
});

describe('not recognised', () => {
  it('says what it did extract, and the checklist has a name-resolution line', () => {
    const m = valid('the scheduler at https://hpc-scheduler-1.contoso.local:6817 is acting up again');
    expect(m.layer).toBe('none');
    expect(m.extracted).toMatchObject({ host: 'hpc-scheduler-1.contoso.local', port: 6817 });
    expect(m.notes?.join('\n')).toContain('https://hpc-scheduler-1.contoso.local:6817');
    expect(m.checks.join('\n')).toMatch(/getent hosts/);
  });
});
