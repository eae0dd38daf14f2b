// Every shell variable a snippet may use, with the value where the template or a pasted message tells it, and what
// to fill in otherwise. One catalogue, so the same thing has the same name in every snippet.
import type { Names } from '../names.ts';
import type { ShellVar } from './shell.ts';

/** Addresses lifted from a pasted error message, or CycleCloud's place read from evidence exports. */
export interface KnownAddresses {
  cyclecloudIp?: string;
  proxyIp?: string;
  /** Where cyclecloudIp came from, when not a pasted message ("from nic-list.json"). */
  cyclecloudFrom?: string;
  cyclecloudRg?: string;
  cyclecloudVnet?: string;
  cyclecloudSubnet?: string;
  cyclecloudNsg?: string;
  /** The nodes' subnet as the evidence exports name it, when no template says (and where it came from). */
  clusterRg?: string;
  clusterVnet?: string;
  clusterSubnet?: string;
  clusterNsg?: string;
  clusterFrom?: string;
}

export type Vars = readonly ShellVar[];

const known = (value: string): string | null => (value.startsWith('<') ? null : value);

// The catalogue differs only by the names and addresses it is filled from: keep a few recent ones (bounded, as
// names come from uploaded templates), so the snippets of one answer, and of similar answers, share one index.
const recent = new Map<string, Vars>();
const RECENT_MAX = 64;

export function shellVars(names: Names, addresses: KnownAddresses = {}): Vars {
  const key = JSON.stringify([names, addresses]);
  const hit = recent.get(key);
  if (hit) return hit;
  const vars = buildVars(names, addresses);
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(key, vars);
  return vars;
}

