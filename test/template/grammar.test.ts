// Each grammar point of DESIGN.md "Template parsing", on small inline templates.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CycleCloud templates write ${expr} literally.
import { describe, expect, it } from 'vitest';
import { parseTemplate, type Section } from '../../knowledge/template/index.ts';
import { attr, node, plain, rules } from './support.ts';

const lines = (...text: string[]) => text.join('\n');

function child(section: Section | undefined, kind: string, name: string | null = null): Section {
  const found = section?.children.find((c) => c.kind === kind && c.name === name);
  if (!found) throw new Error(`no [${kind} ${name}] under ${section?.kind} ${section?.name}`);
  return found;
}

describe('headers', () => {
  it('ranks a header by its number of brackets, from 1 to 5, and nests by rank', () => {
    const t = parseTemplate(
      lines(
        '[parameters All]',
        '[[parameters Group]]',
        '[[[parameter A]]]',
        '[[[[list Config.Entries]]]]',
        '[[[[[record Deep]]]]]',
        'Key = 1',
      ),
    );
    const top = t.sections[0];
    expect(top).toMatchObject({ rank: 1, kind: 'parameters', name: 'All' });
    const deep = child(
      child(child(child(top, 'parameters', 'Group'), 'parameter', 'A'), 'list', 'Config.Entries'),
      'record',
      'Deep',
    );
    expect(deep.rank).toBe(5);
    expect(deep.attributes.map((a) => a.key)).toEqual(['Key']);
  });

  it('ignores indentation: attributes belong to the last header seen, whatever their indent', () => {
    const t = parseTemplate(
      lines(
        '[cluster c]',
        '        [[node a]]',
        'MachineType = big',
        '    [[[configuration]]]',
        'slurm.role = scheduler',
        '  [[node b]]',
        '                  MachineType = small',
      ),
    );
    expect(plain(attr(node(t, 'a'), 'machinetype'))).toBe('big');
    expect(plain(attr(node(t, 'a'), 'configuration/slurm.role'))).toBe('scheduler');
    expect(plain(attr(node(t, 'b'), 'machinetype'))).toBe('small');
    expect(node(t, 'b').attributes.has('configuration/slurm.role')).toBe(false);
  });

  it('keeps names with spaces, dots, colons, slashes and $Param, and allows spaces inside the brackets', () => {
    const t = parseTemplate(
      lines(
        '[cluster My Cluster]',
        '[[ node  x ]]',
        '[[[cluster-init cyclecloud/slurm:default:$Version]]]',
        '[[[configuration cyclecloud.mounts.nfs_shared]]]',
        '[parameters Virtual Machines ]',
      ),
    );
    const cluster = t.sections[0];
    expect(cluster?.name).toBe('My Cluster');
    const x = child(cluster, 'node', 'x');
    expect(child(x, 'cluster-init', 'cyclecloud/slurm:default:$Version').rank).toBe(3);
    expect(child(x, 'configuration', 'cyclecloud.mounts.nfs_shared').rank).toBe(3);
    expect(t.sections[1]).toMatchObject({ kind: 'parameters', name: 'Virtual Machines' });
    expect(t.cluster.nodes.map((n) => n.name)).toEqual(['x']);
  });

  it('reads unnamed sections with a null name', () => {
    const t = parseTemplate(lines('[cluster c]', '[[node a]]', '[[[configuration]]]', 'k = v'));
    expect(child(child(t.sections[0], 'node', 'a'), 'configuration')).toMatchObject({ name: null, rank: 3 });
  });

  it('merges repeated headers under the same parent, and keeps them apart under different parents', () => {
    const t = parseTemplate(
      lines(
        '[cluster c]',
        '[[node defaults]]',
        'Region = east',
        '[[node a]]',
        '[[[configuration]]]',
        'one = 1',
        '[[[network-interface eth0]]]',
        'AssociatePublicIpAddress = false',
        '[[[configuration]]]',
        'two = 2',
        '[[node defaults]]',
        'SubnetId = s',
        '[[node b]]',
        '[[[configuration]]]',
        'three = 3',
      ),
    );
    const cluster = t.sections[0];
    expect(cluster?.children.filter((c) => c.name === 'defaults')).toHaveLength(1);
    expect(child(cluster, 'node', 'defaults').attributes.map((a) => a.key)).toEqual(['Region', 'SubnetId']);
    const a = child(cluster, 'node', 'a');
    expect(a.children.filter((c) => c.kind === 'configuration')).toHaveLength(1);
    expect(child(a, 'configuration').attributes.map((x) => [x.key, x.line])).toEqual([
      ['one', 6],
      ['two', 10],
    ]);
    expect(child(child(cluster, 'node', 'b'), 'configuration').attributes.map((x) => x.key)).toEqual([
      'three',
    ]);
    expect(t.findings).toEqual([]);
  });

  it('appends repeated [[[[list]]]] sections instead of merging them', () => {
    const t = parseTemplate(
      lines(
        '[parameters P]',
        '[[[parameter Policy]]]',
        '[[[[list Config.Entries]]]]',
        'Name = Terminate',
        '[[[[list Config.Entries]]]]',
        'Name = Deallocate',
      ),
    );
    const policy = child(t.sections[0], 'parameter', 'Policy');
    expect(policy.children.map((c) => c.attributes[0]?.raw)).toEqual(['Terminate', 'Deallocate']);
  });

  it('reads section kinds case-insensitively', () => {
    const t = parseTemplate(lines('[CLUSTER c]', '[[NodeArray Execute]]', 'MaxCount = 4'));
    expect(t.cluster.name).toBe('c');
    expect(t.cluster.nodes).toMatchObject([{ name: 'Execute', kind: 'nodearray' }]);
  });
});

