// Every evaluator rule (CCN001-CCN015) on small templates: it fires where it should, with node, line and fix,
// and stays silent where it cannot prove its claim.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CycleCloud templates write ${expr} literally.
import { describe, expect, it } from 'vitest';
import { EVALUATOR_RULES, type Situation, TEMPLATE_RULES } from '../../knowledge/index.ts';
import { diagnoseValid, findingsOf, template } from './support.ts';

const cc8: Situation = { cyclecloudVersion: 8 };
const sameVnet: Situation = { ...cc8, serverLocation: 'same-vnet' };
const needsProxy: Situation = {
  ...cc8,
  serverLocation: 'other-vnet',
  peering: 'impossible',
  publicIpAllowed: true,
};

const twoProxies = template(
  '[cluster hpc]',
  '  [[node scheduler]]',
  '  ImageName = cycle.image.ubuntu22',
  '  IsReturnProxy = true',
  '',
  '  [[node login]]',
  '  ImageName = cycle.image.ubuntu22',
  '  IsReturnProxy = true',
);

describe('the rule table', () => {
  it('has stable unique ids, a title, what it catches and a fix for every evaluator and parser rule', () => {
    const ids = TEMPLATE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of TEMPLATE_RULES) {
      expect(rule.id).toMatch(/^CCN\d{3}$/);
      expect(rule.title.length).toBeGreaterThan(0);
      expect(rule.catches.length).toBeGreaterThan(0);
      expect(rule.fix.length).toBeGreaterThan(0);
    }
    expect(EVALUATOR_RULES.every((r) => Number(r.id.slice(3)) < 100)).toBe(true);
    expect(ids).toEqual(expect.arrayContaining(['CCN001', 'CCN015', 'CCN101']));
  });
});

describe('CCN001 more than one return proxy', () => {
  it('reports two explicit proxies as an error naming both with lines', () => {
    const [f, ...rest] = findingsOf(diagnoseValid(needsProxy, twoProxies), 'CCN001');
    expect(rest).toHaveLength(0);
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('scheduler (line 4)');
    expect(f?.message).toContain('login (line 8)');
    expect(f?.message).toMatch(/fails to start/);
    expect(f?.node).toBe('login');
    expect(f?.line).toBe(8);
    // A proxy is needed here: keep one, turn the other off
    expect(f?.fix).toContain('Keep IsReturnProxy = true on scheduler only');
    expect(f?.fix).toContain('IsReturnProxy = false on login');
  });

  it('turns both off where the recommendation needs no proxy', () => {
    const [f] = findingsOf(diagnoseValid(sameVnet, twoProxies), 'CCN001');
    expect(f?.fix).toBe(
      'Set IsReturnProxy = false on scheduler and login: nodes reach CycleCloud directly on this path.',
    );
  });

  it('counts proxies that come from [[node defaults]]', () => {
    const d = diagnoseValid(
      {},
      template('[cluster c]', '[[node defaults]]', 'IsReturnProxy = true', '[[node a]]', '[[node b]]'),
    );
    const [f] = findingsOf(d, 'CCN001');
    expect(f?.message).toContain('line 3 in [[node defaults]]');
    expect(findingsOf(d, 'CCN002')[0]?.node).toBe('defaults');
  });

  it('counts a nodearray that inherits the flag through Extends, and not one that overrides it', () => {
    const inherits = template(
      '[cluster c]',
      '[[node scheduler]]',
      'IsReturnProxy = true',
      '[[nodearray ha]]',
      'Extends = scheduler',
    );
    const d = diagnoseValid({}, inherits);
    expect(findingsOf(d, 'CCN001')[0]?.message).toContain('inherited from scheduler');
    const overrides = `${inherits}IsReturnProxy = false\n`;
    expect(findingsOf(diagnoseValid({}, overrides), 'CCN001')).toHaveLength(0);
  });

  it('follows parameter defaults and --param overrides', () => {
    const text = template(
      '[cluster c]',
      '[[node a]]',
      'IsReturnProxy = $ReturnProxy',
      '[[node b]]',
      'IsReturnProxy = $ReturnProxy',
      '[parameters About]',
      '[[parameters Advanced]]',
      '[[[parameter ReturnProxy]]]',
      'DefaultValue = true',
    );
    expect(findingsOf(diagnoseValid({}, text), 'CCN001')).toHaveLength(1);
    expect(findingsOf(diagnoseValid({}, text, undefined, { ReturnProxy: 'false' }), 'CCN001')).toHaveLength(
      0,
    );
  });

  it('claims nothing when the second flag is an expression it cannot evaluate', () => {
    const text = template(
      '[cluster c]',
      '[[node a]]',
      'IsReturnProxy = true',
      '[[node b]]',
      'IsReturnProxy = ${ifThenElse(UseProxy, true, false)}',
    );
    const d = diagnoseValid({}, text);
    expect(findingsOf(d, 'CCN001')).toHaveLength(0);
    expect(findingsOf(d, 'CCN012')).toHaveLength(1);
  });
});

