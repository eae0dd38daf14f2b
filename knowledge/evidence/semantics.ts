// How Azure decides whether a packet passes, as its documentation states it. The evaluator follows these rows and
// cites them in its reasons; test/evidence/semantics.test.ts proves each row with a case of its own.

export interface SemanticsRow {
  /** What ccnet does. */
  rule: string;
  /** What the documentation says, in short. */
  says: string;
  url: string;
}

const NSG = 'https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview';
const HOW = 'https://learn.microsoft.com/en-us/azure/virtual-network/network-security-group-how-it-works';
const TAGS = 'https://learn.microsoft.com/en-us/azure/virtual-network/service-tags-overview';
const UDR = 'https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-udr-overview';

export const NSG_SEMANTICS = {
  PRIORITY_ORDER: {
    rule: 'Rules are evaluated by priority, lowest number first; the first rule that matches decides and no later rule is read.',
    says: 'Rules are processed in priority order, with lower numbers processed before higher numbers. Once traffic matches a rule, processing stops.',
    url: `${NSG}#security-rules`,
  },
  FIVE_TUPLE: {
    rule: "A rule matches on protocol, source address and port, destination address and port. A client's source port is ephemeral (1024-65535): a rule on part of that range leaves the verdict to the client port.",
    says: 'Security rules are evaluated and applied based on the five-tuple information of source, source port, destination, destination port, and protocol.',
    url: `${NSG}#security-rules`,
  },
  INBOUND_ORDER: {
    rule: "Inbound to a VM: the subnet's NSG first, then the NIC's; both must allow. Traffic inside one subnet is filtered too.",
    says: "For inbound traffic, Azure processes the rules in a network security group associated to a subnet first, if there's one, and then the rules in a network security group associated to the network interface. This includes intra-subnet traffic as well.",
    url: `${HOW}#inbound-traffic`,
  },
  OUTBOUND_ORDER: {
    rule: "Outbound from a VM: the NIC's NSG first, then the subnet's; both must allow.",
    says: "For outbound traffic, Azure processes the rules in a network security group associated to a network interface first, if there's one, and then the rules in a network security group associated to the subnet.",
    url: `${HOW}#outbound-traffic`,
  },
  MISSING_NSG_ALLOWS: {
    rule: 'A subnet or NIC without an NSG filters nothing.',
    says: "All network traffic is allowed through a subnet and network interface if they don't have a network security group associated to them.",
    url: `${HOW}#inbound-traffic`,
  },
  DEFAULT_RULES: {
    rule: 'Every NSG ends with AllowVnetInBound 65000, AllowAzureLoadBalancerInBound 65001, DenyAllInBound 65500 and AllowVnetOutBound 65000, AllowInternetOutBound 65001, DenyAllOutBound 65500, also when an export omits them.',
    says: "Azure creates the following default rules in each network security group that you create … You can't remove the default rules, but you can override them by creating rules with higher priorities.",
    url: `${NSG}#default-security-rules`,
  },
  PROTOCOLS: {
    rule: 'Protocol Tcp, Udp, Icmp, Esp or Ah matches only that protocol; * (Any, All) matches every protocol.',
    says: 'TCP, UDP, ICMP, ESP, AH, or Any.',
    url: `${NSG}#security-rules`,
  },
  ADDRESSES: {
    rule: 'An address is a single IP, a CIDR block (compared numerically, IPv4 and IPv6), a list of them, * or Any (every address), 0.0.0.0/0 (every IPv4 address; ::/0 for IPv6), a service tag or an application security group.',
    says: 'You can specify Any, an individual IP address, a CIDR block (for example, 10.0.0.0/24), a service tag, or an application security group … 0.0.0.0/0 represents all IP addresses. Clients like the Azure portal, Azure CLI, or PowerShell can use * or Any for this expression.',
    url: `${NSG}#security-rules`,
  },
  PORTS: {
    rule: 'A port is a single port, a range (10000-10005), a list mixing both, or * (every port).',
    says: 'You can specify an individual port or ranges of ports. For example, you could specify 80 or 10000-10005; or for a mix of individual ports and ranges, you can separate them with commas.',
    url: `${NSG}#security-rules`,
  },
  ASG: {
    rule: 'An application security group matches the NICs that are members of it; without the NIC export, membership (and the verdict) is unknown.',
    says: 'Application security groups enable you to configure network security as a natural extension of an application’s structure, allowing you to group virtual machines and define network security policies based on those groups.',
    url: 'https://learn.microsoft.com/en-us/azure/virtual-network/application-security-groups',
  },
  PLATFORM_ADDRESSES: {
    rule: 'The host services at 168.63.129.16 and 169.254.169.254 (DNS, DHCP, IMDS, health probes) are not filtered by NSGs unless a rule names their service tags.',
    says: "By default, these services aren't subject to the configured network security groups unless targeted by service tags specific to each service.",
    url: `${NSG}#azure-platform-considerations`,
  },
  TAG_VIRTUAL_NETWORK: {
    rule: "VirtualNetwork is the VNet's address space, the spaces of Connected peerings, the prefixes of the subnet's user-defined routes, the host address 168.63.129.16, and on-premises ranges a gateway adds (known only from an effective-NSG export).",
    says: 'The virtual network address space (all IP address ranges defined for the virtual network), all connected on-premises address spaces, peered virtual networks, virtual networks connected to a virtual network gateway, the virtual IP address of the host, and address prefixes used on user-defined routes. This tag might also contain default routes.',
    url: `${TAGS}#available-service-tags`,
  },
  TAG_AZURE_LOAD_BALANCER: {
    rule: 'AzureLoadBalancer is 168.63.129.16.',
    says: 'The tag translates to the virtual IP address of the host (168.63.129.16) where the Azure health probes originate.',
    url: `${TAGS}#available-service-tags`,
  },
  TAG_INTERNET: {
    rule: 'Internet is public address space outside VirtualNetwork (Azure-owned public addresses included); private ranges are not Internet.',
    says: "The IP address space that's outside the virtual network and reachable by the public internet. The address range includes the Azure-owned public IP address space.",
    url: `${TAGS}#available-service-tags`,
  },
  TAG_OTHER: {
    rule: 'Any other service tag (Storage, AzureCloud, …) is resolved from an effective-NSG export, which lists its prefixes; without one the verdict is "depends on service tag X", never a guess. A regional tag (Storage.WestEurope) is never in the tag of another region (Storage.EastUS).',
    says: 'A service tag represents a group of IP address prefixes from a given Azure service. Microsoft manages the address prefixes encompassed by the service tag and automatically updates the service tag as addresses change.',
    url: `${TAGS}`,
  },
  EFFECTIVE_RULES: {
    rule: "An effective-NSG export (az network nic list-effective-nsg) is the NIC's rules as Azure applies them, service tags expanded to prefixes.",
    says: 'The effective security rules … ExpandedAddressPrefix expands the address prefixes for the NSG default tags.',
    url: 'https://learn.microsoft.com/en-us/azure/virtual-network/diagnose-network-traffic-filter-problem',
  },
} as const satisfies Record<string, SemanticsRow>;

