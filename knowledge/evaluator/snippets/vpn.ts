// VNet-to-VNet and site-to-site VPN, and gateway transit through a hub (KNOWLEDGE.md L4; VPN, GWCLI). A gateway
// takes 45 minutes or more to create, so the connection commands run only after `vnet-gateway wait --created`.
import type { Snippet } from '../../model.ts';
import { type Names, slug } from '../names.ts';
import { bashSnippet } from './shell.ts';
import type { Vars } from './vars.ts';

function clusterSlug(names: Names): string {
  return names.cluster.startsWith('<') ? 'cluster' : slug(names.cluster);
}

function gateway(rg: string, vnet: string, prefix: string, name: string): string[] {
  return [
    `az network vnet subnet create -g "${rg}" --vnet-name "${vnet}" -n GatewaySubnet --address-prefixes "${prefix}"`,
    `az network public-ip create -g "${rg}" -n ${name}-ip --sku Standard`,
    `az network vnet-gateway create -g "${rg}" -n ${name} --vnet "${vnet}" --public-ip-addresses ${name}-ip --gateway-type Vpn --vpn-type RouteBased --sku VpnGw1 --no-wait`,
  ];
}

const waitFor = (rg: string, name: string) =>
  `az network vnet-gateway wait -g "${rg}" -n ${name} --created --timeout 5400`;

export function vnetToVnetVpn(names: Names, vars: Vars): Snippet {
  const gw = `gw-${clusterSlug(names)}`;
  const lines = [
    '# A gateway in each VNet (skip the GatewaySubnet line where one exists); both build in parallel',
    ...gateway('$CC_RG', '$CC_VNET', '$CC_GATEWAY_PREFIX', 'gw-cyclecloud'),
    ...gateway('$CLUSTER_RG', '$CLUSTER_VNET', '$CLUSTER_GATEWAY_PREFIX', gw),
    '# A gateway takes 45 minutes or more: wait until both exist before connecting them',
    waitFor('$CC_RG', 'gw-cyclecloud'),
    waitFor('$CLUSTER_RG', gw),
    'CC_GW_ID=$(az network vnet-gateway show -g "$CC_RG" -n gw-cyclecloud --query id -o tsv)',
    `CLUSTER_GW_ID=$(az network vnet-gateway show -g "$CLUSTER_RG" -n ${gw} --query id -o tsv)`,
    '# One shared key for both directions; keep it if you need to recreate a connection',
    'SHARED_KEY=$(openssl rand -base64 24)',
    `az network vpn-connection create -g "$CC_RG" -n cyclecloud-to-${clusterSlug(names)} --vnet-gateway1 "$CC_GW_ID" --vnet-gateway2 "$CLUSTER_GW_ID" --shared-key "$SHARED_KEY"`,
    `az network vpn-connection create -g "$CLUSTER_RG" -n ${clusterSlug(names)}-to-cyclecloud --vnet-gateway1 "$CLUSTER_GW_ID" --vnet-gateway2 "$CC_GW_ID" --shared-key "$SHARED_KEY"`,
  ];
  return bashSnippet('VNet-to-VNet VPN', vars, lines, ['VPN', 'GWCLI']);
}

export function siteToSiteVpn(names: Names, vars: Vars): Snippet {
  const gw = `gw-${clusterSlug(names)}`;
  const lines = [
    '# Site-to-site VPN from the cluster VNet to the on-premises network where CycleCloud runs',
    ...gateway('$CLUSTER_RG', '$CLUSTER_VNET', '$CLUSTER_GATEWAY_PREFIX', gw),
    'az network local-gateway create -g "$CLUSTER_RG" -n onprem --gateway-ip-address "$ONPREM_VPN_IP" --local-address-prefixes "$ONPREM_CIDR"',
    '# A gateway takes 45 minutes or more: wait until it exists before connecting',
    waitFor('$CLUSTER_RG', gw),
    'SHARED_KEY=$(openssl rand -base64 24)',
    'echo "Configure the same shared key on your VPN device: $SHARED_KEY"',
    `az network vpn-connection create -g "$CLUSTER_RG" -n ${clusterSlug(names)}-to-onprem --vnet-gateway1 ${gw} --local-gateway2 onprem --shared-key "$SHARED_KEY"`,
  ];
  return bashSnippet('Site-to-site VPN', vars, lines, ['VPN', 'GWCLI', 'NC']);
}

export function gatewayTransit(names: Names, vars: Vars): Snippet {
  const cluster = clusterSlug(names);
  const lines = [
    "# Or use the hub's existing gateway: gateway transit on the hub peering, remote gateways on the spoke",
    `az network vnet peering create -g "$HUB_RG" -n hub-to-${cluster} --vnet-name "$HUB_VNET" --remote-vnet "$CLUSTER_VNET_ID" --allow-vnet-access --allow-gateway-transit`,
    `az network vnet peering create -g "$CLUSTER_RG" -n ${cluster}-to-hub --vnet-name "$CLUSTER_VNET" --remote-vnet "$HUB_VNET_ID" --allow-vnet-access --use-remote-gateways`,
  ];
  return bashSnippet("Gateway transit through the hub's gateway", vars, lines, ['PEER', 'VPN']);
}
