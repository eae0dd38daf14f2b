// Where every fact comes from: the source tags of KNOWLEDGE.md mapped to their documents, plus the seed files.
// Facts carry tags, never free-text citations, so a test can prove each one resolves to a reference.
import type { Reference } from '../model.ts';

const CYCLECLOUD_DOCS = 'MicrosoftDocs/azure-docs: articles/cyclecloud';

export const SOURCES = {
  RP: { title: 'Enable return proxy', path: `${CYCLECLOUD_DOCS}/how-to/return-proxy.md` },
  NC: { title: 'Network connectivity', path: `${CYCLECLOUD_DOCS}/network-connectivity.md` },
  LD: {
    title: 'Operating in a locked down network',
    path: `${CYCLECLOUD_DOCS}/how-to/running-in-locked-down-network.md`,
  },
  NS: { title: 'Node networking configuration', path: `${CYCLECLOUD_DOCS}/how-to/network-security.md` },
  CI: {
    title: 'Common issues: node to CycleCloud connectivity',
    path: `${CYCLECLOUD_DOCS}/common-issues/node-cyclecloud-connectivity.md`,
  },
  BT: {
    title: 'Common issues: node storage resolution failure',
    path: `${CYCLECLOUD_DOCS}/common-issues/node-timeout-await-bootup.md`,
  },
  WP: { title: 'Running behind a web proxy', path: `${CYCLECLOUD_DOCS}/how-to/running-behind-proxy.md` },
  ES: {
    title: 'Plan an enterprise secured deployment',
    path: `${CYCLECLOUD_DOCS}/how-to/plan-enterprise-secured-deployment.md`,
  },
  CFG: { title: 'CycleCloud configuration', path: `${CYCLECLOUD_DOCS}/how-to/configuration.md` },
  NR: {
    title: 'Node and nodearray reference',
    path: `${CYCLECLOUD_DOCS}/cluster-references/node-nodearray-reference.md`,
  },
  CSP: {
    title: 'CycleServer configuration reference (cycle_server.properties)',
    path: `${CYCLECLOUD_DOCS}: CycleServer Configuration (cycle_server.properties options)`,
  },
  JP: { title: 'Jetpack', path: `${CYCLECLOUD_DOCS}/jetpack.md` },
  UM: { title: 'Upgrade and migrate', path: `${CYCLECLOUD_DOCS}/how-to/upgrade-and-migrate.md` },
  CTN: { title: 'Connecting to cluster nodes', path: `${CYCLECLOUD_DOCS}/how-to/connect-to-node.md` },
  ERR: { title: 'CycleCloud error messages', path: `${CYCLECLOUD_DOCS}/error-messages.md` },
  ASE1: {
    title: 'Network architecture overview of App Service Environments',
    path: 'MicrosoftDocs/azure-docs: articles/app-service/app-service-app-service-environment-network-architecture-overview.md',
  },
  ASE2: {
    title: 'Controlling inbound traffic to an App Service Environment',
    path: 'MicrosoftDocs/azure-docs: articles/app-service/app-service-app-service-environment-control-inbound-traffic.md',
  },
  LB: {
    title: 'Load balancer custom probe overview',
    path: 'MicrosoftDocs/azure-docs: articles/load-balancer/load-balancer-custom-probe-overview.md',
  },
  PEER: {
    title: 'Virtual network peering overview',
    path: 'MicrosoftDocs/azure-docs: articles/virtual-network/virtual-network-peering-overview.md',
  },
  SLURM: { title: 'cyclecloud-slurm cluster template', path: 'Azure/cyclecloud-slurm: templates/slurm.txt' },
  HPCPACK: { title: 'cyclecloud-hpcpack cluster templates', path: 'Azure/cyclecloud-hpcpack: templates/' },
  'seed:000': {
    title: 'Network connectivity configuration (2019): HTTPS 443 and AMQP 5672, proxy ports 37140/37141',
    path: 'seeds/000_13936ff4bf1c23a9.txt',
  },
  'seed:001': {
    title: 'Enable return proxy (2025): HTTPS 9443, proxy port 37140',
    path: 'seeds/001_0e297eb5ab63b28f.txt',
  },
  'seed:002': {
    title: 'Network connectivity in Azure (DZone, 2014): VPN, ExpressRoute, load balancer probes',
    path: 'seeds/002_3990700c6066f0a4.txt',
  },
  'seed:003': {
    title: 'Network architecture overview of App Service Environments (2015)',
    path: 'seeds/003_e053282e8a0917e1.txt',
  },
} as const satisfies Record<string, Omit<Reference, 'source'>>;

export type SourceTag = keyof typeof SOURCES;

export function isSourceTag(tag: string): tag is SourceTag {
  return Object.hasOwn(SOURCES, tag);
}

export function reference(tag: SourceTag): Reference {
  const { title, path } = SOURCES[tag];
  return { source: tag, title, path };
}

/** References for several tags, each once, in first-seen order. */
export function references(tags: Iterable<SourceTag>): Reference[] {
  return [...new Set(tags)].map(reference);
}