export const ROUTE_SEMANTICS = {
  LONGEST_PREFIX: {
    rule: 'The route whose prefix contains the destination with the longest prefix length carries the packet.',
    says: 'Azure selects a route based on the destination IP address, using the longest prefix match algorithm.',
    url: `${UDR}#how-azure-selects-a-route`,
  },
  SAME_PREFIX: {
    rule: 'Between routes with the same prefix: user-defined beats BGP beats system.',
    says: 'If multiple routes contain the same address prefix, Azure selects the route type, based on the following priority: User-defined route, BGP route, System route.',
    url: `${UDR}#how-azure-selects-a-route`,
  },
  SYSTEM_ROUTES: {
    rule: 'Without a route table: the VNet space goes VnetLocal, 0.0.0.0/0 goes to the Internet, and 10/8, 172.16/12, 192.168/16, 100.64/10 go nowhere (None) unless the VNet uses them; each Connected peering adds its remote space.',
    says: 'Whenever a virtual network is created, Azure automatically creates the following default system routes … 10.0.0.0/8 None, 172.16.0.0/12 None, 192.168.0.0/16 None, 100.64.0.0/10 None. When you create a virtual network peering … the system adds a route for each address range within the address space of each virtual network involved in the peering.',
    url: `${UDR}#system-routes`,
  },
  NONE_DROPS: {
    rule: 'Next hop None drops the packet.',
    says: 'Traffic routed to the None next hop type is dropped, rather than routed outside the subnet.',
    url: `${UDR}#default`,
  },
  VIRTUAL_APPLIANCE: {
    rule: 'Next hop VirtualAppliance hands the packet to a firewall or NVA, whose own rules decide; ccnet says so instead of guessing.',
    says: 'This configuration allows the appliance to inspect the traffic and determine whether to forward or drop the traffic.',
    url: `${UDR}#user-defined`,
  },
  PEERING_CONNECTED: {
    rule: 'A peering carries traffic only when it shows Connected (both directions created); Initiated or Disconnected carries nothing.',
    says: 'The peering is not successfully established until the peering status for both virtual network peerings is Connected.',
    url: 'https://learn.microsoft.com/en-us/azure/virtual-network/virtual-network-peering-overview',
  },
  EFFECTIVE_ROUTES: {
    rule: "An effective-route export (az network nic show-effective-route-table) is the NIC's routes as Azure applies them; only Active routes count.",
    says: 'The effective routes for a network interface … Azure automatically changed the state from Active to Invalid when a user-defined route with the same prefix was added.',
    url: 'https://learn.microsoft.com/en-us/azure/virtual-network/diagnose-network-routing-problem',
  },
} as const satisfies Record<string, SemanticsRow>;

export type SemanticsId = keyof typeof NSG_SEMANTICS | keyof typeof ROUTE_SEMANTICS;

export const SEMANTICS: Record<SemanticsId, SemanticsRow> = { ...NSG_SEMANTICS, ...ROUTE_SEMANTICS };