describe('CCN002 return proxy on a nodearray or in node defaults', () => {
  it('reports a nodearray proxy with its line', () => {
    const d = diagnoseValid({}, template('[cluster c]', '[[nodearray execute]]', 'IsReturnProxy = true'));
    const [f] = findingsOf(d, 'CCN002');
    expect(f).toMatchObject({ severity: 'error', node: 'execute', line: 3 });
    expect(f?.fix).toContain('IsReturnProxy = false on nodearray execute');
  });

  it('reports [[node defaults]] once, not again for every nodearray that inherits it', () => {
    const d = diagnoseValid(
      {},
      template(
        '[cluster c]',
        '[[node defaults]]',
        'IsReturnProxy = true',
        '[[nodearray x]]',
        '[[nodearray y]]',
      ),
    );
    const found = findingsOf(d, 'CCN002');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ node: 'defaults', line: 3, severity: 'error' });
    expect(found[0]?.message).toContain('leaving 2 return proxies (x and y)');
    expect(found[0]?.message).toMatch(
      /^IsReturnProxy = true in \[\[node defaults\]\] \(line 3\) is inherited by x and y,/,
    );
  });

  it('warns, naming the one proxy left, when every other node overrides [[node defaults]]', () => {
    const d = diagnoseValid(
      {},
      template(
        '[cluster c]',
        '[[node defaults]]',
        'IsReturnProxy = true',
        '[[node scheduler]]',
        '[[nodearray execute]]',
        'IsReturnProxy = false',
      ),
    );
    const [f, ...rest] = findingsOf(d, 'CCN002');
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({ node: 'defaults', line: 3, severity: 'warning' });
    expect(f?.message).toContain(
      'today only scheduler ends up a proxy because every other node overrides it',
    );
    expect(f?.message).toContain('would become a second proxy');
    expect(f?.fix).toContain('to [[node scheduler]]');
    expect(findingsOf(d, 'CCN001')).toHaveLength(0);
  });
});

describe('CCN003 return proxy on a Windows node', () => {
  it.each([
    ['ImageName = MicrosoftWindowsServer:WindowsServer:2019-Datacenter:latest'],
    ['ImageName = cycle.image.win2016'],
    ['ImageOS = windows'],
    ['JetpackPlatform = windows'],
    ['ImageName = MicrosoftWindowsServerHPCPack:WindowsServerHPCPack:${Sku}:latest'],
  ])('recognises %s', (osLine) => {
    const text = template('[cluster win]', '[[node hn]]', osLine, 'IsReturnProxy = true');
    const [f] = findingsOf(diagnoseValid(needsProxy, text), 'CCN003');
    expect(f).toMatchObject({ severity: 'error', node: 'hn', line: 4 });
    expect(f?.fix).toContain('[[node proxy]]');
    // Where no proxy is needed, the Windows node just stops being one
    const [direct] = findingsOf(diagnoseValid(sameVnet, text), 'CCN003');
    expect(direct?.fix).toMatch(/^Set IsReturnProxy = false on hn: /);
  });

  it('leaves Linux proxies alone', () => {
    const d = diagnoseValid(
      {},
      template('[cluster c]', '[[node s]]', 'ImageName = cycle.image.centos7', 'IsReturnProxy = true'),
    );
    expect(findingsOf(d, 'CCN003')).toHaveLength(0);
  });
});

