// The resolved cluster: inheritance order, child sections, parameter substitution and overrides, resolve findings.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CycleCloud templates write ${expr} literally.
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { attr, node, plain, rules } from './support.ts';

const lines = (...text: string[]) => text.join('\n');

const INHERITANCE = lines(
  '[cluster c]', // 1
  '[[node defaults]]', // 2
  'MachineType = small', // 3
  'ImageName = defaults-image', // 4
  'Zone = 1', // 5
  '[[[network-interface eth0]]]', // 6
  'AssociatePublicIpAddress = true', // 7
  '[[node base]]', // 8
  'Abstract = true', // 9
  'MachineType = base-size', // 10
  'Zone = 2', // 11
  '[[[configuration]]]', // 12
  'slurm.role = execute', // 13
  '[[node gpu]]', // 14
  'Abstract = true', // 15
  'MachineType = gpu-size', // 16
  '[[[network-interface eth0]]]', // 17
  'AssociatePublicIpAddress = false', // 18
  '[[nodearray worker]]', // 19
  'Extends = base, gpu', // 20
  'ImageName = own-image', // 21
  '[[[configuration]]]', // 22
  'slurm.partition = hpc', // 23
);

describe('inheritance', () => {
  const t = parseTemplate(INHERITANCE);
  const worker = node(t, 'worker');

  it('applies [[node defaults]], then each Extends parent in order (later wins), then the node itself', () => {
    expect(attr(worker, 'machinetype')).toMatchObject({ raw: 'gpu-size', line: 16, origin: 'gpu' });
    expect(attr(worker, 'zone')).toMatchObject({ raw: '2', line: 11, origin: 'base' });
    expect(attr(worker, 'imagename')).toMatchObject({ raw: 'own-image', line: 21, origin: 'own' });
    expect(worker.extends).toEqual(['base', 'gpu']);
  });

  it('does not let [[node defaults]] undo an earlier parent through a later one', () => {
    // gpu does not set Zone, so base's Zone = 2 stands over the defaults' Zone = 1.
    expect(plain(attr(worker, 'zone'))).toBe(2);
  });

  it('inherits and merges child sections by path', () => {
    expect(attr(worker, 'network-interface eth0/associatepublicipaddress')).toMatchObject({
      value: { kind: 'boolean', value: false },
      line: 18,
      origin: 'gpu',
    });
    expect(attr(worker, 'configuration/slurm.role')).toMatchObject({ raw: 'execute', origin: 'base' });
    expect(attr(worker, 'configuration/slurm.partition')).toMatchObject({ raw: 'hpc', origin: 'own' });
    expect(attr(node(t, 'base'), 'network-interface eth0/associatepublicipaddress')).toMatchObject({
      line: 7,
      origin: 'defaults',
    });
  });

  it('flags Abstract nodes and does not inherit Abstract or Extends', () => {
    expect(t.cluster.nodes.map((n) => [n.name, n.kind, n.abstract, n.line])).toEqual([
      ['base', 'node', true, 8],
      ['gpu', 'node', true, 14],
      ['worker', 'nodearray', false, 19],
    ]);
    expect(worker.attributes.has('abstract')).toBe(false);
  });

  it('exposes [[node defaults]] as cluster.defaults, not as a node', () => {
    expect(t.cluster.nodes.map((n) => n.name)).not.toContain('defaults');
    expect(t.cluster.defaults?.line).toBe(2);
    expect(
      attr(t.cluster.defaults ?? worker, 'network-interface eth0/associatepublicipaddress'),
    ).toMatchObject({
      origin: 'defaults',
      line: 7,
    });
    expect(t.cluster).toMatchObject({ name: 'c', line: 1 });
    expect(t.findings).toEqual([]);
  });

  it('keeps the origin of the line through a chain of Extends', () => {
    const chain = parseTemplate(
      lines(
        '[cluster c]',
        '[[node a]]',
        'X = 1',
        '[[node b]]',
        'Extends = a',
        'Y = 2',
        '[[node d]]',
        'Extends = b',
      ),
    );
    expect(attr(node(chain, 'd'), 'x')).toMatchObject({ origin: 'a', line: 3 });
    expect(attr(node(chain, 'd'), 'y')).toMatchObject({ origin: 'b', line: 6 });
  });

  it('resolves a node that extends one declared after it', () => {
    const later = parseTemplate(
      lines('[cluster c]', '[[node b]]', 'Extends = a', '[[node a]]', 'IsReturnProxy = true'),
    );
    expect(plain(attr(node(later, 'b'), 'isreturnproxy'))).toBe(true);
  });
});

