// The network links people hit, and how a pasted text tells which one it is: the host it names (most telling),
// the port, then the words around it (the program that printed it). Ports are only those the docs state.
import type { ConnectivityOption } from '../model.ts';
import type { NetworkLink } from '../symptoms/schema.ts';
import type { SourceTag } from './sources.ts';

export interface LinkFact {
  link: NetworkLink;
  /** "node → storage locker" */
  label: string;
  /** What travels on it and the ports the docs give. */
  summary: string;
  sources: readonly SourceTag[];
}

export const LINK_FACTS: Readonly<Record<NetworkLink, LinkFact>> = {
  'node-to-cyclecloud': {
    link: 'node-to-cyclecloud',
    label: 'node → CycleCloud',
    summary:
      'Jetpack on the node reports to CycleCloud: TCP 9443 on CycleCloud 8 (37140 through a return proxy); CycleCloud 7 also AMQP 5672 (37141).',
    sources: ['RP', 'CSP', 'LD'],
  },
  'cyclecloud-to-node': {
    link: 'cyclecloud-to-node',
    label: 'CycleCloud → node (SSH)',
    summary: 'CycleCloud reaches nodes, and a return proxy, on TCP 22.',
    sources: ['CI', 'RP'],
  },
  'node-to-storage': {
    link: 'node-to-storage',
    label: 'node → storage account',
    summary:
      'Nodes download Jetpack and project files from https://<account>.blob.core.windows.net on 443 and mount Azure Files (SMB 445, NFS 2049); with a private endpoint the privatelink zone must resolve in their VNet.',
    sources: ['BT', 'ES', 'PEDNS', 'AFSMB', 'AFNFS'],
  },
  'cyclecloud-to-storage': {
    link: 'cyclecloud-to-storage',
    label: 'CycleCloud → storage locker',
    summary:
      'CycleCloud stages and uploads projects to the locker (a storage account without hierarchical namespace) on 443, and needs listKeys on it.',
    sources: ['CCSTAGE', 'MI'],
  },
  'node-to-imds': {
    link: 'node-to-imds',
    label: 'node → Instance Metadata Service',
    summary:
      'IMDS answers at http://169.254.169.254 inside the VM, only with the header Metadata: true, never through a proxy.',
    sources: ['IMDS', 'WP'],
  },
  'node-to-wireserver': {
    link: 'node-to-wireserver',
    label: 'node → Azure host endpoint 168.63.129.16',
    summary:
      'The VM agent reaches WireServer at 168.63.129.16 (ports 80, 443 and 32526) for goal state and extensions such as the one that installs Jetpack; the default NSG rules allow it, local firewalls must too.',
    sources: ['WIRE'],
  },
  'node-to-package-host': {
    link: 'node-to-package-host',
    label: 'node → package and release hosts',
    summary:
      'Cluster-init and install scripts fetch packages (packages.microsoft.com, distro mirrors, GitHub release assets, PyPI) over the Internet, unless they are pre-staged in the image.',
    sources: ['LD', 'DOA'],
  },
  'cyclecloud-to-package-host': {
    link: 'cyclecloud-to-package-host',
    label: 'CycleCloud VM → package and release hosts',
    summary:
      'The CycleCloud VM installs CycleCloud from packages.microsoft.com and stages cluster projects from GitHub releases; in a locked-down network pre-stage them under /opt/cycle_server/work/staging/projects/<name>/<version>.',
    sources: ['LD', 'DOA'],
  },
  'scheduler-to-node': {
    link: 'scheduler-to-node',
    label: 'scheduler ↔ nodes',
    summary:
      'Scheduler daemons and shared file systems between cluster VMs: the CycleCloud Workspace for Slurm NSG opens 6817-6819 and 59000-61000 (Slurm), NFS 111, 635, 2049, 4045, 4046 and Lustre 988, 1019-1023.',
    sources: ['CCWS'],
  },
  'cyclecloud-to-azure-api': {
    link: 'cyclecloud-to-azure-api',
    label: 'CycleCloud → Azure APIs',
    summary:
      'CycleCloud (or the tool that deploys the cluster) calls management.azure.com and login.microsoftonline.com on 443 with its managed identity or service principal, which needs the CycleCloud role where it creates resources.',
    sources: ['LD', 'MI'],
  },
  'node-to-dns': {
    link: 'node-to-dns',
    label: 'name resolution inside the cluster',
    summary:
      'Azure-provided DNS resolves VM names inside one VNet; across VNets use Private DNS zones linked to every VNet; custom DNS servers on the VNet must hold the records (registration) and forward the rest to 168.63.129.16.',
    sources: ['AZDNS', 'PEDNS'],
  },
  'cyclecloud-to-proxy': {
    link: 'cyclecloud-to-proxy',
    label: 'CycleCloud → HTTP proxy',
    summary:
      'CycleCloud reaches the Internet through the proxy set in Settings -> HTTP(s) Proxies; storage with a service endpoint stays off it (-Dhttp.nonProxyHosts).',
    sources: ['WP'],
  },
  'node-to-proxy': {
    link: 'node-to-proxy',
    label: 'node → HTTP proxy',
    summary: 'Nodes use the proxy from /etc/profile.d/proxy.sh; IMDS (169.254.169.254) must be in no_proxy.',
    sources: ['WP', 'IMDS'],
  },
  'user-to-node': {
    link: 'user-to-node',
    label: 'user → node',
    summary: 'People reach nodes over SSH 22 (RDP 3389) through Azure Bastion, a jump box or a VPN.',
    sources: ['CTN'],
  },
  'user-to-cyclecloud': {
    link: 'user-to-cyclecloud',
    label: 'user → CycleCloud',
    summary: 'People reach the CycleCloud web UI and CLI on 443 (8443 on manual installs).',
    sources: ['CSP', 'ES'],
  },
  'node-to-database': {
    link: 'node-to-database',
    label: 'scheduler → accounting database',
    summary:
      'slurmdbd connects to Azure Database for MySQL on 3306 (33060) over TLS, trusting the CA bundle it is given.',
    sources: ['CCWS', 'DBCA', 'gh:slurm#504'],
  },
  none: {
    link: 'none',
    label: 'no network link',
    summary: 'Not a network problem: configuration, quota, image or scheduler settings.',
    sources: ['ERR'],
  },
};

