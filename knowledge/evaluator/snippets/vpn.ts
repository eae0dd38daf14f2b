// VNet-to-VNet and site-to-site VPN, and gateway transit through a hub (KNOWLEDGE.md L4, seed 002).
import type { Snippet } from '../../model.ts';
import { type Names, placeholder, slug } from '../names.ts';

function gateway(rg: string, name: string, vnet: string): string[] {
  return [
    `az network public-ip create -g ${rg} -n ${name}-ip --sku Standard`,
    `az network vnet-gateway create -g ${rg} -n ${name} --vnet ${vnet} --public-ip-addresses ${name}-ip --gateway-type Vpn --vpn-type RouteBased --sku VpnGw1 --no-wait`,
  ];
}

export function vnetToVnetVpn(names: Names): Snippet {
  const lines = [
    '# A VPN gateway in each VNet (each VNet needs a GatewaySubnet), then one connection each way',
    ...gateway('<cyclecloud-rg>', 'gw-cyclecloud', '<cyclecloud-vnet>'),
    ...gateway(names.clusterRg, `gw-${slug(names.cluster)}`, names.clusterVnet),
    `az network vpn-connection create -g <cyclecloud-rg> -n cyclecloud-to-${slug(names.cluster)} --vnet-gateway1 gw-cyclecloud --vnet-gateway2 <gw-${slug(names.cluster)}-id> --shared-key <shared-key>`,
    `az network vpn-connection create -g ${names.clusterRg} -n ${slug(names.cluster)}-to-cyclecloud --vnet-gateway1 gw-${slug(names.cluster)} --vnet-gateway2 <gw-cyclecloud-id> --shared-key <shared-key>`,
  ];
  return { title: 'VNet-to-VNet VPN', language: 'bash', code: lines.join('\n') };
}

export function siteToSiteVpn(names: Names): Snippet {
  const lines = [
    '# Site-to-site VPN from the cluster VNet to the on-premises network where CycleCloud runs',
    ...gateway(names.clusterRg, `gw-${slug(names.cluster)}`, names.clusterVnet),
    `az network local-gateway create -g ${names.clusterRg} -n onprem --gateway-ip-address <on-premises-vpn-device-ip> --local-address-prefixes <on-premises-cidr>`,
    `az network vpn-connection create -g ${names.clusterRg} -n ${slug(names.cluster)}-to-onprem --vnet-gateway1 gw-${slug(names.cluster)} --local-gateway2 onprem --shared-key <shared-key>`,
  ];
  return { title: 'Site-to-site VPN', language: 'bash', code: lines.join('\n') };
}

export function gatewayTransit(names: Names): Snippet {
  const lines = [
    "# Or use the hub's existing gateway: gateway transit on the hub peering, remote gateways on the spoke",
    `az network vnet peering create -g <hub-rg> -n hub-to-${slug(names.cluster)} --vnet-name <hub-vnet> --remote-vnet ${placeholder(names.clusterVnet, 'id')} --allow-vnet-access --allow-gateway-transit`,
    `az network vnet peering create -g ${names.clusterRg} -n ${slug(names.cluster)}-to-hub --vnet-name ${names.clusterVnet} --remote-vnet <hub-vnet-id> --allow-vnet-access --use-remote-gateways`,
  ];
  return { title: "Gateway transit through the hub's gateway", language: 'bash', code: lines.join('\n') };
}