function buildVars(names: Names, addresses: KnownAddresses): Vars {
  const fromTemplate =
    names.subnet && names.subnet !== names.subnetValue
      ? `from SubnetId (${names.subnet} = ${names.subnetValue})`
      : `from SubnetId = ${names.subnetValue} in the template`;
  const v = (name: string, value: string | null, hint: string): ShellVar => ({ name, value, hint });
  const evidence = addresses.cyclecloudFrom ?? 'from the evidence';
  const d = (name: string, derive: string, hint: string): ShellVar => ({ name, value: null, hint, derive });
  // The template's SubnetId first; else the subnet the exports put the nodes in.
  const cluster = (
    name: string,
    templateValue: string | null,
    exported: string | undefined,
    hint: string,
  ): ShellVar =>
    templateValue !== null
      ? v(name, templateValue, fromTemplate)
      : exported !== undefined
        ? v(name, exported, addresses.clusterFrom ?? 'from the evidence')
        : v(name, null, hint);
  return [
    v(
      'CC_RG',
      addresses.cyclecloudRg ?? null,
      addresses.cyclecloudRg ? evidence : "CycleCloud's resource group",
    ),
    v('CC_VNET', addresses.cyclecloudVnet ?? null, addresses.cyclecloudVnet ? evidence : "CycleCloud's VNet"),
    v(
      'CC_SUBNET',
      addresses.cyclecloudSubnet ?? null,
      addresses.cyclecloudSubnet ? evidence : "CycleCloud's subnet",
    ),
    v(
      'CC_NSG',
      addresses.cyclecloudNsg ?? null,
      addresses.cyclecloudNsg ? evidence : "NSG on CycleCloud's subnet or NIC",
    ),
    v('CC_VM', null, 'CycleCloud VM name'),
    v(
      'CC_IP',
      addresses.cyclecloudIp ?? null,
      addresses.cyclecloudIp
        ? (addresses.cyclecloudFrom ?? 'from the pasted message')
        : "CycleCloud's private IP",
    ),
    v('CC_PUBLIC_IP', null, "CycleCloud's public IP, as the proxy sees it"),
    v('ONPREM_EGRESS_IP', null, 'public IP your on-premises traffic leaves from'),
    cluster('CLUSTER_RG', known(names.clusterRg), addresses.clusterRg, "the cluster's resource group"),
    cluster('CLUSTER_VNET', known(names.clusterVnet), addresses.clusterVnet, "the cluster's VNet"),
    cluster('CLUSTER_SUBNET', known(names.clusterSubnet), addresses.clusterSubnet, "the cluster's subnet"),
    cluster('CLUSTER_NSG', null, addresses.clusterNsg, 'NSG on the cluster subnet'),
    v(
      'PROXY_IP',
      addresses.proxyIp ?? null,
      addresses.proxyIp ? 'from the pasted message' : "the proxy's private IP",
    ),
    v('NODE_IP', null, "a node's private IP (cyclecloud show_nodes)"),
    v('NODE_VM', null, "a node's VM name (az vm list -g on the cluster's resource group)"),
    v('HUB_RG', null, "the hub's resource group"),
    v('HUB_VNET', null, 'the hub VNet'),
    v('HUB_FIREWALL', null, 'the Azure Firewall name'),
    v('FIREWALL_RG', null, "the Azure Firewall's resource group"),
    v('HUB_FIREWALL_IP', null, "the hub firewall's private IP"),
    v('CLUSTER_HUB_PEERING', null, "name of the cluster VNet's peering to the hub"),
    v('CC_HUB_PEERING', null, "name of CycleCloud's VNet peering to the hub"),
    v('DNS_RG', null, 'resource group of the private DNS zone'),
    v('CC_GATEWAY_PREFIX', null, 'a free /27 in the CycleCloud VNet for GatewaySubnet'),
    v('CLUSTER_GATEWAY_PREFIX', null, 'a free /27 in the cluster VNet for GatewaySubnet'),
    v('ONPREM_VPN_IP', null, "your on-premises VPN device's public IP"),
    v('ONPREM_CIDR', null, 'your on-premises address range'),
    v('BASTION_PREFIX', null, 'a free /26 (or larger) in the cluster VNet, e.g. 10.0.255.0/26'),
    v('JUMPBOX_IP', null, "the jump box's public IP"),
    v('CLUSTER_USER', null, 'your user name on the cluster'),
    v('SSH_KEY', null, 'path to your private SSH key'),
    v('STORAGE_ACCOUNT', null, "the locker's storage account"),
    v('CC_CLUSTER_PORT', null, 'webServerClusterPort in cycle_server.properties: 443 or 9443'),
    v('PROJECT', null, 'project name, e.g. slurm'),
    v('PROJECT_VERSION', null, 'project version, e.g. 3.0.9'),
    v('CLUSTER_NAME', known(names.cluster), known(names.cluster) ? 'from the template' : 'the cluster name'),
    v('HEAD_NODE', known(names.head), known(names.head) ? 'from the template' : 'the head node name'),
    d(
      'CLUSTER_CIDR',
      'az network vnet subnet show -g "$CLUSTER_RG" --vnet-name "$CLUSTER_VNET" -n "$CLUSTER_SUBNET" --query addressPrefix -o tsv',
      'the node subnet',
    ),
    d('CC_VNET_ID', 'az network vnet show -g "$CC_RG" -n "$CC_VNET" --query id -o tsv', ''),
    d('CLUSTER_VNET_ID', 'az network vnet show -g "$CLUSTER_RG" -n "$CLUSTER_VNET" --query id -o tsv', ''),
    d('HUB_VNET_ID', 'az network vnet show -g "$HUB_RG" -n "$HUB_VNET" --query id -o tsv', ''),
    d(
      'CC_VNET_CIDR',
      'az network vnet show -g "$CC_RG" -n "$CC_VNET" --query "addressSpace.addressPrefixes[0]" -o tsv',
      '',
    ),
    d(
      'CLUSTER_VNET_CIDR',
      'az network vnet show -g "$CLUSTER_RG" -n "$CLUSTER_VNET" --query "addressSpace.addressPrefixes[0]" -o tsv',
      '',
    ),
    d(
      'CC_NIC',
      'az vm show -g "$CC_RG" -n "$CC_VM" --query "networkProfile.networkInterfaces[0].id" -o tsv',
      '',
    ),
    d(
      'NODE_NIC',
      'az vm show -g "$CLUSTER_RG" -n "$NODE_VM" --query "networkProfile.networkInterfaces[0].id" -o tsv',
      '',
    ),
    d('LOCATION', 'az network vnet show -g "$CLUSTER_RG" -n "$CLUSTER_VNET" --query location -o tsv', ''),
  ];
}
