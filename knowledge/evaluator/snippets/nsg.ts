// NSG and Azure Firewall rules for the flows a route needs (KNOWLEDGE.md L1, L3), ports taken from the port facts.
import { portFactsFor } from '../../facts/ports.ts';
import type { Snippet } from '../../model.ts';
import { type Names, placeholder } from '../names.ts';

function ports(version: 7 | 8, path: 'direct' | 'proxy', to: 'cyclecloud' | 'proxy'): string {
  const list = portFactsFor(version, path)
    .filter((f) => f.from === 'nodes' && f.to === to)
    .map((f) => f.port);
  return [...new Set(list)].join(' ');
}

export function directNsgRules(version: 7 | 8, names: Names, onPremises: boolean): Snippet {
  const lines = [
    `# Nodes of ${names.cluster} -> CycleCloud (CycleCloud ${version}: ${ports(version, 'direct', 'cyclecloud')})`,
    `az network nsg rule create -g <cyclecloud-rg> --nsg-name <cyclecloud-nsg> -n AllowNodesToCycleCloud --priority 200 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes ${placeholder(names.clusterSubnet, 'cidr')} --destination-port-ranges ${ports(version, 'direct', 'cyclecloud')}`,
    '# CycleCloud -> nodes: SSH',
    `az network nsg rule create -g ${names.clusterRg} --nsg-name <cluster-nsg> -n AllowCycleCloudSsh --priority 210 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes <cyclecloud-ip> --destination-port-ranges 22`,
  ];
  if (version === 7) {
    lines.push(
      '# CycleCloud 7 -> head node: ganglia',
      `az network nsg rule create -g ${names.clusterRg} --nsg-name <cluster-nsg> -n AllowCycleCloudGanglia --priority 220 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes <cyclecloud-ip> --destination-port-ranges 8652`,
    );
  }
  if (onPremises) {
    lines.push('# Open the same ports on the on-premises firewall, for the cluster address space.');
  }
  return { title: 'NSG rules for direct access', language: 'bash', code: lines.join('\n') };
}

export function proxyNsgRules(version: 7 | 8, names: Names, onPremises: boolean): Snippet {
  const sshSource = onPremises ? '<on-premises-egress-ip>' : '<cyclecloud-public-ip>';
  const lines = [
    `# Nodes of ${names.cluster} -> ${names.proxyNode} (return proxy)`,
    `az network nsg rule create -g ${names.clusterRg} --nsg-name <cluster-nsg> -n AllowNodesToReturnProxy --priority 200 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes ${placeholder(names.clusterSubnet, 'cidr')} --destination-port-ranges ${ports(version, 'proxy', 'proxy')}`,
    `# CycleCloud -> proxy: the SSH tunnel. Allow only CycleCloud's ${onPremises ? 'on-premises egress' : 'public'} address.`,
    `az network nsg rule create -g ${names.clusterRg} --nsg-name <cluster-nsg> -n AllowCycleCloudToProxySsh --priority 210 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes ${sshSource} --destination-port-ranges 22`,
  ];
  return { title: 'NSG rules for the return proxy', language: 'bash', code: lines.join('\n') };
}

export function firewallRule(version: 7 | 8, names: Names): Snippet {
  const code = [
    '# Azure Firewall: allow the nodes to reach CycleCloud (add the CycleCloud -> nodes SSH rule the same way)',
    `az network firewall network-rule create -g <hub-rg> --firewall-name <hub-firewall> --collection-name cyclecloud -n nodes-to-cyclecloud --priority 200 --action Allow --protocols TCP --source-addresses ${placeholder(names.clusterSubnet, 'cidr')} --destination-addresses <cyclecloud-ip> --destination-ports ${ports(version, 'direct', 'cyclecloud')}`,
  ].join('\n');
  return { title: 'Azure Firewall rule', language: 'bash', code };
}
