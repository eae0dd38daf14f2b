// CycleCloud's address lies in no exported VNet but behind a peering of the nodes' VNet (only the nodes' side was
// exported): the diagnosis must say CycleCloud is in that peered VNet, not assume it shares the nodes' VNet.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosisSchema } from '../../knowledge/index.ts';
import { ccnet } from '../support/cli-io.ts';
import { type WorldSpec, worldFiles } from './world.ts';

async function diagnosed(state: string) {
  const spec: WorldSpec = {
    peerings: [{ name: 'lab-to-hub', state, remote: 'hub', prefixes: ['10.5.0.0/16'] }],
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-across-'));
  const evidence = Object.entries(worldFiles(spec)).flatMap(([name, text]) => {
    writeFileSync(path.join(dir, name), text);
    return ['--evidence', path.join(dir, name)];
  });
  const args = ['diagnose', ...evidence, '--nodes', 'lab/b', '--cyclecloud', '10.5.1.4'];
  const json = await ccnet([...args, '--format', 'json']);
  const text = await ccnet([...args, '--verbose']);
  return { d: DiagnosisSchema.parse(JSON.parse(json.stdout)), text: text.stdout };
}

describe('CycleCloud behind a peering of the nodes VNet', () => {
  it('a Connected peering: CycleCloud is in the peered VNet, reached over the peering', async () => {
    const { d, text } = await diagnosed('Connected');
    const facts = Object.fromEntries((d.verification?.facts ?? []).map((f) => [f.field, f.value]));
    expect(facts).toMatchObject({ serverLocation: 'other-vnet', peering: 'connected' });
    expect(d.recommendation.option).toBe('vnet-peering');
    expect(d.assumptions.join(' ')).not.toMatch(/same VNet/);
    expect(text).toMatch(
      /serverLocation = other-vnet: 10\.5\.1\.4 is in the address space of hub, which lab's peering lab-to-hub reaches \[from .*vnets\.json\]/,
    );
  });

  it('an Initiated peering: one-way, so the nodes cannot reach CycleCloud over it', async () => {
    const { d } = await diagnosed('Initiated');
    const peering = d.verification?.facts.find((f) => f.field === 'peering');
    expect(peering).toMatchObject({ value: 'one-way' });
    expect(peering?.detail).toBe('lab -> hub: lab-to-hub is Initiated: the peering from hub back is missing');
  });
});
