// Every public template in ../shared/corpus parses without an error finding; 15 of them, read by hand, have their
// return-proxy nodes checked exactly (nodes, not abstract, whose effective IsReturnProxy is true).
import { describe, expect, it } from 'vitest';
import { FindingSchema } from '../../knowledge/model.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { corpusAvailable, corpusFiles, readCorpus } from '../support/corpus.ts';
import { attr, errors, node, plain, returnProxies } from './support.ts';

describe.runIf(corpusAvailable)('corpus templates', () => {
  const files = corpusFiles();

  it('has the 98 templates the project was measured on', () => {
    expect(files.length).toBe(98);
  });

  it.each(files)('%s parses into a cluster with nodes and no error finding', (file) => {
    const t = parseTemplate(readCorpus(file));
    expect(errors(t)).toEqual([]);
    for (const finding of t.findings) expect(FindingSchema.safeParse(finding).success).toBe(true);
    expect(t.cluster.name).not.toBeNull();
    expect(t.cluster.nodes.length).toBeGreaterThan(0);
  });

  // [file, return proxies under the parameters' defaults, and optionally with --param overrides]
  const HAND_CHECKED: [string, string[], Record<string, string>?, string[]?][] = [
    // IsReturnProxy = $ReturnProxy (default false); scheduler-ha extends scheduler and sets false itself.
    ['Azure__cyclecloud-slurm__templates__slurm.txt', [], { ReturnProxy: 'true' }, ['scheduler']],
    // Same layout, ReturnProxy defaults to true; a """ CloudInit script sits in [[node defaults]].
    [
      'Azure__cyclecloud-slurm-workspace__bicep__files-to-load__slurm.txt',
      ['scheduler'],
      { returnproxy: 'false' },
      [],
    ],
    // IsReturnProxy = false only in the abstract scheduler-base, inherited by three scheduler nodearrays.
    ['Azure__cyclecloud-slurm__templates__slurm-tertiary.txt', []],
    // Windows HPC Pack: a separate Linux [[node proxy]] with IsReturnProxy = true.
    ['Azure__cyclecloud-hpcpack__templates__hpcpack2019.txt', ['proxy']],
    // The no-proxy variant: no IsReturnProxy anywhere, though a ReturnProxy parameter is declared.
    ['Azure__cyclecloud-hpcpack__templates__hpcpack2019noproxy.txt', []],
    // [environment] section first, then a literal proxy node.
    ['Azure__cyclecloud-hpcpack__templates__adserver.txt', ['proxy']],
    ['Azure__cyclecloud-gluster__templates__glusterfs.txt', ['proxy']],
    // No parameters for it: IsReturnProxy = True on the only node.
    ['Azure__cyclecloud-gluster__templates__glusterfs-client.txt', ['glusterfs-client']],
    // Two [[node defaults]] sections, no IsReturnProxy.
    ['Azure__cyclecloud-gluster__examples__.glusterfs_rhel.txt', []],
    ['Azure__cyclecloud-lsf__templates__lsf.txt', ['proxy'], { ReturnProxy: 'false' }, []],
    ['Azure__cyclecloud-vFXT__projects__avere-vfxt__templates__az-vfxt-env.txt', ['shepherd']],
    // IsReturnProxy = ${configuration_dsvm_os == "windows" ? False : ReturnProxy}: depends, so not counted.
    ['Azure__cyclecloud-data-science-vm__templates__data-science-vm.txt', []],
    // [noderef] before the cluster, inline # comments on values.
    ['Azure__cyclecloud-hands-on-labs__EDA__templates__grid.txt', ['proxy']],
    ['Azure__cyclecloud-open-ondemand__templates__OpenOnDemand.txt', [], { ReturnProxy: 'true' }, ['OOD']],
    // IsReturnProxy = False written literally.
    ['Azure__azurehpc__cyclecloud__templates__azhpc-pbs.txt', []],
  ];

  it.each(HAND_CHECKED)('%s: return proxies %j', (file, expected, params, withParams) => {
    const text = readCorpus(file);
    expect(returnProxies(parseTemplate(text))).toEqual(expected);
    if (params) expect(returnProxies(parseTemplate(text, { params }))).toEqual(withParams);
  });

  it('resolves IsReturnProxy through Extends from an abstract node in slurm-tertiary.txt', () => {
    const t = parseTemplate(readCorpus('Azure__cyclecloud-slurm__templates__slurm-tertiary.txt'));
    expect(node(t, 'scheduler-base').abstract).toBe(true);
    for (const name of ['scheduler-primary', 'scheduler-secondary', 'scheduler-tertiary']) {
      expect(attr(node(t, name), 'isreturnproxy')).toMatchObject({
        value: { kind: 'boolean', value: false },
        line: 110,
        origin: 'scheduler-base',
      });
    }
  });

  it('keeps the data-science VM proxy setting as depending on the OS and ReturnProxy parameters', () => {
    const t = parseTemplate(readCorpus('Azure__cyclecloud-data-science-vm__templates__data-science-vm.txt'));
    const isProxy = attr(node(t, 'dsvm'), 'isreturnproxy');
    expect(plain(isProxy)).toBe('depends');
    expect(isProxy.params).toEqual(['configuration_dsvm_os', 'ReturnProxy']);
  });
});