describe('CCN004 return proxy without the public IP it needs', () => {
  it('reports AssociatePublicIpAddress = false at its line, whatever the situation', () => {
    const text = template(
      '[cluster c]',
      '[[node proxy]]',
      'IsReturnProxy = true',
      '  [[[network-interface eth0]]]',
      '  AssociatePublicIpAddress = false',
    );
    const [f] = findingsOf(diagnoseValid({}, text), 'CCN004');
    expect(f).toMatchObject({ severity: 'error', node: 'proxy', line: 5 });
  });

  it('names the parameter when the false comes from a default', () => {
    const text = template(
      '[cluster c]',
      '[[node proxy]]',
      'IsReturnProxy = true',
      '  [[[network-interface eth0]]]',
      '  AssociatePublicIpAddress = $ProxyPublicIp',
      '[parameters P]',
      '[[parameters Q]]',
      '[[[parameter ProxyPublicIp]]]',
      'DefaultValue = false',
    );
    const [f] = findingsOf(diagnoseValid(needsProxy, text), 'CCN004');
    expect(f?.message).toContain('parameter ProxyPublicIp');
    expect(f?.fix).toContain('Set ProxyPublicIp = true');
    expect(findingsOf(diagnoseValid({}, text, undefined, { ProxyPublicIp: 'true' }), 'CCN004')).toHaveLength(
      0,
    );
  });

  it('follows the recommendation: proxy off on a direct path, a public IP where the proxy stays (gridengine.txt)', () => {
    const text = template(
      '[cluster ge]',
      '[[node scheduler]]',
      'IsReturnProxy = $ReturnProxy',
      '  [[[network-interface eth0]]]',
      '  AssociatePublicIpAddress = $UsePublicNetwork',
      '[parameters P]',
      '[[parameters Q]]',
      '[[[parameter ReturnProxy]]]',
      'DefaultValue = true',
      '[[[parameter UsePublicNetwork]]]',
      'DefaultValue = false',
    );
    const peering = { ...cc8, serverLocation: 'other-vnet', peering: 'none', firewall: 'nsg' } as const;
    const off = diagnoseValid(peering, text);
    const [f] = findingsOf(off, 'CCN004');
    expect(f?.fix).toMatch(/^Turn the return proxy off \(parameter ReturnProxy = false\)/);
    expect(f?.fix).not.toContain('UsePublicNetwork');
    expect(off.recommendation.steps.join('\n')).toContain('parameter ReturnProxy = false');
    const [on] = findingsOf(diagnoseValid(needsProxy, text), 'CCN004');
    expect(on?.fix).toMatch(/^Set UsePublicNetwork = true/);
    const [assumed] = findingsOf(diagnoseValid({}, text), 'CCN004');
    expect(assumed?.fix).toContain('the path is assumed');
  });

  it('reports a proxy CycleCloud can only reach over a public IP when policy forbids them', () => {
    const text = template('[cluster c]', '[[node proxy]]', 'IsReturnProxy = true');
    const noIp = { ...needsProxy, publicIpAllowed: false };
    const [f] = findingsOf(diagnoseValid(noIp, text), 'CCN004');
    expect(f?.message).toMatch(/policy forbids/);
    expect(f?.fix).toMatch(/VPN or ExpressRoute/);
    expect(findingsOf(diagnoseValid(needsProxy, text), 'CCN004')).toHaveLength(0);
    expect(
      findingsOf(
        diagnoseValid({ ...cc8, serverLocation: 'on-premises', publicIpAllowed: false }, text),
        'CCN004',
      ),
    ).toHaveLength(0);
  });
});

