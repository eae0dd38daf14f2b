// Where every fact comes from: the source tags of KNOWLEDGE.md mapped to their documents (with the URL people open),
// plus the seed files (cited by the origin they are a copy of). Facts carry tags, never free-text citations, so a
// test can prove each one resolves to a reference with a URL on the right host.
import type { Reference } from '../model.ts';
import { NETWORK_SOURCES } from './sources-network.ts';

const CYCLECLOUD_DOCS = 'MicrosoftDocs/azure-docs: articles/cyclecloud';
const LEARN = 'https://learn.microsoft.com/azure';

/** A CycleCloud article of MicrosoftDocs/azure-docs and where Learn publishes it (the path without `.md`). */
function cycleCloud(title: string, article: string): Omit<Reference, 'source'> {
  return { title, path: `${CYCLECLOUD_DOCS}/${article}.md`, url: `${LEARN}/cyclecloud/${article}` };
}

/** Any other Azure article: `articles/<area>/<name>.md` is published at `/azure/<area>/<name>`. */
function azure(title: string, article: string): Omit<Reference, 'source'> {
  return { title, path: `MicrosoftDocs/azure-docs: articles/${article}.md`, url: `${LEARN}/${article}` };
}

// The corpus pins these templates at these commits (../shared/corpus/SOURCES.tsv).
const SLURM_COMMIT = '049346f6b1cee4db11fd6a6166a58e32f5d006f5';
const HPCPACK_COMMIT = 'f3e792ab906f4889d56bc6310925687f2ef0eca6';