describe('parameters in values', () => {
  const TEMPLATE = lines(
    '[cluster c]',
    '[[node defaults]]',
    'SubnetId = $Subnetid',
    '[[node proxy]]',
    'IsReturnProxy = $ReturnProxy',
    'ImageName = $Image',
    'Zone = $SchedulerZone',
    'Size = ${ifThenElse(BootDiskSize > 0, BootDiskSize, undefined)}',
    'Label = $Undeclared',
    'Dynamic := "dyn"',
    '[parameters p]',
    '[[parameter ReturnProxy]]',
    'DefaultValue = false',
    '[[parameter SubnetId]]',
    'DefaultValue = rg/vnet/subnet',
    '[[parameter Image]]',
    'ParameterType = Cloud.Image',
    '[[parameter SchedulerZone]]',
    'DefaultValue = =undefined',
    '[[parameter BootDiskSize]]',
    'DefaultValue = 0',
  );

  it('resolves $Param to the parameter default, case-insensitively, and records the parameters that fed it', () => {
    const t = parseTemplate(TEMPLATE);
    const proxy = node(t, 'proxy');
    expect(attr(proxy, 'isreturnproxy')).toMatchObject({
      value: { kind: 'boolean', value: false },
      params: ['ReturnProxy'],
    });
    expect(attr(proxy, 'subnetid')).toMatchObject({
      value: { kind: 'string', value: 'rg/vnet/subnet' },
      params: ['SubnetId'],
      origin: 'defaults',
      line: 3,
    });
    expect(attr(proxy, 'zone')).toMatchObject({ value: { kind: 'undefined' }, params: ['SchedulerZone'] });
    expect(attr(proxy, 'dynamic').value).toEqual({ kind: 'string', value: 'dyn' });
  });

  it('keeps a parameter without default, and any ${…}, as depends on the parameters involved', () => {
    const t = parseTemplate(TEMPLATE);
    const proxy = node(t, 'proxy');
    expect(attr(proxy, 'imagename').value).toEqual({ kind: 'depends', expr: '$Image', params: ['Image'] });
    expect(attr(proxy, 'size')).toMatchObject({
      value: { kind: 'depends', params: ['BootDiskSize'] },
      params: ['BootDiskSize'],
    });
    expect(attr(proxy, 'label').value).toEqual({
      kind: 'depends',
      expr: '$Undeclared',
      params: ['Undeclared'],
    });
  });

  it('applies --param overrides by case-insensitive name, read like template values', () => {
    const t = parseTemplate(TEMPLATE, { params: { returnproxy: 'TRUE', IMAGE: 'almalinux8', Unused: '1' } });
    const proxy = node(t, 'proxy');
    expect(attr(proxy, 'isreturnproxy')).toMatchObject({
      value: { kind: 'boolean', value: true },
      params: ['ReturnProxy'],
    });
    expect(attr(proxy, 'imagename').value).toEqual({ kind: 'string', value: 'almalinux8' });
    expect(t.parameters.get('returnproxy')?.override).toEqual({ kind: 'boolean', value: true });
    const unknown = t.findings.filter((f) => f.rule === 'CCN116');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('unused');
  });

  it('lets an override supply a parameter the file only references', () => {
    const t = parseTemplate(TEMPLATE, { params: { Undeclared: 'x' } });
    expect(plain(attr(node(t, 'proxy'), 'label'))).toBe('x');
    expect(rules(t)).not.toContain('CCN111');
  });

  it('reports a $Param that names no declared parameter once, at its first line', () => {
    const t = parseTemplate(`${TEMPLATE}\n[[[parameter Other]]]\nDefaultValue = $undeclared`);
    expect(t.findings.filter((f) => f.rule === 'CCN111')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 9,
        message: expect.stringContaining('$Undeclared on line 9 (and 1 more place)'),
      }),
    ]);
  });

  it('does not report $ClusterName, which CycleCloud supplies', () => {
    const t = parseTemplate(lines('[cluster c]', '[[node hn]]', 'ComputerName = $ClusterName'));
    expect(t.findings).toEqual([]);
    expect(plain(attr(node(t, 'hn'), 'computername'))).toBe('depends');
  });

  it('stops following parameters whose defaults name each other in a loop', () => {
    const t = parseTemplate(
      lines(
        '[cluster c]',
        '[[node a]]',
        'X = $A',
        '[parameters p]',
        '[[parameter A]]',
        'DefaultValue = $B',
        '[[parameter B]]',
        'DefaultValue = $A',
      ),
    );
    expect(attr(node(t, 'a'), 'x').value).toMatchObject({ kind: 'depends' });
    expect(attr(node(t, 'a'), 'x').params).toEqual(expect.arrayContaining(['A', 'B']));
  });
});

