// Which link an error concerns: the host it names (most telling), then its port, then the words of the program
// that printed it. A name that fails to resolve inside the cluster is the cluster's DNS; Azure permission, quota and
// registration errors are CycleCloud -> Azure APIs.
import { CONTEXT_LINKS, CYCLECLOUD_SIDE_WORDS, PORT_LINKS } from '../facts/links.ts';
import { hostKind } from './endpoints.ts';
import { type Extracted, isPrivateIpv4 } from './extract.ts';
import type { ErrorClass, NetworkLink } from './schema.ts';

const INTERCEPTION_WORDS = [
  'proxy',
  'self signed certificate in certificate chain',
  'self-signed certificate in certificate chain',
];

/** URLs of packages, archives and repository metadata. */
const PACKAGE_PATH =
  /(?:\.(?:rpm|deb|whl|tar\.gz|tgz|tar\.xz|zip|iso)|\/repodata\/|\/dists\/|\/mirrorlist\b)/i;

type LinkEvidence = 'host' | 'port' | 'words' | 'class';

export interface LinkDecision {
  link: NetworkLink;
  via: LinkEvidence;
}

export function decideLink(
  errorClass: ErrorClass | undefined,
  extracted: Extracted,
  context: string,
): LinkDecision | undefined {
  if (errorClass === 'authorization') return { link: 'cyclecloud-to-azure-api', via: 'class' };
  if (errorClass === 'quota-or-capacity') return { link: 'none', via: 'class' };
  const byHost = linkOfHost(errorClass, extracted, context);
  if (byHost) return { link: byHost, via: 'host' };
  if (errorClass === 'name-resolution') return resolutionLink(extracted, context);
  // A TLS failure where a proxy is named, or a chain with an unknown CA in it: the proxy presents the certificate.
  if (errorClass === 'tls' && INTERCEPTION_WORDS.some((w) => context.includes(w))) {
    return { link: 'node-to-proxy', via: 'words' };
  }
  if (extracted.port === 22) return { link: sshLink(context), via: 'port' };
  const byPort = PORT_LINKS.find((p) => extracted.port !== undefined && p.ports.includes(extracted.port));
  if (byPort) return { link: byPort.link, via: 'port' };
  const byWords = linkOfWords(context);
  if (byWords) return { link: sideOf(byWords, context), via: 'words' };
  return undefined;
}

function linkOfHost(
  errorClass: ErrorClass | undefined,
  extracted: Extracted,
  context: string,
): NetworkLink | undefined {
  switch (hostKind(extracted.host)) {
    case 'imds':
      return 'node-to-imds';
    case 'storage':
      return cyclecloudSide(context) ? 'cyclecloud-to-storage' : 'node-to-storage';
    case 'files-share':
      return 'node-to-storage';
    case 'azure-api':
      return 'cyclecloud-to-azure-api';
    case 'database':
      return 'node-to-database';
    case 'github':
    case 'package':
      return cyclecloudSide(context) ? 'cyclecloud-to-package-host' : 'node-to-package-host';
    case 'cluster':
    case 'single-label':
      // A name inside the cluster: not resolving is the cluster's DNS; otherwise the daemons that were talking.
      if (errorClass === 'name-resolution') return 'node-to-dns';
      return linkOfWords(context) === 'user-to-node' ? 'user-to-node' : 'scheduler-to-node';
    case 'public-vm':
      return extracted.port === 22 || context.includes('ssh') ? sshLink(context) : undefined;
    case 'ip':
      if (extracted.port === 22 && isPrivateIpv4(extracted.host ?? '')) return sshLink(context);
      return undefined;
    default:
      // A host ccnet does not know, but the URL is a package or a repository: a download host.
      if (extracted.url !== undefined && PACKAGE_PATH.test(extracted.url)) {
        return cyclecloudSide(context) ? 'cyclecloud-to-package-host' : 'node-to-package-host';
      }
      return undefined;
  }
}

/** Links whose programs name what they could not resolve; any other unresolved name is the cluster's DNS. */
const RESOLUTION_WORD_LINKS: ReadonlySet<NetworkLink> = new Set([
  'node-to-package-host',
  'node-to-imds',
  'node-to-database',
  'node-to-storage',
  'cyclecloud-to-azure-api',
  'user-to-node',
  'node-to-proxy',
]);

/** What a browser prints when a name does not resolve: a person was opening a web page (the CycleCloud UI). */
const BROWSER_WORDS = [
  'dns_probe_finished_nxdomain',
  'err_name_not_resolved',
  "server's ip address could not be found",
];

function resolutionLink(extracted: Extracted, context: string): LinkDecision | undefined {
  if (hostKind(extracted.host) === 'public-vm') {
    // A public IP's DNS name label is answered by Azure's public DNS, not by the cluster's: the cluster's DNS is
    // not the link. The program that asked tells which one it is, when it says.
    if (BROWSER_WORDS.some((w) => context.includes(w))) {
      return { link: context.includes('cyclecloud') ? 'user-to-cyclecloud' : 'user-to-node', via: 'words' };
    }
    const byWords = linkOfWords(context);
    return byWords ? { link: sideOf(byWords, context), via: 'words' } : undefined;
  }
  if (extracted.host?.includes('.') && hostKind(extracted.host) === undefined) {
    // A dotted name ccnet does not know: a package mirror when the words say so, else some other endpoint.
    const byWords = linkOfWords(context);
    if (byWords && RESOLUTION_WORD_LINKS.has(byWords))
      return { link: sideOf(byWords, context), via: 'words' };
  }
  if (extracted.host === undefined) {
    const byWords = linkOfWords(context);
    if (byWords && RESOLUTION_WORD_LINKS.has(byWords))
      return { link: sideOf(byWords, context), via: 'words' };
  }
  return { link: 'node-to-dns', via: 'class' };
}

/** SSH is CycleCloud's when its own words surround it, a person's otherwise. */
function sshLink(context: string): NetworkLink {
  return ['return proxy', 'cycle_server', 'cyclecloud'].some((w) => context.includes(w))
    ? 'cyclecloud-to-node'
    : 'user-to-node';
}

function cyclecloudSide(context: string): boolean {
  return CYCLECLOUD_SIDE_WORDS.some((w) => context.includes(w));
}

/** Package downloads and proxies seen from the CycleCloud VM are its own links. */
function sideOf(link: NetworkLink, context: string): NetworkLink {
  if (link === 'node-to-package-host' && cyclecloudSide(context)) return 'cyclecloud-to-package-host';
  if (link === 'node-to-proxy' && cyclecloudSide(context)) return 'cyclecloud-to-proxy';
  return link;
}

function linkOfWords(context: string): NetworkLink | undefined {
  return CONTEXT_LINKS.find((entry) => entry.words.some((w) => context.includes(w)))?.link;
}