export const SOURCES = {
  RP: cycleCloud('Enable return proxy', 'how-to/return-proxy'),
  NC: cycleCloud('Network connectivity', 'network-connectivity'),
  LD: cycleCloud('Operating in a locked down network', 'how-to/running-in-locked-down-network'),
  NS: cycleCloud('Node networking configuration', 'how-to/network-security'),
  CI: cycleCloud(
    'Common issues: node to CycleCloud connectivity',
    'common-issues/node-cyclecloud-connectivity',
  ),
  BT: cycleCloud('Common issues: node storage resolution failure', 'common-issues/node-timeout-await-bootup'),
  WP: cycleCloud('Running behind a web proxy', 'how-to/running-behind-proxy'),
  ES: cycleCloud('Plan an enterprise secured deployment', 'how-to/plan-enterprise-secured-deployment'),
  CFG: cycleCloud('CycleCloud configuration', 'how-to/configuration'),
  NR: cycleCloud('Node and nodearray reference', 'cluster-references/node-nodearray-reference'),
  CSP: cycleCloud(
    'CycleServer configuration reference (cycle_server.properties)',
    'cycleserver-configuration-reference',
  ),
  JP: cycleCloud('Jetpack', 'jetpack'),
  UM: cycleCloud('Upgrade and migrate', 'how-to/upgrade-and-migrate'),
  CTN: cycleCloud('Connecting to cluster nodes', 'how-to/connect-to-node'),
  ERR: cycleCloud('CycleCloud error messages', 'error-messages'),
  ASE1: azure(
    'Network architecture overview of App Service Environments',
    'app-service/environment/app-service-app-service-environment-network-architecture-overview',
  ),
  ASE2: azure(
    'Controlling inbound traffic to an App Service Environment',
    'app-service/environment/app-service-app-service-environment-control-inbound-traffic',
  ),
  LB: azure('Load balancer health probes', 'load-balancer/load-balancer-custom-probe-overview'),
  PEER: azure('Virtual network peering overview', 'virtual-network/virtual-network-peering-overview'),
  PEERMGMT: azure(
    'Create, change, or delete a virtual network peering (Initiated and Connected)',
    'virtual-network/virtual-network-manage-peering',
  ),
  NSG: azure(
    'Network security groups: default rules and the VirtualNetwork tag',
    'virtual-network/network-security-groups-overview',
  ),
  NSGDIAG: azure(
    'Diagnose a VM network traffic filter problem (effective security rules)',
    'virtual-network/diagnose-network-traffic-filter-problem',
  ),
  IPFLOW: azure(
    'Network Watcher IP flow verify with the Azure CLI',
    'network-watcher/diagnose-vm-network-traffic-filtering-problem-cli',
  ),
  PIP: azure(
    'Public IP addresses: Standard SKU is closed to inbound traffic unless an NSG allows it',
    'virtual-network/ip-services/public-ip-addresses',
  ),
  FW: azure('Deploy and configure Azure Firewall with the Azure CLI (network rules)', 'firewall/deploy-cli'),
  VPN: azure(
    'VNet-to-VNet VPN gateway connection with the Azure CLI (non-overlapping ranges; gateways take 45 minutes or more)',
    'vpn-gateway/vpn-gateway-howto-vnet-vnet-cli',
  ),
  GWCLI: {
    title: 'az network vnet-gateway (wait --created)',
    path: 'Azure CLI reference: az network vnet-gateway',
    url: 'https://learn.microsoft.com/cli/azure/network/vnet-gateway',
  },
  BASTION: azure(
    'Azure Bastion configuration: SKUs, AzureBastionSubnet /26 or larger, Standard static public IP',
    'bastion/configuration-settings',
  ),
  BASTIONCLI: azure(
    'Connect to a VM with Bastion and a native client (az network bastion ssh; Standard SKU or higher)',
    'bastion/connect-vm-native-client-linux',
  ),
  SLURM: {
    title: 'cyclecloud-slurm cluster template',
    path: 'Azure/cyclecloud-slurm: templates/slurm.txt',
    url: `https://github.com/Azure/cyclecloud-slurm/blob/${SLURM_COMMIT}/templates/slurm.txt`,
  },
  SLURMPR: {
    title: 'cyclecloud-slurm PR #438: ReturnProxy defaults to false',
    path: 'Azure/cyclecloud-slurm#438',
    url: 'https://github.com/Azure/cyclecloud-slurm/pull/438',
  },
  HPCPACK: {
    title: 'cyclecloud-hpcpack cluster templates',
    path: 'Azure/cyclecloud-hpcpack: templates/',
    url: `https://github.com/Azure/cyclecloud-hpcpack/tree/${HPCPACK_COMMIT}/templates`,
  },
  // The seeds are copies of published pages: the two CycleCloud articles (their front matter names them), the DZone
  // post, and the 2015 App Service Environment article.
  'seed:000': {
    title: 'Network connectivity configuration (2019): HTTPS 443 and AMQP 5672, proxy ports 37140/37141',
    path: 'seeds/000_13936ff4bf1c23a9.txt',
    url: `${LEARN}/cyclecloud/network-connectivity`,
  },
  'seed:001': {
    title: 'Enable return proxy (2025): HTTPS 9443, proxy port 37140',
    path: 'seeds/001_0e297eb5ab63b28f.txt',
    url: `${LEARN}/cyclecloud/how-to/return-proxy`,
  },
  'seed:002': {
    title: 'Network connectivity in Azure (DZone, 2014): VPN, ExpressRoute, load balancer probes',
    path: 'seeds/002_3990700c6066f0a4.txt',
    url: 'https://dzone.com/articles/network-connectivity-azure',
  },
  'seed:003': {
    title: 'Network architecture overview of App Service Environments (2015)',
    path: 'seeds/003_e053282e8a0917e1.txt',
    url: `${LEARN}/app-service/environment/app-service-app-service-environment-network-architecture-overview`,
  },
  ...NETWORK_SOURCES,
} as const satisfies Record<string, Omit<Reference, 'source'>>;

export type SourceTag = keyof typeof SOURCES;

export function isSourceTag(tag: string): tag is SourceTag {
  return Object.hasOwn(SOURCES, tag);
}

export function reference(tag: SourceTag): Reference {
  const { title, path, url } = SOURCES[tag];
  return { source: tag, title, path, url };
}

/** References for several tags, each once, in first-seen order. */
export function references(tags: Iterable<SourceTag>): Reference[] {
  return [...new Set(tags)].map(reference);
}