describe('attributes', () => {
  const one = (text: string) => {
    const t = parseTemplate(lines('[cluster c]', '[[node a]]', text));
    const attribute = t.sections[0]?.children[0]?.attributes[0];
    if (!attribute) throw new Error(`no attribute parsed from ${text}`);
    return attribute;
  };

  it('splits Key = value at the first =, with or without spaces', () => {
    expect(one('Config.Template = a = b == c')).toMatchObject({ key: 'Config.Template', raw: 'a = b == c' });
    expect(one('ManagedLifecycle=true')).toMatchObject({
      key: 'ManagedLifecycle',
      value: { kind: 'boolean', value: true },
    });
  });

  it('keeps := values as unevaluated expressions', () => {
    expect(one('Conditions.Excluded := AdditionalNFS isnt true')).toMatchObject({
      operator: ':=',
      key: 'Conditions.Excluded',
      value: { kind: 'expression', expr: 'AdditionalNFS isnt true' },
    });
  });

  it('reads a value starting with = as an expression', () => {
    expect(one('DefaultValue = =undefined')).toMatchObject({
      operator: '=',
      raw: '=undefined',
      value: { kind: 'expression', expr: 'undefined' },
    });
  });

  it('classifies booleans in any case, numbers, quoted strings, undefined, $Param and ${expr}', () => {
    expect(one('a = TRUE').value).toEqual({ kind: 'boolean', value: true });
    expect(one('a = False').value).toEqual({ kind: 'boolean', value: false });
    expect(one('a = 11100').value).toEqual({ kind: 'number', value: 11100 });
    expect(one('a = -1.5').value).toEqual({ kind: 'number', value: -1.5 });
    expect(one('a = 1.2.0').value).toEqual({ kind: 'string', value: '1.2.0' });
    expect(one('a = 32,000').value).toEqual({ kind: 'string', value: '32,000' });
    expect(one('a = "Cluster Prefix"').value).toEqual({ kind: 'string', value: 'Cluster Prefix' });
    expect(one("a = 'use_interactive_step'").value).toEqual({
      kind: 'string',
      value: 'use_interactive_step',
    });
    expect(one('a = "say \\"hi\\""').value).toEqual({ kind: 'string', value: 'say "hi"' });
    expect(one('a = undefined').value).toEqual({ kind: 'undefined' });
    expect(one('a = $SubnetId').value).toEqual({ kind: 'param', name: 'SubnetId' });
    expect(one('a = ${ifThenElse(X, Y, undefined)}').value).toMatchObject({ kind: 'expression' });
    expect(one('a = img:${Sku}:latest').value).toMatchObject({
      kind: 'expression',
      expr: 'img:${Sku}:latest',
    });
    expect(one('a = $A, $B').value).toMatchObject({ kind: 'expression', expr: '$A, $B' });
    expect(one('a = recipe[cuser], recipe[cganglia::client]').value).toEqual({
      kind: 'string',
      value: 'recipe[cuser], recipe[cganglia::client]',
    });
    expect(one('rhel.subscription.username = ').value).toEqual({ kind: 'string', value: '' });
  });

  it('reads \'\'\'…\'\'\' and """…""" values across lines, where #, = and [headers] are text', () => {
    const t = parseTemplate(
      lines(
        '[cluster c]',
        '[[node a]]',
        "CloudInit = '''#!/bin/bash",
        'X=1 # not a comment',
        '[[node fake]]',
        "'''",
        'After = 1',
        'Description = """Set the AD Admin.',
        '   # still text',
        '   Use KeyVault."""',
        "Query = '''select Name where state === \"started\" '''",
        'Last = 2',
      ),
    );
    expect(t.cluster.nodes.map((n) => n.name)).toEqual(['a']);
    const a = node(t, 'a');
    expect(plain(attr(a, 'cloudinit'))).toBe('#!/bin/bash\nX=1 # not a comment\n[[node fake]]\n');
    expect(attr(a, 'cloudinit').line).toBe(3);
    expect(attr(a, 'after').line).toBe(7);
    expect(plain(attr(a, 'description'))).toBe('Set the AD Admin.\n   # still text\n   Use KeyVault.');
    expect(plain(attr(a, 'query'))).toBe('select Name where state === "started" ');
    expect(attr(a, 'last').line).toBe(12);
    expect(t.findings).toEqual([]);
  });

  it('skips full-line # comments and strips inline " #" comments outside quotes and ${…}', () => {
    const t = parseTemplate(
      lines(
        '# header comment',
        '[cluster c]',
        '    # indented comment',
        '[[node a]] # trailing comment on a header',
        'address = $AnfAddress         # ANF-CONFIG',
        'anchor = page#section',
        'color = #ffffff',
        'quoted = "a # b" # comment',
        'expr = ${a # b} # comment',
        'tab = x\t# comment',
        '[parameters p]',
        '[[parameter AnfAddress]]',
      ),
    );
    const a = node(t, 'a');
    expect(attr(a, 'address').raw).toBe('$AnfAddress');
    expect(attr(a, 'anchor').raw).toBe('page#section');
    expect(attr(a, 'color').raw).toBe('#ffffff');
    expect(plain(attr(a, 'quoted'))).toBe('a # b');
    expect(attr(a, 'expr').raw).toBe('${a # b}');
    expect(attr(a, 'tab').raw).toBe('x');
    expect(t.findings).toEqual([]);
  });

  it('reads CRLF, tabs, trailing spaces and a missing final newline like plain LF', () => {
    const lf = lines(
      '[cluster c]',
      '[[node a]]',
      'IsReturnProxy = true',
      "Note = '''one",
      "two'''",
      'Last = x',
    );
    const crlf = lf
      .replaceAll('\n', '\r\n')
      .replace('[[node a]]', '\t[[node a]]\t  ')
      .replace('= true', '=\ttrue  \t');
    const a = parseTemplate(crlf);
    const b = parseTemplate(`${lf}\n`);
    for (const t of [a, b]) {
      expect(plain(attr(node(t, 'a'), 'isreturnproxy'))).toBe(true);
      expect(plain(attr(node(t, 'a'), 'note'))).toBe('one\ntwo');
      expect(attr(node(t, 'a'), 'last')).toMatchObject({ raw: 'x', line: 6 });
      expect(t.findings).toEqual([]);
    }
  });

  it('compares keys case-insensitively, keeping the written case for display', () => {
    const t = parseTemplate(
      lines(
        '[cluster c]',
        '[[node a]]',
        'ISRETURNPROXY = true',
        '[[[Network-Interface ETH0]]]',
        'associatepublicipaddress = false',
      ),
    );
    const a = node(t, 'a');
    expect(attr(a, 'isreturnproxy').key).toBe('ISRETURNPROXY');
    expect(plain(attr(a, 'network-interface eth0/associatepublicipaddress'))).toBe(false);
  });

  it('keeps __proto__ and constructor as ordinary keys and names', () => {
    const t = parseTemplate(
      lines(
        '[cluster __proto__]',
        '[[node constructor]]',
        '__proto__ = polluted',
        'constructor = x',
        '[[[configuration __proto__]]]',
        'toString = 1',
      ),
    );
    const n = node(t, 'constructor');
    expect(plain(attr(n, '__proto__'))).toBe('polluted');
    expect(plain(attr(n, 'configuration __proto__/tostring'))).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(rules(t)).toEqual([]);
  });
});