describe('CCN005 return proxy where nodes reach CycleCloud directly', () => {
  const proxy = template('[cluster c]', '[[node scheduler]]', 'IsReturnProxy = true');

  it.each([
    [{ serverLocation: 'same-vnet' }],
    [{ serverLocation: 'other-vnet', peering: 'connected' }],
    [{ serverLocation: 'on-premises', privateLink: 'vpn' }],
  ] as [Situation][])('warns when the situation says %j', (s) => {
    const [f] = findingsOf(diagnoseValid({ ...cc8, ...s }, proxy), 'CCN005');
    expect(f).toMatchObject({ severity: 'warning', node: 'scheduler', line: 3 });
    expect(f?.message).toMatch(/public IP and SSH exposure/);
  });

  it('stays silent when the location was only assumed', () => {
    expect(findingsOf(diagnoseValid({}, proxy), 'CCN005')).toHaveLength(0);
  });

  it('turns the proxy off in the recommendation snippets', () => {
    const d = diagnoseValid(sameVnet, proxy);
    expect(d.recommendation.snippets.map((s) => s.code).join('\n')).toContain(
      '[[node scheduler]]\n  IsReturnProxy = false',
    );
  });
});

describe('CCN006 return proxy controlled by a parameter', () => {
  const text = template(
    '[cluster slurm]',
    '[[node scheduler]]',
    'IsReturnProxy = $ReturnProxy',
    '[parameters P]',
    '[[parameters Advanced Networking]]',
    '[[[parameter ReturnProxy]]]',
    'DefaultValue = false',
  );

  it('names the parameter with its own line and default, and what to set for this situation', () => {
    const [f] = findingsOf(diagnoseValid(needsProxy, text), 'CCN006');
    expect(f).toMatchObject({ severity: 'info', node: 'scheduler', line: 3 });
    expect(f?.message).toContain('IsReturnProxy for scheduler (line 3) comes from');
    expect(f?.message).toContain('parameter ReturnProxy (line 6, default false)');
    expect(f?.message).toContain('the return proxy is off unless ReturnProxy is changed');
    expect(f?.message).toContain('needs it on');
    expect(f?.fix).toBe('Set ReturnProxy = true when creating the cluster.');
    expect(findingsOf(diagnoseValid(sameVnet, text), 'CCN006')[0]?.fix).toBe(
      'Set ReturnProxy = false when creating the cluster.',
    );
  });

  it('mentions a --param override', () => {
    const [f] = findingsOf(diagnoseValid({}, text, undefined, { ReturnProxy: 'true' }), 'CCN006');
    expect(f?.message).toContain('set to true by --param');
    expect(f?.message).toContain('so the return proxy is on;');
  });

  it('reads right for a default of true and of false when the network is unknown', () => {
    const on = findingsOf(
      diagnoseValid({}, text.replace('DefaultValue = false', 'DefaultValue = true')),
      'CCN006',
    );
    expect(on[0]?.message).toContain('the return proxy is on unless ReturnProxy is changed');
    expect(on[0]?.message).toContain('keep it on only when nodes cannot reach CycleCloud directly');
    const off = findingsOf(diagnoseValid({}, text), 'CCN006');
    expect(off[0]?.message).toContain('the return proxy is off unless ReturnProxy is changed');
    expect(off[0]?.message).toContain('turn it on only when nodes cannot reach CycleCloud directly');
  });

  it('merges with CCN005 on the same line: one finding that names the parameter', () => {
    const on = text.replace('DefaultValue = false', 'DefaultValue = true');
    const d = diagnoseValid(sameVnet, on);
    expect(findingsOf(d, 'CCN006')).toHaveLength(0);
    const [f, ...rest] = findingsOf(d, 'CCN005');
    expect(rest).toHaveLength(0);
    expect(f?.line).toBe(3);
    expect(f?.message).toContain('through parameter ReturnProxy (line 6, default true)');
  });

  it('resolves a plain ${ReturnProxy} like $ReturnProxy instead of calling it an expression', () => {
    const braced = text.replace('IsReturnProxy = $ReturnProxy', 'IsReturnProxy = ${ ReturnProxy }');
    const d = diagnoseValid({}, braced, undefined, { ReturnProxy: 'true' });
    expect(d.topology?.nodes[0]).toMatchObject({ returnProxy: true, returnProxyParams: ['ReturnProxy'] });
    expect(findingsOf(d, 'CCN012')).toHaveLength(0);
    expect(findingsOf(d, 'CCN006')).toHaveLength(1);
  });

  it('recommends the parameter, not a rewrite, when the proxy is needed', () => {
    const d = diagnoseValid(needsProxy, text);
    const params = d.recommendation.snippets.find((s) => s.title === 'Parameters to set');
    expect(params?.code).toContain('"ReturnProxy":true');
  });
});

