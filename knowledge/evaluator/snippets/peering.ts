// VNet peering in both directions, the missing direction of a one-way peering, and the hub-and-spoke alternatives
// (KNOWLEDGE.md L2; PEER, PEERMGMT).
import type { Snippet } from '../../model.ts';
import { type Names, slug } from '../names.ts';
import { bashSnippet } from './shell.ts';
import type { Vars } from './vars.ts';

const STATES = '--query "[].{name: name, state: peeringState, remote: remoteVirtualNetwork.id}" -o table';

function names2(names: Names): { toCluster: string; toCycleCloud: string } {
  const cluster = names.cluster.startsWith('<') ? 'cluster' : slug(names.cluster);
  return { toCluster: `cyclecloud-to-${cluster}`, toCycleCloud: `${cluster}-to-cyclecloud` };
}

function createCycleCloudSide(names: Names): string {
  return `az network vnet peering create -g "$CC_RG" -n ${names2(names).toCluster} --vnet-name "$CC_VNET" --remote-vnet "$CLUSTER_VNET_ID" --allow-vnet-access`;
}

function createClusterSide(names: Names): string {
  return `az network vnet peering create -g "$CLUSTER_RG" -n ${names2(names).toCycleCloud} --vnet-name "$CLUSTER_VNET" --remote-vnet "$CC_VNET_ID" --allow-vnet-access`;
}

const stateLines = (): string[] => [
  '# Both sides must show Connected',
  `az network vnet peering list -g "$CC_RG" --vnet-name "$CC_VNET" ${STATES}`,
  `az network vnet peering list -g "$CLUSTER_RG" --vnet-name "$CLUSTER_VNET" ${STATES}`,
];

export function peeringCommands(names: Names, vars: Vars): Snippet {
  const lines = [
    '# Peer both directions; each side shows Initiated until the other exists, then Connected',
    createCycleCloudSide(names),
    createClusterSide(names),
    ...stateLines(),
  ];
  return bashSnippet('VNet peering, both directions', vars, lines, ['PEER', 'PEERMGMT']);
}

/**
 * One side shows Initiated: that side exists, the other VNet has no peering back. The script lists both sides and
 * creates only the one that is missing (the remote VNet ids compared case-insensitively, as Azure ids are).
 */
export function missingPeeringSide(names: Names, vars: Vars): Snippet {
  const remotes = '--query "[].remoteVirtualNetwork.id" -o tsv';
  const lines = [
    "# Initiated = this side exists and the other VNet has no peering back. Each side's peerings:",
    `az network vnet peering list -g "$CC_RG" --vnet-name "$CC_VNET" ${STATES}`,
    `az network vnet peering list -g "$CLUSTER_RG" --vnet-name "$CLUSTER_VNET" ${STATES}`,
    '# Create only the side that is missing',
    'if [ -z "$CC_VNET_ID" ] || [ -z "$CLUSTER_VNET_ID" ]; then',
    '  echo "Could not read both VNet ids: check the values at the top." >&2',
    'else',
    `  if ! az network vnet peering list -g "$CC_RG" --vnet-name "$CC_VNET" ${remotes} | grep -qiF "$CLUSTER_VNET_ID"; then`,
    '    echo "Missing: the CycleCloud VNet\'s peering to the cluster VNet. Creating it."',
    `    ${createCycleCloudSide(names)}`,
    '  fi',
    `  if ! az network vnet peering list -g "$CLUSTER_RG" --vnet-name "$CLUSTER_VNET" ${remotes} | grep -qiF "$CC_VNET_ID"; then`,
    '    echo "Missing: the cluster VNet\'s peering to the CycleCloud VNet. Creating it."',
    `    ${createClusterSide(names)}`,
    '  fi',
    'fi',
    ...stateLines(),
  ];
  return bashSnippet('Find the missing side of the peering and create it', vars, lines, ['PEERMGMT', 'PEER']);
}

export function peeringCheck(vars: Vars): Snippet {
  return bashSnippet('Check the peering state', vars, stateLines(), ['PEERMGMT']);
}

/** The address spaces of both VNets, to confirm (or rule out) an overlap. */
export function addressSpaces(vars: Vars): Snippet {
  const query = '--query "addressSpace.addressPrefixes" -o tsv';
  const lines = [
    '# Peering (and a VNet-to-VNet VPN) needs address spaces that do not overlap: compare the two lists',
    `az network vnet show -g "$CC_RG" -n "$CC_VNET" ${query}`,
    `az network vnet show -g "$CLUSTER_RG" -n "$CLUSTER_VNET" ${query}`,
  ];
  return bashSnippet('Compare the address spaces', vars, lines, ['PEER', 'VPN']);
}

export function privateDnsLinks(names: Names, vars: Vars): Snippet {
  const cluster = names.clusterVnet.startsWith('<') ? 'cluster-vnet' : slug(names.clusterVnet);
  const lines = [
    '# Link the private DNS zones to both VNets (across regions too), e.g. the storage private endpoint zone',
    `az network private-dns link vnet create -g "$DNS_RG" -z privatelink.blob.core.windows.net -n link-${cluster} -v "$CLUSTER_VNET_ID" -e false`,
    'az network private-dns link vnet create -g "$DNS_RG" -z privatelink.blob.core.windows.net -n link-cyclecloud-vnet -v "$CC_VNET_ID" -e false',
  ];
  return bashSnippet('Private DNS zone links', vars, lines, ['PEER', 'ES']);
}

export function hubRouting(names: Names, vars: Vars, spokePeeringAllowed: boolean): Snippet {
  const cluster = names.cluster.startsWith('<') ? 'cluster' : slug(names.cluster);
  const table = `rt-${cluster}-via-hub`;
  const lines = [
    ...(spokePeeringAllowed
      ? ['# Option A is simpler: peer the two spokes directly (the peering commands).']
      : []),
    '# Route spoke to spoke through the hub firewall',
    `az network route-table create -g "$CLUSTER_RG" -n ${table}`,
    `az network route-table route create -g "$CLUSTER_RG" --route-table-name ${table} -n to-cyclecloud --address-prefix "$CC_VNET_CIDR" --next-hop-type VirtualAppliance --next-hop-ip-address "$HUB_FIREWALL_IP"`,
    `az network vnet subnet update -g "$CLUSTER_RG" --vnet-name "$CLUSTER_VNET" -n "$CLUSTER_SUBNET" --route-table ${table}`,
    '# The same on the CycleCloud side, with a route to the cluster address space',
    'az network route-table create -g "$CC_RG" -n rt-cyclecloud-via-hub',
    `az network route-table route create -g "$CC_RG" --route-table-name rt-cyclecloud-via-hub -n to-${cluster} --address-prefix "$CLUSTER_VNET_CIDR" --next-hop-type VirtualAppliance --next-hop-ip-address "$HUB_FIREWALL_IP"`,
    'az network vnet subnet update -g "$CC_RG" --vnet-name "$CC_VNET" -n "$CC_SUBNET" --route-table rt-cyclecloud-via-hub',
    '# Let each spoke accept traffic the hub forwards',
    'az network vnet peering update -g "$CLUSTER_RG" --vnet-name "$CLUSTER_VNET" -n "$CLUSTER_HUB_PEERING" --set allowForwardedTraffic=true',
    'az network vnet peering update -g "$CC_RG" --vnet-name "$CC_VNET" -n "$CC_HUB_PEERING" --set allowForwardedTraffic=true',
  ];
  return bashSnippet('Hub-and-spoke: routing through the hub firewall', vars, lines, ['PEER', 'NS']);
}