/** What kind of endpoint a host name is. */
/**
 * Links no connectivity recommendation fixes: its "do now" is about nodes, CycleCloud, the return proxy, its egress
 * and users' access; an error on one of these needs that link's own checks.
 */
const OFF_PATH_LINKS: ReadonlySet<NetworkLink> = new Set([
  'node-to-storage',
  'node-to-imds',
  'node-to-wireserver',
  'node-to-package-host',
  'scheduler-to-node',
  'node-to-dns',
  'node-to-proxy',
  'user-to-cyclecloud',
  'node-to-database',
  'none',
]);

/**
 * The label of the link a pasted error is on, when the recommended option does not fix that link (users' SSH to the
 * nodes is the bastion option's, and no other's).
 */
export function offPathLabel(link: NetworkLink | undefined, option: ConnectivityOption): string | undefined {
  if (link === undefined) return undefined;
  const off = OFF_PATH_LINKS.has(link) || (link === 'user-to-node' && option !== 'bastion');
  return off ? LINK_FACTS[link].label : undefined;
}

export type HostKind =
  | 'imds'
  | 'wireserver'
  | 'storage'
  | 'files-share'
  | 'azure-api'
  | 'database'
  | 'github'
  | 'package'
  | 'cluster'
  | 'public-vm';

export interface HostRule {
  kind: HostKind;
  exact?: readonly string[];
  suffixes?: readonly string[];
}

/** First rule that matches wins; names compare in lower case. */
export const HOST_RULES: readonly HostRule[] = [
  { kind: 'imds', exact: ['169.254.169.254'] },
  { kind: 'wireserver', exact: ['168.63.129.16'] },
  { kind: 'cluster', suffixes: ['.internal.cloudapp.net', '.reddog.microsoft.com'] },
  { kind: 'files-share', suffixes: ['.file.core.windows.net'] },
  {
    kind: 'storage',
    suffixes: ['.blob.core.windows.net', '.dfs.core.windows.net', '.blob.storage.azure.net'],
  },
  {
    kind: 'azure-api',
    exact: [
      'management.azure.com',
      'login.microsoftonline.com',
      'login.windows.net',
      'graph.microsoft.com',
      'ratecard.azure-api.net',
    ],
    suffixes: ['.management.azure.com', '.vault.azure.net'],
  },
  { kind: 'database', suffixes: ['.mysql.database.azure.com', '.mariadb.database.azure.com'] },
  {
    kind: 'github',
    exact: ['github.com', 'api.github.com', 'codeload.github.com'],
    suffixes: ['.githubusercontent.com'],
  },
  {
    kind: 'package',
    exact: [
      'packages.microsoft.com',
      'pypi.org',
      'files.pythonhosted.org',
      'developer.download.nvidia.com',
      'download.docker.com',
    ],
    suffixes: [
      '.ubuntu.com',
      '.debian.org',
      '.centos.org',
      '.almalinux.org',
      '.rockylinux.org',
      '.fedoraproject.org',
      '.redhat.com',
      '.opensuse.org',
      '.suse.com',
      '.docker.io',
      '.anaconda.com',
      '.microsoft.com',
    ],
  },
  { kind: 'public-vm', suffixes: ['.cloudapp.azure.com'] },
];

