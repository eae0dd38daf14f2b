// Every leaf of KNOWLEDGE.md's decision procedure, through diagnose() as flows and the CLI call it.
import { describe, expect, it } from 'vitest';
import type { Situation } from '../../knowledge/index.ts';
import { allSnippetCode, diagnoseValid, ports } from './support.ts';

const cc8: Situation = { cyclecloudVersion: 8 };

describe('step 0: which link is broken', () => {
  it('user-to-node recommends a bastion with cyclecloud connect and SSH only from the bastion', () => {
    const d = diagnoseValid({ link: 'user-to-node' });
    expect(d.recommendation.option).toBe('bastion');
    expect(allSnippetCode(d)).toContain('cyclecloud connect');
    expect(allSnippetCode(d)).toContain('--bastion-host');
    expect(ports(d)).toContain(22);
    expect(ports(d)).not.toContain(9443);
    // Nothing about CycleCloud is assumed for this link; only the nodes' OS, which decides RDP
    expect(d.assumptions).toEqual(['Linux nodes assumed (SSH 22); Windows nodes also need RDP 3389.']);
  });

  it('user-to-node adds RDP 3389 when the proxy candidate runs Windows', () => {
    const d = diagnoseValid({ link: 'user-to-node', proxyCandidateOs: 'windows' });
    expect(ports(d)).toContain(3389);
    expect(
      diagnoseValid({ link: 'user-to-node' }).recommendation.connections.map((f) => f.port),
    ).not.toContain(3389);
  });

  it('cyclecloud-egress keeps the node-link option and adds the locked-down egress steps and rules', () => {
    const d = diagnoseValid({ ...cc8, link: 'cyclecloud-egress', serverLocation: 'same-vnet' });
    expect(d.recommendation.option).toBe('direct');
    expect(d.recommendation.title).toMatch(/locked-down/i);
    const code = allSnippetCode(d);
    for (const tag of ['Storage', 'AzureActiveDirectory', 'AzureMonitor', 'AzureResourceManager']) {
      expect(code).toContain(`--destination-address-prefixes ${tag} --destination-port-ranges 443`);
    }
    expect(code).toContain('--priority 4000 --direction Outbound --access Deny');
    expect(code).toContain('/opt/cycle_server/work/staging/projects/');
    expect(d.recommendation.steps.join('\n')).toContain('nonProxyHosts');
    expect(d.recommendation.connections.some((f) => f.to.includes('AzureResourceManager'))).toBe(true);
  });

  it('cyclecloud-egress on an unpeerable VNet still recommends the option for the node link', () => {
    const d = diagnoseValid({
      ...cc8,
      link: 'cyclecloud-egress',
      serverLocation: 'other-vnet',
      peering: 'impossible',
      publicIpAllowed: true,
    });
    expect(d.recommendation.option).toBe('return-proxy');
    expect(allSnippetCode(d)).toContain('BlockOutbound');
  });
});

describe('step 1: version', () => {
  it('CycleCloud 8 needs only 9443 from the nodes, never 5672 or 37141', () => {
    const d = diagnoseValid({ ...cc8, serverLocation: 'same-vnet' });
    expect(ports(d)).toContain(9443);
    expect(ports(d)).not.toContain(5672);
    expect(ports(d)).not.toContain(37141);
    expect(allSnippetCode(d)).toContain('--destination-port-ranges 9443\n');
  });

  it('CycleCloud 7 needs HTTPS 443/9443, AMQP 5672 and ganglia 8652', () => {
    const d = diagnoseValid({ cyclecloudVersion: 7, serverLocation: 'same-vnet' });
    expect(ports(d)).toEqual(expect.arrayContaining([443, 9443, 5672, 8652, 22]));
    expect(allSnippetCode(d)).toContain('--destination-port-ranges 443 9443 5672');
    expect(d.recommendation.steps.join('\n')).toContain('webServerClusterPort');
  });

  it('CycleCloud 7 through a return proxy needs 37140 and 37141', () => {
    const d = diagnoseValid({
      cyclecloudVersion: 7,
      serverLocation: 'other-vnet',
      peering: 'impossible',
      publicIpAllowed: true,
    });
    expect(ports(d)).toEqual(expect.arrayContaining([37140, 37141, 22]));
    expect(allSnippetCode(d)).toContain('--destination-port-ranges 37140 37141');
  });

  it('a missing version is assumed CycleCloud 8 and said so', () => {
    const d = diagnoseValid({ serverLocation: 'same-vnet' });
    expect(d.assumptions.some((a) => a.startsWith('CycleCloud 8 assumed'))).toBe(true);
    expect(d.recommendation.why.join('\n')).toContain('CycleCloud 8 (assumed)');
  });
});

