// What an on-call engineer sees when pasting real error texts from public reports into `ccnet explain`: the right
// link, a cause that fits it, each problem once. Each text is quoted from its source (repo#issue or doc page).
import { describe, expect, it } from 'vitest';
import { ccnet } from '../support/cli-io.ts';

async function explainText(text: string): Promise<string> {
  const { code, stdout } = await ccnet(['explain', '-'], { stdin: text });
  expect(code).toBe(0);
  // Prose wraps at 80 columns: a sentence is looked for across its continuation lines.
  return stdout.replace(/\n +/g, ' ');
}

describe('ccnet explain on real pastes', () => {
  it('reads Slurm\'s "Could not establish a configuration source" as a missing slurm.conf, not a package host', async () => {
    // awslabs/awsome-distributed-ai#205 (cause given there: slurm.conf was removed from the head node).
    const out = await explainText(
      [
        'srun: error: resolve_ctls_from_dns_srv: res_nsearch error: Unknown host',
        'srun: error: fetch_config: DNS SRV lookup failed',
        'srun: error: _establish_config_source: failed to fetch config',
        'srun: fatal: Could not establish a configuration source',
      ].join('\n'),
    );
    expect(out).toContain('Error message recognised: fetch_config: DNS SRV lookup failed');
    expect(out).toContain('Likely cause: Slurm found no slurm.conf on this host');
    expect(out).toContain('ls -l /etc/slurm/slurm.conf');
    expect(out).toContain('https://slurm.schedmd.com/configless_slurm.html');
    expect(out).toContain('https://github.com/awslabs/awsome-distributed-ai/issues/205');
    expect(out).not.toContain('package and release hosts');
  });

  it("reads a *.cloudapp.azure.com name that does not resolve as a public IP's DNS label, not the cluster's DNS", async () => {
    // microsoft/AzureTRE#3933: the browser on a VM could not open the CycleCloud portal by its public name.
    const out = await explainText(
      'DNS_PROBE_FINISHED_NXDOMAIN https://cyclecloud-mytre.westeurope.cloudapp.azure.com/',
    );
    expect(out).toContain(
      'Looks like a name-resolution failure for `cyclecloud-mytre.westeurope.cloudapp.azure.com` (user → CycleCloud) (error class: not certain)',
    );
    expect(out).toContain('the DNS name label of a public IP in that region');
    expect(out).toContain(
      'https://learn.microsoft.com/azure/virtual-network/ip-services/public-ip-addresses',
    );
    expect(out).not.toContain('name resolution inside the cluster');
    expect(out).not.toContain('waagent');
    // A browser's failure is not checked with a curl "on the node, as the cyclecloud user".
    expect(out).not.toContain('On the node, as the cyclecloud user');
  });

  it('keeps jetpack on the node -> CycleCloud link when CycleCloud has a public name', async () => {
    const out = await explainText(
      'jetpack: curl: (6) Could not resolve host: cc-hpc.westeurope.cloudapp.azure.com',
    );
    expect(out).toContain('(node → CycleCloud)');
    expect(out).toContain('the DNS name label of a public IP');
  });

  it('reports a one-line paste whose cause needs no link once, not as two problems', async () => {
    // MicrosoftDocs/SupportArticles-docs linux-vm-imds-certissues.md quotes this for a VM clock far off.
    const out = await explainText('certificate is not yet valid');
    expect(out).not.toContain('2 problems in this paste');
    expect(out.match(/Looks like a TLS certificate failure/g)).toHaveLength(1);
  });

  it('reads "Permission denied (publickey)" as a refused key on a path that works, not as a network failure', async () => {
    // tenstorrent/tt-metal#21673: the jump host let the session through; the VM lacked the user's key.
    const out = await explainText(
      'ssh -J bastion-ext-ttmetal@38.97.6.5:55022 tt-metal-dev-epam-ialexiou-n300@172.27.44.62\nPermission denied (publickey).',
    );
    expect(out).toContain('Error message recognised: Permission denied (publickey)');
    expect(out).toContain('the network path and port 22 work');
    expect(out).toContain('~/.ssh/authorized_keys');
    expect(out).toContain('https://github.com/tenstorrent/tt-metal/issues/21673');
    expect(out).not.toContain('General checklist');
  });
});

describe('explain on a terminal', () => {
  it('wraps its prose at 80 columns, as diagnose does; only URLs and unsplittable commands run longer', async () => {
    for (const query of ['peering', 'ports', 'Timed out connecting to CycleCloud at https://10.0.0.4:9443']) {
      const { stdout } = await ccnet(['explain', query]);
      const long = stdout
        .split('\n')
        .filter(
          (line) => line.length > 80 && !/^\s*(Source: )?https?:\/\//.test(line) && !/^\s{4,}"/.test(line),
        );
      expect(long, query).toEqual([]);
    }
  });
});
