// VNet peering in both directions and the hub-and-spoke alternatives (KNOWLEDGE.md L2, PEER).
import type { Snippet } from '../../model.ts';
import { type Names, placeholder, slug } from '../names.ts';

export function peeringCommands(names: Names, missing: 'both' | 'one'): Snippet {
  const lines = [
    missing === 'one'
      ? '# The peering exists one way only (state Initiated): create the side that is missing, then check both show Connected.'
      : '# Peer both directions; each side shows Initiated until the other exists, then Connected.',
    `az network vnet peering create -g <cyclecloud-rg> -n cyclecloud-to-${slug(names.cluster)} --vnet-name <cyclecloud-vnet> --remote-vnet ${placeholder(names.clusterVnet, 'id')} --allow-vnet-access`,
    `az network vnet peering create -g ${names.clusterRg} -n ${slug(names.cluster)}-to-cyclecloud --vnet-name ${names.clusterVnet} --remote-vnet <cyclecloud-vnet-id> --allow-vnet-access`,
    ...checkLines(names),
  ];
  return { title: 'VNet peering, both directions', language: 'bash', code: lines.join('\n') };
}

export function peeringCheck(names: Names): Snippet {
  return { title: 'Check the peering state', language: 'bash', code: checkLines(names).join('\n') };
}

function checkLines(names: Names): string[] {
  return [
    '# Both must print Connected',
    `az network vnet peering show -g <cyclecloud-rg> -n cyclecloud-to-${slug(names.cluster)} --vnet-name <cyclecloud-vnet> --query peeringState -o tsv`,
    `az network vnet peering show -g ${names.clusterRg} -n ${slug(names.cluster)}-to-cyclecloud --vnet-name ${names.clusterVnet} --query peeringState -o tsv`,
  ];
}

export function privateDnsLinks(names: Names): Snippet {
  const code = [
    '# Link the private DNS zones to both VNets (across regions too), e.g. the storage private endpoint zone',
    `az network private-dns link vnet create -g <dns-rg> -z privatelink.blob.core.windows.net -n link-${slug(names.clusterVnet).replace(/[<>]/g, '')} -v ${placeholder(names.clusterVnet, 'id')} -e false`,
    'az network private-dns link vnet create -g <dns-rg> -z privatelink.blob.core.windows.net -n link-cyclecloud-vnet -v <cyclecloud-vnet-id> -e false',
  ].join('\n');
  return { title: 'Private DNS zone links', language: 'bash', code };
}

export function hubRouting(names: Names): Snippet {
  const lines = [
    '# Option A: peer the two spokes directly (see the peering commands).',
    '# Option B: route spoke to spoke through the hub firewall.',
    `az network route-table create -g ${names.clusterRg} -n rt-${slug(names.cluster)}-via-hub`,
    `az network route-table route create -g ${names.clusterRg} --route-table-name rt-${slug(names.cluster)}-via-hub -n to-cyclecloud --address-prefix <cyclecloud-vnet-cidr> --next-hop-type VirtualAppliance --next-hop-ip-address <hub-firewall-private-ip>`,
    `az network vnet subnet update -g ${names.clusterRg} --vnet-name ${names.clusterVnet} -n ${names.clusterSubnet} --route-table rt-${slug(names.cluster)}-via-hub`,
    '# The same on the CycleCloud side, with a route to the cluster address space',
    'az network route-table create -g <cyclecloud-rg> -n rt-cyclecloud-via-hub',
    `az network route-table route create -g <cyclecloud-rg> --route-table-name rt-cyclecloud-via-hub -n to-${slug(names.cluster)} --address-prefix ${placeholder(names.clusterVnet, 'cidr')} --next-hop-type VirtualAppliance --next-hop-ip-address <hub-firewall-private-ip>`,
    'az network vnet subnet update -g <cyclecloud-rg> --vnet-name <cyclecloud-vnet> -n <cyclecloud-subnet> --route-table rt-cyclecloud-via-hub',
    '# Let each spoke accept traffic the hub forwards',
    `az network vnet peering update -g ${names.clusterRg} --vnet-name ${names.clusterVnet} -n ${placeholder(names.clusterVnet, 'to-hub')} --set allowForwardedTraffic=true`,
    'az network vnet peering update -g <cyclecloud-rg> --vnet-name <cyclecloud-vnet> -n <cyclecloud-vnet-to-hub> --set allowForwardedTraffic=true',
  ];
  return {
    title: 'Hub-and-spoke: routing through the hub firewall',
    language: 'bash',
    code: lines.join('\n'),
  };
}