describe('parameters', () => {
  it('collects [[[parameter X]]] from [parameters] trees at any rank, with type, default and label', () => {
    const t = parseTemplate(
      lines(
        '[cluster c]',
        '[parameters Required]',
        '[[parameters Networking]]',
        '[[[parameter SubnetId]]]',
        'Label = Subnet ID',
        'ParameterType = Azure.Subnet',
        '[[[parameter ReturnProxy]]]',
        'Label = "Return Proxy"',
        'DefaultValue = false',
        'ParameterType = Boolean',
        '[[[parameters Sub]]]',
        '[[[[parameter Nested]]]]',
        'DefaultValue = =undefined',
        '[parameters Other]',
        '[[parameter Direct]]',
        'DefaultValue = 4',
      ),
    );
    expect(t.parameters.get('subnetid')).toEqual({
      name: 'SubnetId',
      line: 4,
      label: 'Subnet ID',
      type: 'Azure.Subnet',
    });
    expect(t.parameters.get('returnproxy')).toMatchObject({
      label: 'Return Proxy',
      type: 'Boolean',
      defaultValue: { kind: 'boolean', value: false },
    });
    expect(t.parameters.get('nested')?.defaultValue).toMatchObject({ kind: 'expression', expr: 'undefined' });
    expect(t.parameters.get('direct')?.defaultValue).toEqual({ kind: 'number', value: 4 });
    expect([...t.parameters.keys()]).toEqual(['subnetid', 'returnproxy', 'nested', 'direct']);
  });

  it('lists the declared parameters an expression mentions, not functions, members or string contents', () => {
    const t = parseTemplate(
      lines(
        '[cluster c]',
        '[[node a]]',
        'SubnetId = ${ifThenElse(accesssubnet !== undefined, AccessSubnet, ComputeSubnet)}',
        'Name = ${strcat(ClusterName, "ComputeSubnet")}',
        'Excluded := AdditionalNFS isnt true',
        'Id = ${vnet.ComputeSubnet}',
        '[parameters p]',
        '[[parameter AccessSubnet]]',
        '[[parameter ComputeSubnet]]',
        '[[parameter AdditionalNFS]]',
        '[[parameter strcat]]',
      ),
    );
    const a = node(t, 'a');
    expect(attr(a, 'subnetid').value).toEqual({
      kind: 'depends',
      expr: '${ifThenElse(accesssubnet !== undefined, AccessSubnet, ComputeSubnet)}',
      params: ['AccessSubnet', 'ComputeSubnet'],
    });
    expect(attr(a, 'name').params).toEqual([]);
    expect(attr(a, 'excluded').params).toEqual(['AdditionalNFS']);
    expect(attr(a, 'id').params).toEqual([]);
  });
});