/** Ports the docs tie to one link (22 is decided by who connects: see link.ts). */
export const PORT_LINKS: readonly { ports: readonly number[]; link: NetworkLink }[] = [
  { ports: [9443, 37140, 37141, 5672], link: 'node-to-cyclecloud' },
  { ports: [6817, 6818, 6819, 2049, 111, 635, 4045, 4046, 988], link: 'scheduler-to-node' },
  { ports: [445], link: 'node-to-storage' },
  { ports: [3306, 33060], link: 'node-to-database' },
  // RDP and WinRM: people and deployment tools reaching Windows VMs (CCWS NSG services Rdp and WinRM).
  { ports: [3389, 5985, 5986], link: 'user-to-node' },
];

/**
 * Words of the program that printed the error, and the link they point at. Lower case; matched as substrings of the
 * lines around the error, so they are chosen not to occur inside common words. First entry that matches wins.
 */
export const CONTEXT_LINKS: readonly { words: readonly string[]; link: NetworkLink }[] = [
  {
    words: [
      '169.254.169.254',
      'imds',
      '/metadata/instance',
      '/metadata/identity',
      'metadata header',
      'managedidentitycredential',
      'managed identity',
      'login --identity',
    ],
    link: 'node-to-imds',
  },
  {
    words: ['168.63.129.16', 'wireserver', 'wire server', 'goalstate', 'goal state'],
    link: 'node-to-wireserver',
  },
  {
    words: [
      'slurmdbd',
      'sacctmgr',
      'mysql',
      'mariadb server',
      'storageparameters',
      'tres from it',
      'require_secure_transport',
      '(hy000)',
    ],
    link: 'node-to-database',
  },
  {
    words: [
      'proxy error',
      'proxyerror',
      'unable to connect to proxy',
      'resolve proxy',
      'proxy connect',
      'proxyconnect',
    ],
    link: 'node-to-proxy',
  },
  { words: ['mount error(', 'mount.cifs', 'cifs', 'smb', '.file.core.windows.net'], link: 'node-to-storage' },
  {
    words: [
      'mount.nfs',
      'nfs server',
      'lustre',
      'lctl',
      'slurmctld',
      'slurmd',
      'slurm_',
      'srun:',
      'sbatch',
      'scontrol',
      'sinfo',
      'munge',
      'slurm controller',
      'pbs_',
      'pbsnodes',
      'qmgr',
      'qstat',
      'qsub',
      'qmaster',
      'sge_',
    ],
    link: 'scheduler-to-node',
  },
  {
    words: ['project fetch', 'cyclecloud project', 'staging resources', 'error fetching project'],
    link: 'cyclecloud-to-package-host',
  },
  {
    words: [
      'apt-get',
      'apt update',
      'apt install',
      'failed to fetch',
      'err:1 ',
      'yum ',
      'dnf ',
      'zypper',
      'repomd.xml',
      'metadata for repo',
      'mirrorlist',
      'pip install',
      'pip3 install',
      'failure downloading',
      'error downloading',
      'wget ',
      'mirror',
      'repodata',
      'inrelease',
      'rhui',
      '/pulp/repos/',
      'region server',
      'registration server',
      'registercloudguest',
    ],
    link: 'node-to-package-host',
  },
  {
    words: [
      'azure.mgmt',
      'azurerm',
      'terraform',
      'resource manager',
      'az vm ',
      'az network ',
      'az deployment',
      'code="',
      'management.azure.com',
      'internalservererror',
      '/providers/microsoft.',
      'missingsubscriptionregistration',
      'registered to use namespace',
      'requestdisallowedbypolicy',
      'disallowed by policy',
      'policyassignment',
    ],
    link: 'cyclecloud-to-azure-api',
  },
  { words: ['ssh:', 'ssh_exchange', 'permission denied (publickey'], link: 'user-to-node' },
  {
    words: ['jetpack', 'cyclecloud', 'cycle_server', 'return proxy', 'return-proxy', 'webserverclusterport'],
    link: 'node-to-cyclecloud',
  },
];

/** Words that say the CycleCloud VM itself (not a node) opened the connection to storage or a package host. */
export const CYCLECLOUD_SIDE_WORDS: readonly string[] = [
  'cycle_server',
  'cyclecloud project',
  'project upload',
  'project fetch',
  'error fetching project',
  'staging resources',
  'cyclecloud locker',
  'unable to determine accesskey',
  'cyclecloud8',
  'yumrepos/cyclecloud',
  'cyclecloud-cli',
];
