// What `ccnet explain <topic>` says: one entry per subject of KNOWLEDGE.md, every section with its sources.
import type { SourceTag } from './sources.ts';
import { NETWORK_TOPICS } from './topics-network.ts';

interface TopicSection {
  heading: string;
  lines: readonly string[];
  sources: readonly SourceTag[];
}

export interface TopicFact {
  id: string;
  /** Other words people type for it (lower case). */
  aliases: readonly string[];
  title: string;
  summary: string;
  sections: readonly TopicSection[];
}

export const TOPICS: readonly TopicFact[] = [
  {
    id: 'ports',
    aliases: ['port', 'firewall ports', 'required ports', '9443', '37140', '5672'],
    title: 'Ports between nodes and CycleCloud',
    summary:
      'CycleCloud 8: nodes -> CycleCloud 9443 (37140 via a return proxy); CycleCloud 7 adds AMQP 5672 (37141).',
    sections: [
      {
        heading: 'CycleCloud 8',
        lines: [
          'Nodes -> CycleCloud TCP 9443 (webServerClusterPort), HTTPS.',
          'Through a return proxy: nodes -> proxy TCP 37140, forwarded to CycleCloud.',
          'No 5672 or 37141 on CycleCloud 8.',
          'Web UI: 8080/8443 (webServerPort/webServerSslPort), 443 on marketplace installs.',
        ],
        sources: ['RP', 'NS', 'CSP', 'seed:001'],
      },
      {
        heading: 'CycleCloud 7',
        lines: [
          'HTTPS: 443 in the older docs, 9443 in the locked-down network doc: open the port webServerClusterPort names.',
          'AMQP: nodes -> CycleCloud TCP 5672 (through a return proxy: 37141).',
          'CycleCloud -> head node TCP 8652 (ganglia).',
        ],
        sources: ['seed:000', 'LD', 'CI', 'CSP'],
      },
      {
        heading: 'Both versions',
        lines: ['CycleCloud -> nodes TCP 22 (SSH).', 'CycleCloud -> return proxy TCP 22 (the SSH tunnel).'],
        sources: ['CI', 'RP'],
      },
    ],
  },
  {
    id: 'direct',
    aliases: ['direct access', 'same vnet', 'same-vnet', 'webserverhostname'],
    title: 'Direct access',
    summary: 'Nodes reach CycleCloud on its private address: same VNet, peered VNets, or over a VPN.',
    sections: [
      {
        heading: 'When',
        lines: [
          'CycleCloud runs in the same VNet as the cluster (the recommended deployment), a Connected peering, or a VPN/ExpressRoute.',
          'No return proxy and no public IP needed.',
        ],
        sources: ['NC', 'CI', 'seed:000'],
      },
      {
        heading: 'Setup',
        lines: [
          'NSG: allow the node subnet to CycleCloud on 9443 (CycleCloud 7: 443/9443 and 5672), CycleCloud to the nodes on 22.',
          'CycleCloud VM with several NICs: set webServerHostname to the address nodes can reach.',
        ],
        sources: ['CI', 'NS', 'CSP'],
      },
    ],
  },
  {
    id: 'return-proxy',
    aliases: ['proxy', 'returnproxy', 'isreturnproxy', 'return proxy', 'proxy node', 'ssh tunnel'],
    title: 'Return proxy',
    summary:
      'CycleCloud opens an SSH tunnel to one Linux node; the other nodes reach CycleCloud through it on 37140.',
    sections: [
      {
        heading: 'How it works',
        lines: [
          'CycleCloud opens an SSH tunnel out to the proxy (TCP 22, user cyclecloud, key from KeyPairLocation on the CycleCloud server).',
          'Nodes -> proxy 37140 (forwarded to 9443); CycleCloud 7 also 37141 -> 5672.',
          'The proxy carries only node -> CycleCloud traffic, not Internet traffic.',
        ],
        sources: ['RP', 'seed:000', 'seed:001'],
      },
      {
        heading: 'Rules',
        lines: [
          'Exactly one IsReturnProxy node, or the cluster fails to start.',
          'A persistent node, not a nodearray, never in [[node defaults]]; Linux only (HPC Pack adds a separate Linux [[node proxy]]).',
          'Needs a public IP when CycleCloud is in another VNet that is not peered, or on-premises without VPN.',
          'A proxy gets a public IP automatically unless AssociatePublicIpAddress is set; false makes it fail.',
          'Under a no-public-IP policy do not enable the return proxy: use direct private 9443 over peering or VPN.',
          'ReturnProxyAddress = public makes nodes use the proxy public IP; ReturnPath.Hostname, ReturnPath.WebserverPort, ReturnPath.BrokerPort (CycleCloud 7) adjust the return path.',
          'NSG: nodes -> proxy 37140; CycleCloud -> proxy 22.',
        ],
        sources: ['RP', 'NS', 'ES', 'NR', 'HPCPACK'],
      },
      {
        heading: 'In the Slurm template',
        lines: [
          'slurm.txt sets IsReturnProxy = $ReturnProxy on the scheduler; the ReturnProxy default changed from true to false (cyclecloud-slurm PR #438).',
          'The scheduler-ha nodearray extends scheduler and sets IsReturnProxy = false.',
        ],
        sources: ['SLURM', 'SLURMPR'],
      },
    ],
  },
  {
    id: 'peering',
    aliases: ['vnet peering', 'vnet-peering', 'peer', 'global peering'],
    title: 'VNet peering',
    summary:
      'Peered VNets route privately as one network; create it in both directions with non-overlapping address spaces.',
    sections: [
      {
        heading: 'Rules',
        lines: [
          'Both directions: each side shows Initiated until the other exists, then Connected.',
          'Address spaces must not overlap.',
          'Global (cross-region) peering works; the region limits of 2014-era articles are history.',
          'Peering is not transitive.',
          'Link private DNS zones to both VNets, across regions too.',
          'With peering, turn the return proxy off.',
        ],
        sources: ['PEER', 'NC', 'RP'],
      },
      {
        heading: 'Initiated on one side',
        lines: [
          'The side that shows Initiated exists; the other VNet has no peering back. `az network vnet peering list` on both VNets shows which side is missing; create the peering from that side.',
        ],
        sources: ['PEERMGMT'],
      },
      {
        heading: 'Overlapping address spaces',
        lines: [
          'Overlapping VNets cannot be peered, and a VNet-to-VNet VPN needs non-overlapping ranges too.',
          "The ways out: a return proxy with a public IP (its tunnel crosses the Internet), CycleCloud in the cluster's VNet, or the cluster in a new VNet whose range does not overlap, peered.",
        ],
        sources: ['PEER', 'VPN', 'RP'],
      },
    ],
  },
  {
    id: 'hub-and-spoke',
    aliases: ['hub', 'hub and spoke', 'spoke', 'transitive', 'udr', 'allowforwardedtraffic'],
    title: 'Hub-and-spoke networks',
    summary:
      'Spokes peered only to a hub do not reach each other: peer the spokes, or route through the hub firewall.',
    sections: [
      {
        heading: 'Options',
        lines: [
          'Peer the CycleCloud spoke and the cluster spoke directly, or',
          'a route table (UDR) on each spoke subnet sending the other spoke to the hub firewall, allowForwardedTraffic on the spoke peerings, and a firewall rule for 9443.',
          "Or reach on-premises through the hub's gateway with gateway transit.",
        ],
        sources: ['PEER', 'NS'],
      },
    ],
  },
  {
    id: 'vpn',
    aliases: [
      'expressroute',
      'express route',
      'site-to-site',
      's2s',
      'vnet-to-vnet',
      'gateway',
      'gateway transit',
    ],
    title: 'VPN and ExpressRoute',
    summary:
      'A site-to-site or VNet-to-VNet VPN (or ExpressRoute) connects networks privately; then nodes go direct.',
    sections: [
      {
        heading: 'When',
        lines: [
          'CycleCloud on-premises: a VPN or ExpressRoute lets nodes reach it directly; open the ports on the NSG and the on-premises firewall.',
          'VNets that policy forbids peering, under a no-public-IP policy: a VNet-to-VNet VPN or ExpressRoute, not the return proxy.',
          'Not for overlapping address spaces: a VNet-to-VNet VPN needs ranges that do not overlap, like peering.',
          "A hub's gateway can serve the spokes through gateway transit.",
        ],
        sources: ['NC', 'NS', 'ES', 'VPN', 'seed:000', 'seed:002'],
      },
      {
        heading: 'Gateways take time',
        lines: [
          'A VPN gateway takes 45 minutes or more to create: `az network vnet-gateway wait --created` before `az network vpn-connection create`.',
        ],
        sources: ['VPN', 'GWCLI'],
      },
    ],
  },
  {
    id: 'bastion',
    aliases: [
      'jump box',
      'jumpbox',
      'user access',
      'user-access',
      'ssh',
      'rdp',
      'connect',
      'cyclecloud connect',
    ],
    title: 'Reaching nodes as a user',
    summary: 'Users reach private nodes through Azure Bastion or a jump box; CycleCloud UI on 443.',
    sections: [
      {
        heading: 'Access',
        lines: [
          'Users -> CycleCloud 443; SSH 22 to nodes through Bastion, a jump box or a VPN; RDP 3389 for Windows nodes.',
          'NSG: 22 (3389 for Windows) only from approved sources.',
        ],
        sources: ['CTN', 'seed:000'],
      },
      {
        heading: 'Azure Bastion',
        lines: [
          'Standard SKU or higher for the native client: `az network bastion ssh` (and `az network bastion tunnel` for RDP) from your own terminal; the Basic SKU connects through the portal only.',
          'It needs a subnet named AzureBastionSubnet of /26 or larger and a Standard static public IP; SSH on the nodes only from that subnet.',
        ],
        sources: ['BASTION', 'BASTIONCLI'],
      },
      {
        heading: 'A plain jump box',
        lines: [
          'A small Linux VM with a public IP and SSH only from your address: `cyclecloud connect <node> -c <cluster> --bastion-host <jump box IP>`, or `ssh -J user@<jump box IP> user@<node IP>`.',
        ],
        sources: ['CTN'],
      },
    ],
  },
  {
    id: 'nsg',
    aliases: ['network security group', 'security group', 'nsg rules', 'service tag', 'virtualnetwork'],
    title: 'Network security groups',
    summary: 'The NSG rules each path needs, and how service tags behave.',
    sections: [
      {
        heading: 'Direct access',
        lines: [
          'CycleCloud subnet inbound: node subnet -> 9443 (CycleCloud 7: 443 9443 5672).',
          'Cluster subnet inbound: CycleCloud -> 22.',
        ],
        sources: ['CI', 'NS'],
      },
      {
        heading: 'Return proxy',
        lines: ['Proxy inbound: nodes -> 37140 (CycleCloud 7: 37141 too); CycleCloud -> 22.'],
        sources: ['RP'],
      },
      {
        heading: 'Default rules',
        lines: [
          'Every NSG ends with AllowVnetInBound (65000), AllowAzureLoadBalancerInBound (65001) and DenyAllInBound (65500): traffic from the VirtualNetwork tag is allowed unless a rule of yours denies it.',
          "A Standard public IP accepts no inbound traffic until an NSG allows it (a return proxy's SSH from CycleCloud).",
          'Not sure what filters: `az network nic list-effective-nsg` shows the rules in force on a NIC; Network Watcher IP flow verify (`az network watcher test-ip-flow`) names the rule that decides one connection.',
        ],
        sources: ['NSG', 'PIP', 'NSGDIAG', 'IPFLOW'],
      },
      {
        heading: 'Service tags',
        lines: [
          'VirtualNetwork includes peered VNets and on-premises ranges reached over a gateway.',
          'Nodes with a public IP get an automatic NSG built from their input endpoints unless SecurityGroup is set.',
        ],
        sources: ['PEER', 'NS'],
      },
    ],
  },
  {
    id: 'locked-down',
    aliases: [
      'egress',
      'lockdown',
      'locked down',
      'outbound',
      'cyclecloud-egress',
      'no internet',
      'forced tunnel',
    ],
    title: 'Locked-down egress for CycleCloud',
    summary:
      'CycleCloud needs Azure Storage, Entra ID, Azure Monitor and Resource Manager on 443; deny the rest.',
    sections: [
      {
        heading: 'CycleCloud VM outbound',
        lines: [
          'management.azure.com, login.microsoftonline.com, watson.telemetry.microsoft.com, dc.applicationinsights.*, ratecard.azure-api.net, Storage, github.com (project staging).',
          'NSG: 100 Storage, 101 AzureActiveDirectory, 102 AzureMonitor, 103 AzureResourceManager (443 allow), 4000 deny Internet.',
          'Storage through a service endpoint (or private endpoint); service endpoint routes beat a forced tunnel 0.0.0.0/0.',
          'Without github.com: pre-stage projects into /opt/cycle_server/work/staging/projects/<name>/<version>.',
        ],
        sources: ['LD', 'PEER'],
      },
      {
        heading: 'Nodes',
        lines: [
          'Nodes need the storage locker on 443, IMDS 169.254.169.254, and package repositories unless pre-staged in the image.',
        ],
        sources: ['LD', 'BT', 'WP'],
      },
    ],
  },
  {
    id: 'http-proxy',
    aliases: ['web proxy', 'https proxy', 'proxy settings', 'no_proxy', 'nonproxyhosts'],
    title: 'CycleCloud behind an HTTP proxy',
    summary:
      'Settings -> HTTP(s) Proxies, restart; keep Storage off the proxy; nodes get proxy.sh with no_proxy for IMDS.',
    sections: [
      {
        heading: 'Setup',
        lines: [
          'CycleCloud: Settings -> HTTP(s) Proxies, then `/opt/cycle_server/cycle_server restart --wait`.',
          'Storage via the service endpoint: add -Dhttp.nonProxyHosts="*.core.windows.net" to webServerJvmOptions in cycle_server.properties.',
          'Nodes: /etc/profile.d/proxy.sh (cloud-init) with no_proxy=169.254.169.254.',
        ],
        sources: ['WP'],
      },
    ],
  },
  {
    id: 'private-endpoints',
    aliases: ['private endpoint', 'privatelink', 'private link', 'service endpoint'],
    title: 'Private endpoints for the storage locker',
    summary:
      'privatelink.blob.core.windows.net linked to every VNet; a private endpoint does not disable public access.',
    sections: [
      {
        heading: 'Rules',
        lines: [
          'Link privatelink.blob.core.windows.net to every VNet whose nodes use the locker.',
          'A private endpoint does not disable public access by itself.',
          'A locker in another region needs its own private endpoint.',
          'A cluster spread over several subnets needs the private DNS zone.',
          'Service endpoint or private endpoint for Storage is recommended in locked-down networks.',
        ],
        sources: ['ES', 'LD'],
      },
    ],
  },
  {
    id: 'dns',
    aliases: ['name resolution', 'private dns', 'resolve'],
    title: 'DNS',
    summary: 'Nodes must resolve the storage account and CycleCloud; private DNS zones linked to every VNet.',
    sections: [
      {
        heading: 'Checks',
        lines: [
          'Storage name not resolving is the usual cause of "Phase timeout expired while awaiting system boot-up".',
          'Private endpoints: privatelink.blob.core.windows.net linked to every VNet (peered VNets across regions too).',
          'Hybrid: on-premises CycleCloud reaching Azure VMs over VPN needs a DNS server both sides use.',
        ],
        sources: ['BT', 'ES', 'PEER', 'seed:002'],
      },
    ],
  },
  {
    id: 'storage',
    aliases: ['locker', 'storage account', 'blob', 'jetpack download', 'accesskey'],
    title: 'The storage locker',
    summary:
      'Nodes download Jetpack from the locker on 443; CycleCloud needs listKeys and no hierarchical namespace.',
    sections: [
      {
        heading: 'Nodes',
        lines: [
          'Jetpack arrives by the custom script extension from https://<account>.blob.core.windows.net/cyclecloud/cache/jetpack/...',
          'A zero-byte installer in /var/lib/waagent/custom-script/download/0/ means the download failed.',
          'curl to the jetpack blob answers 404 when storage is reachable; a DNS error or timeout is the fault.',
        ],
        sources: ['BT'],
      },
      {
        heading: 'CycleCloud',
        lines: [
          'Needs Microsoft.Storage/storageAccounts/listKeys/action on the locker account.',
          'A locker account with hierarchical namespace fails ("Unable to determine AccessKey for URL").',
        ],
        sources: ['ERR'],
      },
    ],
  },
  {
    id: 'logs',
    aliases: ['log', 'jetpack log', 'cycle_server.log', 'log files'],
    title: 'Where the logs are',
    summary: 'Nodes: /opt/cycle/jetpack/logs; server: /opt/cycle_server/logs/cycle_server.log.',
    sections: [
      {
        heading: 'Node',
        lines: [
          '/opt/cycle/jetpack/logs/jetpack.log',
          '/opt/cycle/jetpack/logs/jetpackd.log',
          '/opt/cycle/jetpack/logs/chef-client.log',
          '/opt/cycle/jetpack/logs/installation.log',
        ],
        sources: ['JP', 'CI'],
      },
      {
        heading: 'CycleCloud server',
        lines: ['/opt/cycle_server/logs/cycle_server.log'],
        sources: ['JP'],
      },
    ],
  },
  {
    id: 'versions',
    aliases: ['version', 'cc7', 'cc8', 'cyclecloud 7', 'cyclecloud 8', 'upgrade', 'amqp'],
    title: 'CycleCloud 7 vs 8',
    summary:
      'CycleCloud 8 dropped AMQP: 9443 only (37140 via a proxy). CycleCloud 7 was retired on 2023-09-30.',
    sections: [
      {
        heading: 'Differences that matter for the network',
        lines: [
          'CycleCloud 8: HTTPS 9443 only; no 5672 or 37141; ReturnPath.BrokerPort does nothing.',
          'CycleCloud 7: HTTPS 443/9443 (check webServerClusterPort) and AMQP 5672; return proxy 37140 and 37141; ganglia 8652 to the head node.',
          'The 2019 docs say 443 for CycleCloud 7, the locked-down doc 9443: read webServerClusterPort in cycle_server.properties.',
          'CycleCloud 7 was retired on 2023-09-30.',
        ],
        sources: ['RP', 'seed:000', 'LD', 'CSP', 'UM'],
      },
    ],
  },
  {
    id: 'ase',
    aliases: ['app service environment', 'app service'],
    title: 'App Service Environment networks',
    summary: 'Nothing else in the ASE subnet; calls between ASEs are Internet calls from the public VIP.',
    sections: [
      {
        heading: 'Rules',
        lines: [
          'Deploy other resources in a different subnet from the ASE.',
          "Calls from one ASE to another are Internet calls sourced from the caller's public VIP.",
          'Inbound: AppServiceManagement 454-455, AzureLoadBalancer 16001.',
        ],
        sources: ['ASE1', 'ASE2', 'seed:003'],
      },
    ],
  },
  {
    id: 'load-balancer',
    aliases: ['lb', 'probe', 'health probe', 'azureloadbalancer'],
    title: 'Load balancer health probes',
    summary: 'Probes come from 168.63.129.16 (AzureLoadBalancer tag); HTTP probes need a 200.',
    sections: [
      {
        heading: 'Probes',
        lines: [
          'Probes come from 168.63.129.16 (service tag AzureLoadBalancer): NSGs must allow it.',
          'An HTTP probe counts only a 200 response as healthy.',
          'The 2014 article: a probe every 15 s, unhealthy after 31 s; the current default interval is 5 s.',
        ],
        sources: ['LB', 'seed:002'],
      },
    ],
  },
  ...NETWORK_TOPICS,
];
