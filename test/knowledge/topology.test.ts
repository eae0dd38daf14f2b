// The topology DESIGN.md promises for a template, and the facts a template answers for the flow.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CycleCloud templates write ${expr} literally.
import { describe, expect, it } from 'vitest';
import {
  buildTopology,
  situationFromTemplate,
  type TopologyNode,
  TopologySchema,
} from '../../knowledge/index.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { template } from './support.ts';

function topo(text: string, params?: Record<string, string>) {
  const t = buildTopology(parseTemplate(text, params ? { params } : {}));
  expect(TopologySchema.safeParse(t).success).toBe(true);
  return t;
}

function node(text: string, name: string): TopologyNode | undefined {
  return topo(text).nodes.find((n) => n.name === name);
}

const slurmLike = template(
  '[cluster slurm]',
  '  [[node defaults]]',
  '  SubnetId = $SubnetId',
  '  [[node scheduler]]',
  '  ImageName = $SchedulerImageName',
  '  IsReturnProxy = $ReturnProxy',
  '    [[[network-interface eth0]]]',
  '    AssociatePublicIpAddress = $UsePublicNetwork',
  '  [[nodearray scheduler-ha]]',
  '  Extends = scheduler',
  '  IsReturnProxy = false',
  '  [[node base]]',
  '  Abstract = true',
  '  [[nodearray hpc]]',
  '  Extends = base',
  '  ImageName = almalinux:almalinux-hpc:8_7-hpc-gen2:latest',
  '[parameters About]',
  '  [[parameters Advanced]]',
  '    [[[parameter ReturnProxy]]]',
  '    DefaultValue = false',
  '    [[[parameter UsePublicNetwork]]]',
  '    DefaultValue = false',
  '    [[[parameter SchedulerImageName]]]',
  '    DefaultValue = cycle.image.ubuntu22',
  '    [[[parameter SubnetId]]]',
);

describe('buildTopology', () => {
  it('lists every node and nodearray after inheritance, with cluster name, kind, line and abstract', () => {
    const t = topo(slurmLike);
    expect(t.cluster).toBe('slurm');
    expect(t.nodes.map((n) => [n.name, n.kind, n.abstract])).toEqual([
      ['scheduler', 'node', false],
      ['scheduler-ha', 'nodearray', false],
      ['base', 'node', true],
      ['hpc', 'nodearray', false],
    ]);
    expect(t.nodes[0]?.line).toBe(4);
  });

  it('resolves the proxy flag under the defaults and overrides, and names the parameters behind it', () => {
    expect(node(slurmLike, 'scheduler')).toMatchObject({
      returnProxy: false,
      returnProxyParams: ['ReturnProxy'],
    });
    expect(node(slurmLike, 'scheduler-ha')).toMatchObject({ returnProxy: false, returnProxyParams: [] });
    const on = topo(slurmLike, { ReturnProxy: 'true' }).nodes.find((n) => n.name === 'scheduler');
    expect(on?.returnProxy).toBe(true);
  });

  it('keeps "depends" for an expression it cannot evaluate', () => {
    const text = template('[cluster c]', '[[node a]]', 'IsReturnProxy = ${UseProxy && !Windows}');
    expect(node(text, 'a')?.returnProxy).toBe('depends');
  });

  it('reads the OS from ImageName parameters, URNs, ImageOS and JetpackPlatform', () => {
    expect(node(slurmLike, 'scheduler')?.os).toBe('linux');
    expect(node(slurmLike, 'hpc')?.os).toBe('linux');
    const cases: [string, TopologyNode['os']][] = [
      ['ImageName = MicrosoftWindowsServer:WindowsServer:2022-datacenter:latest', 'windows'],
      ['ImageName = cycle.image.win2019', 'windows'],
      ['ImageName = cycle.image.centos7', 'linux'],
      ['ImageName = Canonical:0001-com-ubuntu-server-jammy:22_04-lts:latest', 'linux'],
      ['ImageOS = windows', 'windows'],
      ['ImageOs = linux', 'linux'],
      ['JetpackPlatform = centos-7', 'linux'],
      ['JetpackPlatform = windows', 'windows'],
      ['ImageName = /subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/images/custom', 'unknown'],
      ['ImageOS = ${Platform == "windows" ? "windows" : "linux"}', 'unknown'],
    ];
    for (const [line, os] of cases) {
      expect(node(template('[cluster c]', '[[node n]]', line), 'n')?.os, line).toBe(os);
    }
  });

  it('gives a return proxy a public IP unless AssociatePublicIpAddress says otherwise; other nodes none by default', () => {
    expect(node(template('[cluster c]', '[[node p]]', 'IsReturnProxy = true'), 'p')?.publicIp).toBe(true);
    expect(node(template('[cluster c]', '[[node n]]'), 'n')?.publicIp).toBe(false);
    expect(node(slurmLike, 'scheduler')?.publicIp).toBe(false);
    const explicit = template(
      '[cluster c]',
      '[[node n]]',
      '[[[network-interface eth0]]]',
      'AssociatePublicIpAddress = true',
    );
    expect(node(explicit, 'n')?.publicIp).toBe(true);
    const unknown = template(
      '[cluster c]',
      '[[node n]]',
      '[[[network-interface eth0]]]',
      'AssociatePublicIpAddress = ${Public}',
    );
    expect(node(unknown, 'n')?.publicIp).toBe('depends');
  });

  it('reports the subnet as written when it is a parameter, else its value', () => {
    expect(node(slurmLike, 'hpc')?.subnet).toBe('$SubnetId');
    expect(node(template('[cluster c]', '[[node n]]', 'SubnetId = rg/vnet/compute'), 'n')?.subnet).toBe(
      'rg/vnet/compute',
    );
    expect(node(template('[cluster c]', '[[node n]]'), 'n')?.subnet).toBeNull();
  });
});

describe('situationFromTemplate', () => {
  it('reports the OS of the existing return proxy', () => {
    const hpcpack = template(
      '[cluster hpcpack]',
      '[[node proxy]]',
      'IsReturnProxy = true',
      'ImageName = cycle.image.centos7',
      '[[node hn]]',
      'ImageName = MicrosoftWindowsServer:WindowsServer:2019-Datacenter:latest',
    );
    expect(situationFromTemplate(parseTemplate(hpcpack))).toEqual({ proxyCandidateOs: 'linux' });
  });

  it('reports a Windows head node as the proxy candidate', () => {
    const noProxy = template('[cluster hpcpack]', '[[node hn]]', 'ImageOS = windows', '[[nodearray cn]]');
    expect(situationFromTemplate(parseTemplate(noProxy))).toEqual({ proxyCandidateOs: 'windows' });
  });

  it('says nothing it cannot read: unknown image, no nodes, nothing about the network', () => {
    expect(situationFromTemplate(parseTemplate(template('[cluster c]', '[[node n]]')))).toEqual({});
    expect(situationFromTemplate(parseTemplate(template('[cluster c]', '[[nodearray x]]')))).toEqual({});
    expect(Object.keys(situationFromTemplate(parseTemplate(slurmLike)))).toEqual(['proxyCandidateOs']);
  });
});