describe('CCN007 ReturnProxyAddress = public without a public IP', () => {
  it('warns at the ReturnProxyAddress line', () => {
    const text = template(
      '[cluster c]',
      '[[node proxy]]',
      'IsReturnProxy = true',
      'ReturnProxyAddress = public',
      '  [[[network-interface eth0]]]',
      '  AssociatePublicIpAddress = false',
    );
    const [f] = findingsOf(diagnoseValid({}, text), 'CCN007');
    expect(f).toMatchObject({ severity: 'warning', node: 'proxy', line: 4 });
  });

  it('is fine with a public IP', () => {
    const text = template(
      '[cluster c]',
      '[[node proxy]]',
      'IsReturnProxy = true',
      'ReturnProxyAddress = public',
    );
    expect(findingsOf(diagnoseValid({}, text), 'CCN007')).toHaveLength(0);
  });
});

describe('port rules', () => {
  it('CCN008: 5672/37141 opened on CycleCloud 8, only when the version is stated', () => {
    const [f] = findingsOf(diagnoseValid({ ...sameVnet, openPorts: [9443, 5672, 37141] }), 'CCN008');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('5672 and 37141');
    expect(
      findingsOf(diagnoseValid({ serverLocation: 'same-vnet', openPorts: [9443, 5672] }), 'CCN008'),
    ).toHaveLength(0);
  });

  it('CCN009: CycleCloud 7 without AMQP among the opened ports (5672 direct, 37141 via the proxy)', () => {
    const direct = findingsOf(
      diagnoseValid({ cyclecloudVersion: 7, serverLocation: 'same-vnet', openPorts: [443] }),
      'CCN009',
    );
    expect(direct[0]).toMatchObject({ severity: 'error' });
    expect(direct[0]?.message).toContain('5672');
    const proxy = findingsOf(
      diagnoseValid({ ...needsProxy, cyclecloudVersion: 7, openPorts: [37140] }),
      'CCN009',
    );
    expect(proxy[0]?.message).toContain('37141');
    expect(
      findingsOf(
        diagnoseValid({ cyclecloudVersion: 7, serverLocation: 'same-vnet', openPorts: [443, 5672] }),
        'CCN009',
      ),
    ).toHaveLength(0);
  });

  it('CCN010: a port the recommended path needs is blocked', () => {
    const [direct] = findingsOf(diagnoseValid({ ...sameVnet, blockedPorts: [9443] }), 'CCN010');
    expect(direct?.severity).toBe('error');
    expect(direct?.message).toBe(
      'Port 9443 is blocked, but the recommended path needs it for HTTPS from the node agent to CycleCloud (status, autoscale API) on the port webServerClusterPort sets.',
    );
    const [ssh] = findingsOf(diagnoseValid({ ...needsProxy, blockedPorts: [22] }), 'CCN010');
    expect(ssh?.message).toContain('SSH tunnel');
    expect(findingsOf(diagnoseValid({ ...sameVnet, blockedPorts: [37140] }), 'CCN010')).toHaveLength(0);
  });

  it('CCN010 names the subnet the nodes are in, at its line', () => {
    const text = template(
      '[cluster hpc]',
      '  [[node defaults]]',
      '  SubnetId = $SubnetId',
      '  [[node scheduler]]',
      '  ImageName = cycle.image.ubuntu22',
    );
    const [f] = findingsOf(diagnoseValid({ ...sameVnet, blockedPorts: [9443] }, text), 'CCN010');
    expect(f?.line).toBe(3);
    expect(f?.message).toMatch(
      /^Port 9443 is blocked, but .* webServerClusterPort sets; the nodes' subnet is SubnetId = \$SubnetId \(line 3 in \[\[node defaults\]\]\)\.$/,
    );
  });

  it('CCN010 on the proxy path points at the return proxy, and a CycleCloud 7 pair reads "are"', () => {
    const proxy = template(
      '[cluster hpc]',
      '  [[node scheduler]]',
      '  ImageName = cycle.image.ubuntu22',
      '  IsReturnProxy = true',
    );
    const [tunnel] = findingsOf(diagnoseValid({ ...needsProxy, blockedPorts: [37140] }, proxy), 'CCN010');
    expect(tunnel?.line).toBe(4);
    expect(tunnel?.node).toBe('scheduler');
    expect(tunnel?.message).toContain('; the return proxy is scheduler (IsReturnProxy at line 4).');
    const cc7: Situation = { cyclecloudVersion: 7, serverLocation: 'same-vnet', blockedPorts: [443, 9443] };
    const [both] = findingsOf(diagnoseValid(cc7), 'CCN010');
    expect(both?.message).toMatch(
      /^Ports 443 and 9443 are blocked, but the recommended path needs one of them for HTTPS/,
    );
  });

  it('CCN014: the HTTPS port of the path is not among the opened ports', () => {
    expect(findingsOf(diagnoseValid({ ...sameVnet, openPorts: [443] }), 'CCN014')[0]?.message).toContain(
      '9443',
    );
    expect(findingsOf(diagnoseValid({ ...needsProxy, openPorts: [9443] }), 'CCN014')[0]?.message).toContain(
      '37140',
    );
    expect(findingsOf(diagnoseValid({ ...sameVnet, openPorts: [9443] }), 'CCN014')).toHaveLength(0);
  });

  it('CCN015: one of CycleCloud 7 HTTPS ports blocked is a warning, both an error', () => {
    const cc7: Situation = { cyclecloudVersion: 7, serverLocation: 'same-vnet' };
    expect(findingsOf(diagnoseValid({ ...cc7, blockedPorts: [443] }), 'CCN015')[0]?.message).toContain(
      'webServerClusterPort',
    );
    const both = diagnoseValid({ ...cc7, blockedPorts: [443, 9443] });
    expect(findingsOf(both, 'CCN015')).toHaveLength(0);
    expect(findingsOf(both, 'CCN010')).toHaveLength(1);
  });
});