describe('resolve findings', () => {
  it('reports an Extends target that does not exist, at the Extends line, and still resolves the node', () => {
    const t = parseTemplate(lines('[cluster c]', '[[node a]]', 'Extends = ghost', 'IsReturnProxy = true'));
    expect(t.findings).toEqual([
      expect.objectContaining({
        rule: 'CCN109',
        severity: 'warning',
        line: 3,
        node: 'a',
        message: expect.stringContaining('ghost'),
      }),
    ]);
    expect(plain(attr(node(t, 'a'), 'isreturnproxy'))).toBe(true);
  });

  it('reports an Extends cycle once, without hanging, and resolves what it can', () => {
    const t = parseTemplate(
      lines(
        '[cluster c]',
        '[[node a]]',
        'Extends = b',
        'A = 1',
        '[[node b]]',
        'Extends = a',
        'B = 2',
        '[[node self]]',
        'Extends = self',
      ),
    );
    const cycles = t.findings.filter((f) => f.rule === 'CCN110');
    expect(cycles).toHaveLength(2);
    expect(cycles[0]?.message).toMatch(/a → b → a/);
    expect(cycles.every((f) => f.severity === 'warning')).toBe(true);
    // The link that closes the loop (b -> a) is ignored; a still inherits from b.
    expect(plain(attr(node(t, 'a'), 'b'))).toBe(2);
    expect(node(t, 'b').attributes.has('a')).toBe(false);
    expect(plain(attr(node(t, 'self'), 'extends'))).toBe('self');
  });

  it('merges two sections of one node name and reports the duplicate; a node and nodearray sharing a name too', () => {
    const t = parseTemplate(
      lines(
        '[cluster c]',
        '[[node a]]',
        'X = 1',
        '[[node A]]',
        'Y = 2',
        '[[nodearray a]]',
        'Z = 3',
        '[[node defaults]]',
        '[[node defaults]]',
      ),
    );
    const duplicates = t.findings.filter((f) => f.rule === 'CCN112');
    expect(duplicates.map((f) => f.line)).toEqual([4, 6]);
    expect(t.cluster.nodes).toHaveLength(2);
    expect(plain(attr(node(t, 'a'), 'y'))).toBe(2);
  });

  it('reports a key set twice in one node, pointing at the later line that wins', () => {
    const t = parseTemplate(
      lines(
        '[cluster c]',
        '[[node a]]',
        'X = 1',
        '[[[network-interface]]]',
        'P = true',
        '[[[network-interface]]]',
        'P = false',
      ),
    );
    expect(t.findings).toEqual([
      expect.objectContaining({ rule: 'CCN117', severity: 'info', line: 7, node: 'a' }),
    ]);
    expect(plain(attr(node(t, 'a'), 'network-interface/p'))).toBe(false);
  });

  it('analyses the first of several clusters and says so', () => {
    const t = parseTemplate(lines('[cluster one]', '[[node a]]', '[cluster two]', '[[node b]]'));
    expect(t.cluster.name).toBe('one');
    expect(t.cluster.nodes.map((n) => n.name)).toEqual(['a']);
    expect(t.findings).toEqual([expect.objectContaining({ rule: 'CCN105', severity: 'warning', line: 3 })]);
  });

  it('reports a file with no [cluster] as an error', () => {
    const t = parseTemplate(lines('[parameters p]', '[[parameter A]]', 'DefaultValue = 1'));
    expect(t.cluster).toEqual({ name: null, line: null, nodes: [], defaults: null });
    expect(t.findings).toEqual([expect.objectContaining({ rule: 'CCN106', severity: 'error' })]);
  });

  it('skips a node header without a name', () => {
    const t = parseTemplate(lines('[cluster c]', '[[node]]', 'X = 1', '[[node a]]'));
    expect(t.cluster.nodes.map((n) => n.name)).toEqual(['a']);
    expect(t.findings).toEqual([expect.objectContaining({ rule: 'CCN118', line: 2 })]);
  });

  it('turns an unexpected failure into a finding instead of throwing', () => {
    const hostile = {} as Record<string, string>;
    Object.defineProperty(hostile, 'boom', {
      enumerable: true,
      get() {
        throw new Error('getter exploded');
      },
    });
    const t = parseTemplate('[cluster c]', { params: hostile });
    expect(t.findings).toEqual([
      expect.objectContaining({
        rule: 'CCN119',
        severity: 'error',
        message: expect.stringContaining('getter exploded'),
      }),
    ]);
  });
});
