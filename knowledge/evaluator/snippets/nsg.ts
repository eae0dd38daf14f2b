// What to change in the filters between the nodes and CycleCloud, by what filters them (KNOWLEDGE.md L1, L3; NSG, FW,
// PIP): NSG rules, Azure Firewall network rules, an NSG for the proxy's public IP where none exists, and how to find
// out when nobody knows.
import { portFactsFor } from '../../facts/ports.ts';
import type { Snippet } from '../../model.ts';
import { type Names, slug } from '../names.ts';
import { bashSnippet } from './shell.ts';
import type { Vars } from './vars.ts';

function ports(version: 7 | 8, path: 'direct' | 'proxy', to: 'cyclecloud' | 'proxy'): string {
  const list = portFactsFor(version, path)
    .filter((f) => f.from === 'nodes' && f.to === to)
    .map((f) => f.port);
  return [...new Set(list)].join(' ');
}

/** The cluster's name for comments, or plain words while the template is unknown. */
function clusterLabel(names: Names): string {
  return names.cluster.startsWith('<') ? 'the cluster' : names.cluster;
}

export function directNsgRules(version: 7 | 8, names: Names, vars: Vars, onPremises: boolean): Snippet {
  const lines = [
    `# Nodes of ${clusterLabel(names)} -> CycleCloud (CycleCloud ${version}: ${ports(version, 'direct', 'cyclecloud')}); pick a free priority if 200 is taken`,
    `az network nsg rule create -g "$CC_RG" --nsg-name "$CC_NSG" -n AllowNodesToCycleCloud --priority 200 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes "$CLUSTER_CIDR" --destination-port-ranges ${ports(version, 'direct', 'cyclecloud')}`,
    '# CycleCloud -> nodes: SSH',
    'az network nsg rule create -g "$CLUSTER_RG" --nsg-name "$CLUSTER_NSG" -n AllowCycleCloudSsh --priority 210 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes "$CC_IP" --destination-port-ranges 22',
  ];
  if (version === 7) {
    lines.push(
      '# CycleCloud 7 -> head node: ganglia',
      'az network nsg rule create -g "$CLUSTER_RG" --nsg-name "$CLUSTER_NSG" -n AllowCycleCloudGanglia --priority 220 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes "$CC_IP" --destination-port-ranges 8652',
    );
  }
  if (onPremises)
    lines.push('# Open the same ports on the on-premises firewall, for the cluster address space.');
  return bashSnippet('NSG rules for direct access', vars, lines, ['CI', 'NS', 'LD', 'NSG']);
}

export function proxyNsgRules(version: 7 | 8, names: Names, vars: Vars, onPremises: boolean): Snippet {
  const source = onPremises ? '"$ONPREM_EGRESS_IP"' : '"$CC_PUBLIC_IP"';
  const lines = [
    `# Nodes of ${clusterLabel(names)} -> ${names.proxyNode} (return proxy)`,
    `az network nsg rule create -g "$CLUSTER_RG" --nsg-name "$CLUSTER_NSG" -n AllowNodesToReturnProxy --priority 200 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes "$CLUSTER_CIDR" --destination-port-ranges ${ports(version, 'proxy', 'proxy')}`,
    `# CycleCloud -> proxy: the SSH tunnel, only from CycleCloud's ${onPremises ? 'on-premises egress' : 'public'} address`,
    `az network nsg rule create -g "$CLUSTER_RG" --nsg-name "$CLUSTER_NSG" -n AllowCycleCloudToProxySsh --priority 210 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes ${source} --destination-port-ranges 22`,
  ];
  return bashSnippet('NSG rules for the return proxy', vars, lines, ['RP', 'NS', 'NSG']);
}

/** No NSG yet: a Standard public IP stays closed to inbound traffic until an NSG allows it (PIP). */
export function proxyNewNsg(names: Names, vars: Vars, onPremises: boolean): Snippet {
  const nsg = `nsg-${slug(names.cluster.startsWith('<') ? 'cluster' : names.cluster)}`;
  const source = onPremises ? '"$ONPREM_EGRESS_IP"' : '"$CC_PUBLIC_IP"';
  const lines = [
    "# The proxy's public IP accepts nothing until an NSG allows it: create one for the cluster subnet",
    `az network nsg create -g "$CLUSTER_RG" -n ${nsg}`,
    `az network nsg rule create -g "$CLUSTER_RG" --nsg-name ${nsg} -n AllowCycleCloudToProxySsh --priority 210 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes ${source} --destination-port-ranges 22`,
    '# Its default rules keep node-to-node and node-to-proxy traffic allowed (AllowVnetInBound)',
    `az network vnet subnet update -g "$CLUSTER_RG" --vnet-name "$CLUSTER_VNET" -n "$CLUSTER_SUBNET" --network-security-group ${nsg}`,
  ];
  return bashSnippet('An NSG that lets CycleCloud reach the proxy', vars, lines, ['PIP', 'NSG', 'RP']);
}