describe('CCN011 ReturnPath.BrokerPort on CycleCloud 8', () => {
  const text = template(
    '[cluster c]',
    '[[node defaults]]',
    'ReturnPath.BrokerPort = 37141',
    '[[node a]]',
    '[[node b]]',
  );

  it('warns once for the line in [[node defaults]] when the version is stated', () => {
    const found = findingsOf(diagnoseValid(cc8, text), 'CCN011');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', line: 3 });
  });

  it('is silent on CycleCloud 7 and when the version is only assumed', () => {
    expect(findingsOf(diagnoseValid({ cyclecloudVersion: 7 }, text), 'CCN011')).toHaveLength(0);
    expect(findingsOf(diagnoseValid({}, text), 'CCN011')).toHaveLength(0);
  });
});

describe('CCN012 return proxy depends on an expression', () => {
  it('says it cannot evaluate and which parameters it depends on; never an error', () => {
    const text = template(
      '[cluster dsvm]',
      '[[node vm]]',
      'IsReturnProxy = ${Os == "windows" ? False : ReturnProxy}',
      '[parameters P]',
      '[[parameters Q]]',
      '[[[parameter ReturnProxy]]]',
      'DefaultValue = true',
      '[[[parameter Os]]]',
      'DefaultValue = linux',
    );
    const d = diagnoseValid(sameVnet, text);
    const [f] = findingsOf(d, 'CCN012');
    expect(f).toMatchObject({ severity: 'info', node: 'vm', line: 3 });
    expect(f?.message).toContain('cannot evaluate');
    expect(f?.message).toMatch(/ReturnProxy/);
    expect(d.topology?.nodes[0]?.returnProxy).toBe('depends');
    expect(d.findings.filter((x) => x.severity === 'error' && x.rule < 'CCN100')).toHaveLength(0);
  });
});

