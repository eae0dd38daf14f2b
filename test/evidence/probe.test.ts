// Probe output read back link by link, wherever it is pasted (quoted in Slack, with a terminal prompt around it).
import { describe, expect, it } from 'vitest';
import { interpretProbe } from '../../knowledge/evidence/index.ts';
import { ccnet } from '../support/cli-io.ts';

const BLOCK = `cyclecloud@hpc-execute-1:~$ bash probe.sh
=== ccnet-probe v1 ===
node=hpc-execute-1
user=cyclecloud
cyclecloud.url=https://10.0.1.4:9443
cyclecloud.resolve=ok 10.0.1.4
cyclecloud.https=failed curl=28 http=000
proxy=none
storage.account=ccnetlocker01
storage.resolve=failed
storage.locker=failed curl=6 http=000
imds=ok http=200
resolv.nameserver=10.1.0.250
jetpack.error=2025-05-01 09:30:12,345 ERROR Timed out connecting to CycleCloud at https://10.0.1.4:9443
=== end ccnet-probe v1 ===
cyclecloud@hpc-execute-1:~$`;

describe('interpretProbe', () => {
  it('reads each link: what the test shows and what it means', () => {
    const p = interpretProbe(BLOCK);
    expect(p).toMatchObject({
      node: 'hpc-execute-1',
      cyclecloudAddress: '10.0.1.4',
      cyclecloudPort: 9443,
      proxyInUse: false,
    });
    const link = (id: string) => p?.links.find((l) => l.id === id);
    expect(link('cyclecloud-https')).toMatchObject({ status: 'failed', detail: 'curl exit 28' });
    expect(link('cyclecloud-https')?.meaning).toMatch(/timed out: packets are dropped/);
    expect(link('storage-dns')?.meaning).toMatch(/privatelink\.blob\.core\.windows\.net/);
    expect(link('storage-locker')?.meaning).toMatch(/Phase timeout expired while awaiting system boot-up/);
    expect(link('imds')?.status).toBe('ok');
    expect(link('dns-servers')?.meaning).toMatch(/custom DNS servers/);
  });

  it('reads a block quoted in Slack, and nothing when there is no block', () => {
    const quoted = BLOCK.split('\n')
      .map((l) => `> ${l}`)
      .join('\n');
    expect(interpretProbe(quoted)?.links.find((l) => l.id === 'cyclecloud-https')?.status).toBe('failed');
    expect(interpretProbe('Timed out connecting to CycleCloud at https://10.0.0.4:9443')).toBeNull();
  });

  it('is read by ccnet explain before the error-message matcher, from an argument or stdin', async () => {
    const arg = await ccnet(['explain', BLOCK]);
    expect(arg.code).toBe(0);
    expect(arg.stdout).toMatch(/^Probe output from hpc-execute-1: CycleCloud at 10\.0\.1\.4:9443/);
    expect(arg.stdout).toMatch(/FAILED +CycleCloud on port 9443/);
    const stdin = await ccnet(['explain', '-', '--format', 'json'], { stdin: BLOCK });
    expect(JSON.parse(stdin.stdout).cyclecloudPort).toBe(9443);
  });
});
