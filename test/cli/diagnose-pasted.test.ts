// `ccnet diagnose --symptom` with real pasted errors: a class match never reads as "recognised", and an error on a
// link the recommendation does not fix says so first, before a "do now" that would not help. Each text is quoted
// from its source.
import { describe, expect, it } from 'vitest';
import { lineCount, SUMMARY_MAX_LINES } from '../../cli/render/diagnosis.ts';
import { ccnet } from '../support/cli-io.ts';

async function diagnoseWith(text: string): Promise<string[]> {
  const { code, stdout } = await ccnet(['diagnose', '--symptom', text]);
  expect(code).toBe(0);
  expect(lineCount(stdout.trimEnd(), 80)).toBeLessThanOrEqual(SUMMARY_MAX_LINES);
  return stdout.trimEnd().split('\n');
}

const flat = (lines: string[]) => lines.join(' ').replace(/\s+/g, ' ');

describe('ccnet diagnose with a pasted error', () => {
  it('leads with an error on another link, as what it looks like, not as recognised', async () => {
    // microsoft/AzureStorageExplorer#8613: the storage firewall (Selected networks) refused the client.
    const lines = await diagnoseWith(
      [
        'This request is not authorized to perform this operation.',
        '  "code": "AuthorizationFailure",',
        '  "statusCode": 403,',
        '    "url": "https://steuelogsprod001.blob.core.windows.net/?comp=list&include=metadata",',
      ].join('\n'),
    );
    expect(flat(lines)).toMatch(
      /^The pasted error looks like an HTTP 403 refusal for `steuelogsprod001\.blob\.core\.windows\.net` \(node → storage account\), not certain: the recommendation below does not fix it; add --verbose for its likely cause and checks\. Recommendation:/,
    );
    expect(flat(lines)).not.toContain('Error message recognised');
  });

  it('names the link of a known message the recommendation does not fix, first', async () => {
    // awslabs/awsome-distributed-ai#205.
    const lines = await diagnoseWith(
      'srun: error: fetch_config: DNS SRV lookup failed\nsrun: fatal: Could not establish a configuration source',
    );
    expect(flat(lines)).toMatch(
      /^Error message recognised \(slurm-config-source-missing\), on scheduler ↔ nodes: the recommendation below does not fix it; add --verbose for its cause and checks\./,
    );
  });

  it('says a known message that is no network failure is none', async () => {
    // Azure/az-hop#118: a cluster-init script failed on a PBS registration.
    const lines = await diagnoseWith(
      "Failed to execute cluster-init script '/mnt/cluster-init/pbs/default/scripts/2-installpbs.sh' in project 'pbs' (return code: 1)",
    );
    expect(flat(lines)).toMatch(
      /^Error message recognised \(cluster-init-script-failed\), not a network failure:/,
    );
  });

  it('keeps an error on the path under the answer, and a class match there is still not certain', async () => {
    const known = flat(await diagnoseWith('Timed out connecting to CycleCloud at https://10.0.0.4:9443'));
    expect(known).toMatch(/^Recommendation:/);
    expect(known).toContain(
      'Error message recognised (cyclecloud-connect-timeout) — add --verbose for its cause',
    );
    const byClass = flat(
      await diagnoseWith('curl: (7) Failed to connect to 10.1.0.4 port 9443: Connection refused'),
    );
    expect(byClass).toMatch(/^Recommendation:/);
    expect(byClass).toContain(
      'The pasted error looks like a refused connection for `10.1.0.4` (node → CycleCloud), not certain — add --verbose for its likely cause and checks.',
    );
    expect(byClass).not.toContain('Error message recognised');
  });

  it('reads the error text from standard input with --symptom -, instead of matching a literal "-"', async () => {
    // ArjunaCluster/ArjunaUsers#51, piped as `squeue 2>&1 | ccnet diagnose --symptom -` would.
    const log = [
      'squeue: error: resolve_ctls_from_dns_srv: res_nsearch error: Unknown host',
      'squeue: error: fetch_config: DNS SRV lookup failed',
      'squeue: fatal: Could not establish a configuration source',
    ].join('\n');
    const { code, stdout } = await ccnet(['diagnose', '--symptom', '-'], { stdin: log });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Error message recognised \(slurm-config-source-missing\)/);
    expect(stdout).not.toContain('not one ccnet knows');
  });

  it.each([
    [['diagnose', '--symptom', '-'], '  \n', /--symptom -: standard input is empty; nothing to match/],
    [
      ['diagnose', '--symptom', '-', '--template', '-'],
      'x',
      /both read standard input: give the template as a file/,
    ],
  ])('%j fails with one line naming the problem', async (argv, stdin, message) => {
    const { code, stderr } = await ccnet(argv, { stdin });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it("puts users' SSH first unless the recommendation is the bastion one", async () => {
    const denied = 'Permission denied (publickey).';
    const { stdout: direct } = await ccnet(['diagnose', '--symptom', denied]);
    expect(flat([direct])).toMatch(/^Error message recognised \(ssh-publickey-denied\), on user → node:/);
    const { stdout: bastion } = await ccnet(['diagnose', '--link', 'user-to-node', '--symptom', denied]);
    expect(bastion).toMatch(/^Recommendation: Bastion \/ jump box \(bastion\)/);
    expect(flat([bastion])).toContain('Error message recognised (ssh-publickey-denied) — add --verbose');
  });
});