describe('CCN012 for an undecidable public IP on the proxy', () => {
  const text = template(
    '[cluster c]',
    '[[node proxy]]',
    'IsReturnProxy = true',
    '  [[[network-interface eth0]]]',
    '  AssociatePublicIpAddress = ${Public && !Locked}',
  );

  it('says the public IP must come out true where CycleCloud reaches the proxy over the Internet', () => {
    const [f] = findingsOf(diagnoseValid(needsProxy, text), 'CCN012');
    expect(f).toMatchObject({ severity: 'info', node: 'proxy', line: 5 });
    expect(f?.message).toMatch(/must come out true/);
    expect(findingsOf(diagnoseValid(needsProxy, text), 'CCN004')).toHaveLength(0);
  });

  it('stays silent where the public IP does not matter or the route is assumed', () => {
    expect(findingsOf(diagnoseValid(sameVnet, text), 'CCN012')).toHaveLength(0);
    expect(findingsOf(diagnoseValid({}, text), 'CCN012')).toHaveLength(0);
  });
});

describe('CCN013 no return proxy where one is needed', () => {
  it('names the head node to promote', () => {
    const text = template(
      '[cluster c]',
      '[[node scheduler]]',
      'ImageName = cycle.image.ubuntu22',
      '[[nodearray hpc]]',
    );
    const [f] = findingsOf(diagnoseValid(needsProxy, text), 'CCN013');
    expect(f).toMatchObject({ severity: 'warning', node: 'scheduler' });
    expect(f?.fix).toContain('IsReturnProxy = true on scheduler');
  });

  it('points at the parameter when one controls the proxy', () => {
    const text = template(
      '[cluster c]',
      '[[node scheduler]]',
      'IsReturnProxy = $ReturnProxy',
      '[parameters P]',
      '[[parameters Q]]',
      '[[[parameter ReturnProxy]]]',
      'DefaultValue = false',
    );
    expect(findingsOf(diagnoseValid(needsProxy, text), 'CCN013')[0]?.fix).toContain(
      'Set parameter ReturnProxy = true',
    );
  });

  it('is silent when the route was assumed or a proxy exists', () => {
    const bare = template('[cluster c]', '[[node scheduler]]');
    expect(
      findingsOf(diagnoseValid({ serverLocation: 'other-vnet', peering: 'impossible' }, bare), 'CCN013'),
    ).toHaveLength(0);
    const withProxy = template('[cluster c]', '[[node scheduler]]', 'IsReturnProxy = true');
    expect(findingsOf(diagnoseValid(needsProxy, withProxy), 'CCN013')).toHaveLength(0);
  });
});