describe('step 2a: same VNet', () => {
  it('goes direct, with no proxy and the multi-NIC webServerHostname note', () => {
    const d = diagnoseValid({ ...cc8, serverLocation: 'same-vnet' });
    expect(d.recommendation.option).toBe('direct');
    expect(d.recommendation.steps.join('\n')).toContain('webServerHostname');
    expect(allSnippetCode(d)).not.toContain('IsReturnProxy');
  });

  it('assumes the same VNet when nothing is known, and says so', () => {
    const d = diagnoseValid({});
    expect(d.recommendation.option).toBe('direct');
    expect(d.assumptions.join('\n')).toContain('same VNet');
  });
});

describe('step 2b: another Azure VNet', () => {
  const other: Situation = { ...cc8, serverLocation: 'other-vnet' };

  it('connected peering: direct over the peering, proxy off', () => {
    const d = diagnoseValid({ ...other, peering: 'connected' });
    expect(d.recommendation.option).toBe('vnet-peering');
    expect(d.recommendation.why[0]).toContain('Connected');
    expect(ports(d)).toContain(9443);
    expect(allSnippetCode(d)).not.toContain('vnet peering create');
    // Both sides' peering state, listed with the variables the block declares
    expect(allSnippetCode(d)).toContain('az network vnet peering list -g "$CC_RG" --vnet-name "$CC_VNET"');
    expect(allSnippetCode(d)).toContain('state: peeringState');
  });

  it('one-way peering: create the missing direction', () => {
    const d = diagnoseValid({ ...other, peering: 'one-way' });
    expect(d.recommendation.option).toBe('vnet-peering');
    expect(d.recommendation.steps[0]).toContain('Initiated');
    expect(allSnippetCode(d)).toContain('missing');
  });

  it('no peering yet: peer both directions (two az commands) and say global peering works across regions', () => {
    const d = diagnoseValid({ ...other, peering: 'none', sameRegion: false });
    expect(d.recommendation.option).toBe('vnet-peering');
    const creates = allSnippetCode(d).match(/az network vnet peering create/g) ?? [];
    expect(creates).toHaveLength(2);
    expect(allSnippetCode(d)).toContain('--allow-vnet-access');
    expect(d.recommendation.why.join('\n')).toMatch(/global peering/i);
    expect(d.recommendation.references.some((r) => r.source === 'PEER')).toBe(true);
  });

  it('unknown peering is assumed possible', () => {
    const d = diagnoseValid(other);
    expect(d.recommendation.option).toBe('vnet-peering');
    expect(d.assumptions.join('\n')).toMatch(/Peering assumed possible/);
  });

  it('peering impossible, public IP allowed: return proxy with a public IP', () => {
    const d = diagnoseValid({ ...other, peering: 'impossible', publicIpAllowed: true });
    expect(d.recommendation.option).toBe('return-proxy');
    expect(allSnippetCode(d)).toContain('IsReturnProxy = true');
    expect(allSnippetCode(d)).toContain('AssociatePublicIpAddress = true');
    expect(ports(d)).toEqual(expect.arrayContaining([22, 37140]));
    expect(ports(d)).not.toContain(9443);
  });

  it('peering impossible, no public IP: VPN/ExpressRoute and never the proxy', () => {
    const d = diagnoseValid({ ...other, peering: 'impossible', publicIpAllowed: false });
    expect(d.recommendation.option).toBe('vpn');
    expect(d.recommendation.steps[0]).toMatch(/do not enable the return proxy/i);
    expect(allSnippetCode(d)).toContain('az network vpn-connection create');
    expect(allSnippetCode(d)).not.toContain('IsReturnProxy = true');
  });

  it('peering impossible with the public IP policy unknown: proxy, with the assumption stated', () => {
    const d = diagnoseValid({ ...other, peering: 'impossible' });
    expect(d.recommendation.option).toBe('return-proxy');
    expect(d.assumptions.join('\n')).toMatch(/Public IPs assumed allowed/);
  });

  it('peering impossible for a reason not given, no public IP: VPN, with the assumed reason said', () => {
    const d = diagnoseValid({ ...other, peering: 'impossible', publicIpAllowed: false });
    expect(d.assumptions.join('\n')).toMatch(/Peering assumed forbidden by policy/);
  });

  it('overlapping address spaces, public IP allowed: return proxy, and the other ways out', () => {
    const d = diagnoseValid({ ...other, peering: 'overlap', publicIpAllowed: true, privateLink: 'vpn' });
    expect(d.recommendation.option).toBe('return-proxy');
    expect(d.recommendation.why[0]).toMatch(/overlap/);
    expect(d.recommendation.steps.join('\n')).toMatch(/run CycleCloud in the cluster's VNet/);
    expect(allSnippetCode(d)).not.toContain('vpn-connection create');
  });

  it('overlapping address spaces, no public IP: CycleCloud in the cluster VNet or re-address; never a VPN', () => {
    const d = diagnoseValid({ ...other, peering: 'overlap', publicIpAllowed: false, hubAndSpoke: true });
    expect(d.recommendation.option).toBe('direct');
    expect(d.recommendation.headline).toMatch(/^Run CycleCloud in/);
    const steps = d.recommendation.steps.join('\n');
    expect(steps).toMatch(/Run CycleCloud in the cluster's VNet/);
    expect(steps).toMatch(/re-address/);
    const code = allSnippetCode(d);
    expect(code).not.toContain('vnet-gateway create');
    expect(code).not.toContain('vnet peering create');
    expect(d.recommendation.doNow.snippet?.code).toContain('addressSpace.addressPrefixes');
  });

  it('policy forbids peering the spokes of a hub: route through the hub firewall, no spoke peering', () => {
    const d = diagnoseValid({ ...other, peering: 'policy', hubAndSpoke: true });
    expect(d.recommendation.steps.join('\n')).toMatch(/Policy forbids peering the spokes/);
    expect(d.recommendation.doNow.snippet?.code).toContain('--next-hop-type VirtualAppliance');
    expect(allSnippetCode(d)).not.toContain('vnet peering create');
  });

  it('an existing VNet-to-VNet VPN: direct over it', () => {
    const d = diagnoseValid({ ...other, peering: 'impossible', privateLink: 'vpn' });
    expect(d.recommendation.option).toBe('direct');
    expect(ports(d)).toContain(9443);
  });

  it('hub-and-spoke: spoke peering or UDR through the hub firewall with allowForwardedTraffic and a 9443 rule', () => {
    const d = diagnoseValid({ ...other, hubAndSpoke: true, peering: 'connected' });
    expect(d.recommendation.option).toBe('vnet-peering');
    expect(d.recommendation.why[0]).toMatch(/not transitive/);
    const code = allSnippetCode(d);
    expect(code).toContain('--next-hop-type VirtualAppliance');
    expect(code).toContain('allowForwardedTraffic=true');
    expect(code).toContain('--destination-ports 9443');
  });
});

describe('step 2c: on-premises', () => {
  const onPrem: Situation = { ...cc8, serverLocation: 'on-premises' };

  it.each(['vpn', 'expressroute'] as const)(
    '%s exists: direct, open the NSG and the on-premises firewall',
    (link) => {
      const d = diagnoseValid({ ...onPrem, privateLink: link });
      expect(d.recommendation.option).toBe('direct');
      expect(d.recommendation.why[0]).toContain(link === 'vpn' ? 'VPN' : 'ExpressRoute');
      expect(d.recommendation.steps.join('\n')).toContain('on-premises firewall');
      expect(d.recommendation.connections.some((f) => f.to === 'CycleCloud server (on-premises)')).toBe(true);
    },
  );

  it('no VPN, public IP allowed: return proxy, SSH restricted to the on-premises egress IP, VPN advised for production', () => {
    const d = diagnoseValid({ ...onPrem, privateLink: 'none', publicIpAllowed: true });
    expect(d.recommendation.option).toBe('return-proxy');
    expect(allSnippetCode(d)).toContain(
      '--source-address-prefixes "$ONPREM_EGRESS_IP" --destination-port-ranges 22',
    );
    expect(allSnippetCode(d)).toContain(
      'ONPREM_EGRESS_IP="<public IP your on-premises traffic leaves from>"',
    );
    const steps = d.recommendation.steps.join('\n');
    expect(steps).toMatch(/Bastion or a jump box/);
    expect(steps).toMatch(/For production prefer a site-to-site VPN/);
  });

  it('no VPN, no public IP: site-to-site VPN or ExpressRoute', () => {
    const d = diagnoseValid({ ...onPrem, privateLink: 'none', publicIpAllowed: false });
    expect(d.recommendation.option).toBe('vpn');
    expect(allSnippetCode(d)).toContain('az network local-gateway create');
    expect(allSnippetCode(d)).not.toContain('IsReturnProxy = true');
  });

  it('an unknown VPN answer is assumed absent and said so', () => {
    const d = diagnoseValid({ ...onPrem, publicIpAllowed: true });
    expect(d.recommendation.option).toBe('return-proxy');
    expect(d.assumptions.join('\n')).toMatch(/No VPN or ExpressRoute/);
  });
});

describe('step 3: the proxy candidate', () => {
  const proxyNeeded: Situation = {
    ...cc8,
    serverLocation: 'other-vnet',
    peering: 'impossible',
    publicIpAllowed: true,
  };

  it('a Windows candidate gets a separate Linux [[node proxy]]', () => {
    const d = diagnoseValid({ ...proxyNeeded, proxyCandidateOs: 'windows' });
    const code = allSnippetCode(d);
    expect(code).toContain('[[node proxy]]');
    expect(code).toContain('ImageName = cycle.image.ubuntu22');
    expect(d.recommendation.why.join('\n')).toMatch(/Windows/);
  });

  it('the head node is made the proxy with the template names when none exists', () => {
    const d = diagnoseValid(
      proxyNeeded,
      '[cluster grid]\n[[node scheduler]]\nImageName = cycle.image.ubuntu22\n[[nodearray hpc]]\n',
    );
    const ini = d.recommendation.snippets.find((s) => s.language === 'ini');
    expect(ini?.title).toBe('Make scheduler the return proxy');
    expect(ini?.code).toBe(
      [
        '[cluster grid]',
        '  [[node scheduler]]',
        '  IsReturnProxy = true',
        '  KeyPairLocation = ~/.ssh/cyclecloud.pem',
        '',
        '    [[[network-interface eth0]]]',
        '    AssociatePublicIpAddress = true',
      ].join('\n'),
    );
  });

  it('an existing Linux proxy is kept as it is; one without a public IP gets one', () => {
    const kept = diagnoseValid(proxyNeeded, '[cluster grid]\n[[node scheduler]]\nIsReturnProxy = true\n');
    expect(kept.recommendation.snippets.some((s) => s.language === 'ini')).toBe(false);
    expect(kept.recommendation.steps[0]).toContain('Keep scheduler as the one return proxy');
    const noIp = diagnoseValid(
      proxyNeeded,
      '[cluster grid]\n[[node scheduler]]\nIsReturnProxy = true\n[[[network-interface eth0]]]\nAssociatePublicIpAddress = false\n',
    );
    expect(noIp.recommendation.snippets.find((s) => s.language === 'ini')?.title).toBe(
      'Give the return proxy scheduler a public IP',
    );
  });

  it('a nodearray proxy is moved to a [[node]]', () => {
    const d = diagnoseValid(
      proxyNeeded,
      [
        '[cluster grid]',
        '[[node defaults]]',
        'SubnetId = $SubnetId',
        'ImageName = cycle.image.ubuntu22',
        '[[nodearray execute]]',
        'IsReturnProxy = true',
        '[parameters Networking]',
        '[[parameters Net]]',
        '[[[parameter SubnetId]]]',
      ].join('\n'),
    );
    const code = allSnippetCode(d);
    expect(code).toContain('[[node proxy]]');
    expect(code).toContain('SubnetId = $SubnetId');
    expect(code).toContain('[[nodearray execute]]\n  IsReturnProxy = false');
    expect(d.recommendation.steps[0]).toMatch(/execute is a nodearray/);
  });
});
