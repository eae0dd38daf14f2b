// The evaluator over the 98 real templates: valid output for every situation family, and the facts measured on
// the best-known templates (slurm's parameter-controlled proxy, HPC Pack's Windows head node and Linux proxy).
import { describe, expect, it } from 'vitest';
import { DiagnosisSchema, diagnose, type Situation, situationFromTemplate } from '../../knowledge/index.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { corpusAvailable, corpusFiles, readCorpus } from '../support/corpus.ts';

const SITUATIONS: Situation[] = [
  {},
  { cyclecloudVersion: 8, serverLocation: 'same-vnet' },
  { cyclecloudVersion: 8, serverLocation: 'other-vnet', peering: 'impossible', publicIpAllowed: true },
  {
    cyclecloudVersion: 7,
    serverLocation: 'on-premises',
    privateLink: 'none',
    publicIpAllowed: false,
    openPorts: [443],
  },
  { link: 'user-to-node' },
  { link: 'cyclecloud-egress', hubAndSpoke: true },
];

const parsed = (name: string) => parseTemplate(readCorpus(name));

describe.runIf(corpusAvailable)('corpus templates', () => {
  it('every template diagnoses to valid output in every situation family', () => {
    for (const file of corpusFiles()) {
      const t = parsed(file);
      for (const situation of SITUATIONS) {
        const d = diagnose({ situation, template: t });
        const result = DiagnosisSchema.safeParse(d);
        expect(result.success, `${file} ${JSON.stringify(situation)}`).toBe(true);
        expect(d.topology?.nodes.length, file).toBe(t.cluster.nodes.length);
      }
    }
  });

  it('no real template has two proxies, a nodearray proxy or a Windows proxy under its defaults', () => {
    for (const file of corpusFiles()) {
      const d = diagnose({ situation: {}, template: parsed(file) });
      const wrong = d.findings.filter((f) => ['CCN001', 'CCN002', 'CCN003'].includes(f.rule));
      expect(wrong, file).toEqual([]);
    }
  });

  it('slurm.txt: the scheduler proxy follows ReturnProxy (default false); scheduler-ha overrides it', () => {
    const t = parsed('Azure__cyclecloud-slurm__templates__slurm.txt');
    const d = diagnose({ situation: { cyclecloudVersion: 8, serverLocation: 'same-vnet' }, template: t });
    const byName = new Map(d.topology?.nodes.map((n) => [n.name, n]));
    expect(byName.get('scheduler')).toMatchObject({
      returnProxy: false,
      returnProxyParams: ['ReturnProxy'],
      os: 'linux',
    });
    expect(byName.get('scheduler-ha')).toMatchObject({
      kind: 'nodearray',
      returnProxy: false,
      returnProxyParams: [],
    });
    const info = d.findings.find((f) => f.rule === 'CCN006');
    expect(info?.message).toMatch(/parameter ReturnProxy \(line \d+, default false\)/);
    expect(info?.message).toContain('which is what your network');
    expect(info?.fix).toBe('Set ReturnProxy = false when creating the cluster.');
    const on = diagnose({
      situation: {},
      template: parseTemplate(readCorpus('Azure__cyclecloud-slurm__templates__slurm.txt'), {
        params: { ReturnProxy: 'true' },
      }),
    });
    expect(on.findings.filter((f) => f.rule === 'CCN001')).toEqual([]);
  });

  it('hpcpack2019.txt: a Linux proxy next to a Windows head node', () => {
    const t = parsed('Azure__cyclecloud-hpcpack__templates__hpcpack2019.txt');
    expect(situationFromTemplate(t)).toEqual({ proxyCandidateOs: 'linux' });
    const nodes = new Map(diagnose({ situation: {}, template: t }).topology?.nodes.map((n) => [n.name, n]));
    expect(nodes.get('proxy')).toMatchObject({ returnProxy: true, os: 'linux' });
    expect(nodes.get('hn')).toMatchObject({ returnProxy: false, os: 'windows' });
  });

  it('hpcpack2019noproxy.txt: the Windows head node needs a separate Linux proxy', () => {
    const t = parsed('Azure__cyclecloud-hpcpack__templates__hpcpack2019noproxy.txt');
    expect(situationFromTemplate(t)).toEqual({ proxyCandidateOs: 'windows' });
    const d = diagnose({
      situation: {
        cyclecloudVersion: 8,
        serverLocation: 'other-vnet',
        peering: 'impossible',
        publicIpAllowed: true,
      },
      template: t,
    });
    const ini = d.recommendation.snippets.find((s) => s.language === 'ini')?.code ?? '';
    expect(ini).toContain('[[node proxy]]');
    expect(ini).toContain('SubnetId = $SubnetId');
  });
});
