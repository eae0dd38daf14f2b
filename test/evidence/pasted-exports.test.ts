// az output as people actually capture it: copied from a terminal with the prompt and the command around it,
// redirected with 2>&1 so az's WARNING lines come along, a command that failed, and a list that came back empty.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccnet } from '../support/cli-io.ts';
import { type WorldSpec, worldFiles } from './world.ts';

const LAB: WorldSpec = {
  nsgs: { 'b-nsg': [{ name: 'DenySsh', priority: 300, access: 'Deny', port: '22' }] },
  attach: { 'b-nsg': 'subnet:b' },
};

/** The lab's exports, with the NSG export rewritten by `dress`; returns the --evidence arguments. */
function exportsWith(dress: (nsgJson: string) => string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-pasted-'));
  return Object.entries(worldFiles(LAB)).flatMap(([name, text]) => {
    const file = path.join(dir, name);
    writeFileSync(file, name === 'nsgs.json' ? dress(text) : text);
    return ['--evidence', file];
  });
}

const FLOW = ['--flow', '10.0.1.4,10.0.2.4,22'];

describe('az exports pasted from a terminal', () => {
  it.each([
    [
      'a bash prompt and the command above, a bare prompt below',
      (j: string) =>
        `azureuser@jumpbox:~$ az network nsg list -g lab-rg -o json\n${j}\nazureuser@jumpbox:~$ \n`,
    ],
    ['a PowerShell prompt', (j: string) => `PS C:\\Users\\ops> az network nsg list -g lab-rg\n${j}\n`],
    [
      'the command alone, and an az WARNING from 2>&1',
      (j: string) =>
        `az network nsg list -g lab-rg -o json\nWARNING: This command is in preview and under development.\n${j}`,
    ],
  ])('reads the JSON under %s, and says which lines it skipped', async (_, dress) => {
    const r = await ccnet(['verify-flow', ...exportsWith(dress), ...FLOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^10\.0\.1\.4 -> 10\.0\.2\.4 tcp\/22: DENY {2}denied by b-nsg \(subnet b\) inbound rule DenySsh \(priority 300\)$/m,
    );
    expect(r.stdout).toMatch(
      /^note: .*nsgs\.json: skipped lines? [\d, ]+: a shell prompt, an az command or an az warning, not JSON$/m,
    );
  });

  it('says az printed an error, with its line, instead of reading a failed command as evidence', async () => {
    const r = await ccnet([
      'verify-flow',
      ...exportsWith(
        () =>
          "$ az network nsg show -g lab-rg -n b-nsg\nERROR: (ResourceNotFound) The Resource 'Microsoft.Network/networkSecurityGroups/b-nsg' was not found.\n",
      ),
      ...FLOW,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nsgs\.json: line 2, column 1: az printed an error here, not a resource's JSON/);
    expect(r.stderr).not.toContain('ResourceNotFound');
  });

  it('still refuses text that is neither JSON nor a terminal line, naming its line', async () => {
    const r = await ccnet([
      'verify-flow',
      ...exportsWith((j) => `Here is the NSG you asked for:\n${j}`),
      ...FLOW,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nsgs\.json: line 1, column 1: expected JSON/);
  });

  it('says table output (-o table) is not JSON and how to get JSON, on the line it starts', async () => {
    const table = [
      '$ az network nsg list -g lab-rg -o table',
      'Name    ResourceGroup    Location',
      '------  ---------------  ----------',
      'b-nsg   lab-rg           westeurope',
    ].join('\n');
    const r = await ccnet(['verify-flow', ...exportsWith(() => table), ...FLOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /nsgs\.json: line 2, column 1: this is az's table output \(-o table\), which leaves fields out: run the command again with -o json$/m,
    );
  });

  it('names an empty list as empty, not as "not an evidence export"', async () => {
    const r = await ccnet(['verify-flow', ...exportsWith(() => '[]\n'), ...FLOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /nsgs\.json: an empty list \(\[\]\): az found nothing to print.*leave this file out$/m,
    );
    expect(r.stderr).not.toMatch(/not an evidence export/);
  });
});