export function firewallRules(version: 7 | 8, names: Names, vars: Vars, path: 'direct' | 'proxy'): Snippet {
  const rule = '-g "$FIREWALL_RG" --firewall-name "$HUB_FIREWALL" --collection-name cyclecloud';
  const lines = [
    '# Azure Firewall network rules (classic rules; with a Firewall Policy add the same to its rule collection group)',
    'az extension add --name azure-firewall --upgrade',
  ];
  if (path === 'direct') {
    lines.push(
      `az network firewall network-rule create ${rule} --priority 200 --action Allow -n nodes-to-cyclecloud --protocols TCP --source-addresses "$CLUSTER_CIDR" --destination-addresses "$CC_IP" --destination-ports ${ports(version, 'direct', 'cyclecloud')}`,
      `az network firewall network-rule create ${rule} -n cyclecloud-to-nodes-ssh --protocols TCP --source-addresses "$CC_IP" --destination-addresses "$CLUSTER_CIDR" --destination-ports ${version === 7 ? '22 8652' : '22'}`,
    );
  } else {
    lines.push(
      `az network firewall network-rule create ${rule} --priority 200 --action Allow -n cyclecloud-to-proxy-ssh --protocols TCP --source-addresses "$CC_PUBLIC_IP" --destination-addresses "$PROXY_IP" --destination-ports 22`,
      `# Nodes -> ${names.proxyNode} only cross the firewall when it sits between subnets of the cluster`,
      `az network firewall network-rule create ${rule} -n nodes-to-proxy --protocols TCP --source-addresses "$CLUSTER_CIDR" --destination-addresses "$PROXY_IP" --destination-ports ${ports(version, 'proxy', 'proxy')}`,
    );
  }
  return bashSnippet('Azure Firewall rules', vars, lines, ['FW', 'NS', 'LD']);
}

/**
 * "Not sure" what filters: what the cluster subnet has attached, the rules and routes in force on a node's NIC, and
 * Network Watcher IP flow verify for the node's connection; the same on CycleCloud's side when it runs in Azure.
 */
export function findTheFilter(
  version: 7 | 8,
  vars: Vars,
  path: 'direct' | 'proxy',
  cycleCloudInAzure: boolean,
): Snippet {
  const attached = '--query "{nsg: networkSecurityGroup.id, routeTable: routeTable.id}" -o json';
  const port = path === 'proxy' ? 37140 : version === 8 ? 9443 : 443;
  const target = path === 'proxy' ? '$PROXY_IP' : '$CC_IP';
  const lines = [
    '# 1. What the subnet has attached: an NSG filters; a route table pointing at a firewall means it decides',
    `az network vnet subnet show -g "$CLUSTER_RG" --vnet-name "$CLUSTER_VNET" -n "$CLUSTER_SUBNET" ${attached}`,
    "# 2. NSG rules in force on a node's NIC (its subnet's NSG and its own combined), and its routes:",
    '#    a next hop of VirtualAppliance means Azure Firewall or another appliance decides',
    'az network nic list-effective-nsg --ids "$NODE_NIC"',
    'az network nic show-effective-route-table --ids "$NODE_NIC" -o table',
    `# 3. Network Watcher IP flow verify: may the node open ${port}, and which rule decides?`,
    `az network watcher test-ip-flow -g "$CLUSTER_RG" --vm "$NODE_VM" --direction Outbound --protocol TCP --local "$NODE_IP:60000" --remote "${target}:${port}"`,
  ];
  if (path === 'direct' && cycleCloudInAzure) {
    lines.push(
      "# 4. The same on CycleCloud's side: its subnet, its NIC's rules, and whether it accepts the node on that port",
      `az network vnet subnet show -g "$CC_RG" --vnet-name "$CC_VNET" -n "$CC_SUBNET" ${attached}`,
      'az network nic list-effective-nsg --ids "$CC_NIC"',
      `az network watcher test-ip-flow -g "$CC_RG" --vm "$CC_VM" --direction Inbound --protocol TCP --local "$CC_IP:${port}" --remote "$NODE_IP:60000"`,
    );
  }
  return bashSnippet('Find out what filters the traffic', vars, lines, ['NSGDIAG', 'IPFLOW', 'NSG']);
}
