// Specific causes for an error class on a link: what most often produces that failure there, and how to tell.
// Keys follow the causeKey vocabulary of test/fixtures/real-errors/README.md where one fits. Ordered most specific
// first; the matcher takes the first whose class, link, words and Azure action fit. A cause reached this way is
// never presented as certain: the reply calls it the likely one and gives the checks that decide.
import type { ErrorClass, NetworkLink } from '../symptoms/schema.ts';
import type { SourceTag } from './sources.ts';

export interface CauseFact {
  key: string;
  classes: readonly ErrorClass[];
  links: readonly NetworkLink[];
  /** One of these lower-case words must appear in the problem's lines or the lines around them. */
  whenAny?: readonly string[];
  /** None of these may appear (they point at another cause). */
  unless?: readonly string[];
  /** The Azure action the text names starts with one of these (lower case). */
  actionPrefixes?: readonly string[];
  /** Also applies when the text names no link (the cause is on the machine itself, a clock). */
  anyLink?: boolean;
  cause: string;
  checks: readonly string[];
  sources: readonly SourceTag[];
}

const NSG_EFFECTIVE =
  'Effective rules on the NIC of the failing VM: `az network nic list-effective-nsg -g <rg> -n <nic>`; an Allow for the port must win over any Deny.';
const EGRESS: readonly NetworkLink[] = ['node-to-package-host', 'cyclecloud-to-package-host'];
const STORAGE: readonly NetworkLink[] = ['node-to-storage', 'cyclecloud-to-storage'];
/** The connection was made and then was slow: the path exists, the far end or the Internet was slow. */
const SLOW = [
  'read operation timed out',
  'read timed out',
  'handshake operation timed out',
  'operation too slow',
  'timed out reading',
];

export const CAUSE_FACTS: readonly CauseFact[] = [
  // Name resolution
  {
    key: 'reverse-dns-mismatch',
    classes: ['name-resolution'],
    links: ['node-to-dns'],
    whenAny: ['reverse dns', 'reverse lookup', 'ptr record'],
    cause:
      "Reverse DNS for the node's IP answers another name than its host name (often localhost from an /etc/hosts entry), so the scheduler or autoscaler will not accept the node.",
    checks: [
      'On the node: `getent hosts <its private IP>` must return its host name; remove any /etc/hosts line mapping that IP to localhost or another name.',
      'Custom DNS servers on the VNet need PTR records for the cluster subnet.',
    ],
    sources: ['AZDNS'],
  },
  {
    key: 'hostname-not-registered-in-dns',
    classes: ['name-resolution'],
    links: ['node-to-dns'],
    cause:
      "A cluster host name does not resolve: the node's (new) name is not, or not yet, registered in Azure DNS. Right after boot registration lags (CycleCloud retries); on Ubuntu 22+ scale-set VMs the agent fails to register the new name (cyclecloud-slurm's waagent mitigation); a custom DNS server on the VNet must take the registration or hold the records.",
    checks: [
      'On the scheduler: `getent hosts <name>`; on that node: `hostname` — do they agree?',
      'Ubuntu 22+: a cyclecloud-slurm release with the waagent mitigation, slurm.ubuntu22_waagent_fix left enabled.',
      'Custom DNS servers on the VNet (`az network vnet show -g <rg> -n <vnet> --query dhcpOptions.dnsServers`) must accept registration or hold the records, and forward the rest to 168.63.129.16; across VNets use a Private DNS zone with auto-registration.',
    ],
    sources: ['gh:slurm#203', 'gh:azhop#657', 'gh:slurm#105', 'AZDNS'],
  },
  {
    key: 'storage-private-dns-missing',
    classes: ['name-resolution'],
    links: STORAGE,
    cause:
      "The storage account's name does not resolve (to its private endpoint) from this VNet: the privatelink zone lacks the account's record or is not linked to the VNet, or a custom DNS server does not forward to 168.63.129.16.",
    checks: [
      'On the VM: `nslookup <account>.blob.core.windows.net` — with a private endpoint it must return the private IP through <account>.privatelink.blob.core.windows.net.',
      'The privatelink.blob.core.windows.net zone must hold an A record for the account and be linked to every VNet whose VMs use it (peered VNets and other regions too).',
      'Custom DNS servers must forward privatelink zones (or everything) to 168.63.129.16.',
    ],
    sources: ['PEDNS', 'ES', 'BT'],
  },
  {
    key: 'public-dns-label-missing',
    classes: ['name-resolution'],
    links: [
      'user-to-cyclecloud',
      'user-to-node',
      'node-to-cyclecloud',
      'cyclecloud-to-node',
      'cyclecloud-to-proxy',
    ],
    whenAny: ['.cloudapp.azure.com'],
    anyLink: true,
    cause:
      "A <label>.<region>.cloudapp.azure.com name is the DNS name label of a public IP in that region, answered by Azure's public DNS: when it does not resolve, no public IP carries that label there now (not deployed yet, deleted, another region or label), or the machine's own DNS server does not forward public names.",
    checks: [
      '`az network public-ip list --query "[].dnsSettings.fqdn" -o tsv` must list <host>; if not, set the DNS name label on the public IP (or use the name it has).',
      '`nslookup <host> 168.63.129.16` from an Azure VM, and from a public resolver: if they answer and your machine does not, fix its DNS forwarding.',
    ],
    sources: ['PIP', 'AZDNS'],
  },
  {
    key: 'cyclecloud-name-unresolvable',
    classes: ['name-resolution'],
    links: ['node-to-cyclecloud'],
    cause:
      'Nodes cannot resolve the CycleCloud host name they were given: webServerHostname names a host their DNS does not know.',
    checks: [
      'In cycle_server.properties: webServerHostname — resolvable from the node? `getent hosts <that name>` on the node.',
      'CycleCloud in another VNet or on-premises: a DNS server both sides use, or a Private DNS zone linked to both VNets.',
    ],
    sources: ['CSP', 'AZDNS', 'seed:002'],
  },
  {
    key: 'transient-dns-failure',
    classes: ['name-resolution'],
    links: [...EGRESS, 'user-to-node', 'cyclecloud-to-azure-api', 'node-to-database', 'node-to-imds'],
    cause:
      "A public name did not resolve; most often passing (the resolver not ready at first boot, a DNS hiccup) and fine on retry. If it fails every time, the VNet's custom DNS server does not resolve Internet names.",
    checks: [
      'Run the same command again; if the name resolves now, it was transient.',
      'If not: `cat /etc/resolv.conf`, then `nslookup <host>` and `nslookup <host> 168.63.129.16` — if Azure DNS answers, fix the custom DNS server (recursion or a forwarder to 168.63.129.16, TCP/UDP 53 reachable).',
    ],
    sources: ['AZDNS', 'PEDNS'],
  },
  // TLS
  {
    key: 'mysql-requires-tls',
    classes: ['tls', 'other'],
    links: ['node-to-database'],
    whenAny: ['insecure transport', 'require_secure_transport'],
    cause: 'The database enforces TLS (require_secure_transport=ON) and the client connected without it.',
    checks: [
      'Connect with TLS: slurmdbd.conf StorageParameters=SSL_CA=<CA bundle> (mysql client: --ssl-mode=REQUIRED --ssl-ca=<bundle>).',
    ],
    sources: ['MYSQLTLS'],
  },
  {
    key: 'mysql-root-ca-changed',
    classes: ['tls', 'other'],
    links: ['node-to-database'],
    cause:
      'slurmdbd does not trust the certificate of Azure Database for MySQL/MariaDB: the root CA changed (BaltimoreCyberTrustRoot to DigiCertGlobalRootG2, then again), and the CA file it is given lacks the new root.',
    checks: [
      'Which CA file does slurmdbd.conf name (StorageParameters=SSL_CA=...)? It must be a bundle with DigiCertGlobalRootCA, DigiCertGlobalRootG2 and Microsoft RSA Root Certificate Authority 2017.',
      'cyclecloud-slurm 3.0.3 and later let you pass the certificate; recent releases install the combined bundle by default.',
      '`openssl s_client -connect <server>.mysql.database.azure.com:3306 -starttls mysql -CAfile <bundle>` must say "Verify return code: 0".',
    ],
    sources: ['DBCA', 'gh:slurm#125', 'gh:slurm#212', 'gh:slurm#504'],
  },
  {
    key: 'clock-skew',
    classes: ['tls', 'other'],
    links: [
      'node-to-imds',
      'node-to-package-host',
      'cyclecloud-to-package-host',
      'node-to-storage',
      'cyclecloud-to-azure-api',
      'node-to-cyclecloud',
      'scheduler-to-node',
    ],
    whenAny: ['not yet valid', 'credential expired', 'clock skew'],
    anyLink: true,
    cause:
      "The machine's clock is far off, so certificate validity (or a time-limited credential) checks fail.",
    checks: ['Compare `date -u` with the real time; keep time synchronised (chrony) and retry.'],
    sources: ['SLURMFAQ', 'IMDS'],
  },
  {
    key: 'ca-bundle-missing',
    classes: ['tls'],
    links: [
      'node-to-package-host',
      'cyclecloud-to-package-host',
      'node-to-storage',
      'cyclecloud-to-azure-api',
    ],
    whenAny: ['ssl ca cert', 'cafile', 'ca-bundle', 'ca bundle', 'curl#77', 'curl: (77)'],
    unless: ['proxy'],
    cause:
      'The system CA bundle is missing, corrupted or outdated, so server certificates cannot be verified.',
    checks: [
      'Reinstall the CA bundle (`ca-certificates`) and check /etc/pki/tls/certs/ca-bundle.crt (RHEL) or /etc/ssl/certs (Ubuntu).',
    ],
    sources: ['RHUICERT'],
  },
  {
    key: 'crypto-policy-too-strict',
    classes: ['tls'],
    links: [
      'node-to-package-host',
      'cyclecloud-to-package-host',
      'node-to-storage',
      'cyclecloud-to-azure-api',
    ],
    whenAny: ['key too weak', 'ca md too weak', 'ee key too small'],
    cause:
      'The system-wide crypto policy (FUTURE or a custom one) rejects keys or algorithms the server uses.',
    checks: [
      '`update-crypto-policies --show`; set it back to DEFAULT (`update-crypto-policies --set DEFAULT`) and retry.',
    ],
    sources: ['RHUICERT'],
  },
  {
    key: 'tls-intercepting-proxy',
    classes: ['tls'],
    links: [...EGRESS, ...STORAGE, 'cyclecloud-to-azure-api', 'node-to-proxy', 'cyclecloud-to-proxy'],
    whenAny: [
      'self signed certificate in certificate chain',
      'self-signed certificate',
      'proxy',
      'local issuer',
    ],
    cause:
      "A proxy or firewall on the way re-signs TLS traffic with the organisation's own CA, which the VM does not trust.",
    checks: [
      '`openssl s_client -connect <host>:443 -showcerts </dev/null` on the VM: is the issuer your proxy or firewall rather than a public CA?',
      "Add the organisation's root CA to the VM's trust store (image or cluster-init), or exempt the host from inspection.",
      'Keep Storage and IMDS off the proxy (no_proxy / -Dhttp.nonProxyHosts).',
    ],
    sources: ['WP', 'IMDS'],
  },
  {
    key: 'cyclecloud-certificate',
    classes: ['tls'],
    links: ['node-to-cyclecloud'],
    cause:
      'The node reached an HTTPS endpoint whose certificate did not validate: a different host answering (wrong webServerHostname, an intercepting proxy) or a changed certificate.',
    checks: [
      'Is the address nodes use the CycleCloud server itself (webServerHostname), not a proxy or load balancer in between?',
      'Do nodes need an HTTP proxy exception for CycleCloud (no_proxy)?',
    ],
    sources: ['CI', 'CSP', 'WP'],
  },
  // Proxy and IMDS
  {
    key: 'imds-through-proxy',
    classes: ['timeout', 'refused', 'reset', 'http-407', 'http-403', 'http-503', 'other'],
    links: ['node-to-imds'],
    whenAny: ['proxy', 'gateway', '502', '504'],
    cause:
      'The request to IMDS (169.254.169.254) went through an HTTP proxy: IMDS is not supported behind a proxy, so clients must bypass it.',
    checks: [
      'Set no_proxy=169.254.169.254 (and NO_PROXY) for every process on the node, e.g. in /etc/profile.d/proxy.sh.',
      'Test without the proxy: `curl -s --noproxy "*" -H Metadata:true "http://169.254.169.254/metadata/instance?api-version=2021-02-01"`.',
    ],
    sources: ['IMDS', 'WP'],
  },
  {
    key: 'proxy-url-missing-or-unresolvable',
    classes: ['name-resolution', 'refused', 'timeout'],
    links: ['node-to-proxy', 'cyclecloud-to-proxy'],
    cause: 'The HTTP(S) proxy setting is empty, wrong, or names a host this machine cannot resolve or reach.',
    checks: [
      '`env | grep -i proxy` in the environment of the failing process (services do not read your shell profile): is https_proxy set and resolvable?',
      'CycleCloud: Settings -> HTTP(s) Proxies; nodes: /etc/profile.d/proxy.sh.',
    ],
    sources: ['WP'],
  },
  {
    key: 'proxy-authentication',
    classes: ['http-407'],
    links: [
      'node-to-proxy',
      'cyclecloud-to-proxy',
      ...EGRESS,
      ...STORAGE,
      'node-to-imds',
      'node-to-cyclecloud',
    ],
    cause:
      'The HTTP proxy wants credentials this client does not send, or the request should not go through the proxy at all.',
    checks: [
      'Which proxy is set (`env | grep -i proxy`, /etc/profile.d/proxy.sh, CycleCloud Settings -> HTTP(s) Proxies)?',
      'Exempt what must not use it: no_proxy=169.254.169.254 for IMDS, and the storage account (-Dhttp.nonProxyHosts="*.core.windows.net") when it has a service endpoint.',
      'Otherwise give the client the proxy credentials the proxy expects.',
    ],
    sources: ['WP', 'IMDS'],
  },
  {
    key: 'imds-not-on-azure-vm',
    classes: ['timeout', 'refused', 'reset', 'other'],
    links: ['node-to-imds'],
    cause:
      'Nothing answered at 169.254.169.254: IMDS exists only inside an Azure VM (or another Azure resource with a managed identity), so the command ran elsewhere — or something on the VM (a local firewall rule, a route, a proxy variable) sends the request away.',
    checks: [
      'Run it on the Azure VM itself: `curl -s --noproxy "*" -H Metadata:true "http://169.254.169.254/metadata/instance?api-version=2021-02-01"`.',
      'On the VM: no_proxy=169.254.169.254, and no local firewall rule or route for 169.254.169.254.',
    ],
    sources: ['IMDS'],
  },
  {
    key: 'wireserver-unreachable',
    classes: ['timeout', 'refused', 'reset', 'other', 'http-403', 'http-503'],
    links: ['node-to-wireserver'],
    cause:
      'The VM agent cannot reach the Azure host endpoint 168.63.129.16 (WireServer): a local firewall rule or an NSG blocks it, or the route to it is missing (for example on a VM with several NICs), so extensions such as the one that installs Jetpack never run.',
    checks: [
      'Allow 168.63.129.16 on ports 80, 443 and 32526 in local firewall policies (the default NSG rules allow it).',
      "On the VM: `ip route get 168.63.129.16` must leave through the primary NIC's gateway; add that route on a multi-NIC VM.",
      '`curl -s http://168.63.129.16/?comp=versions` on the VM answers when it is reachable.',
    ],
    sources: ['WIRE'],
  },
  // Azure rights and limits
  {
    key: 'service-principal-secret-expired',
    classes: ['authorization'],
    links: ['cyclecloud-to-azure-api'],
    whenAny: [
      'aadsts7000222',
      'aadsts7000215',
      'client secret',
      'secret keys are expired',
      'credentials are not valid',
      'no json object could be decoded',
    ],
    cause: "The secret of CycleCloud's service principal expired or no longer matches the app registration.",
    checks: [
      'Create a new client secret for the app registration (`az ad sp credential reset --name <app id>`), then update the credential in CycleCloud (gear icon at the bottom of the Clusters page).',
    ],
    sources: ['CCCRED', 'SPSECRET'],
  },
  {
    key: 'provider-not-registered',
    classes: ['other', 'authorization'],
    links: ['cyclecloud-to-azure-api'],
    whenAny: [
      'missingsubscriptionregistration',
      'registered to use namespace',
      'no registered resource provider',
    ],
    cause: 'The resource provider the deployment needs is not registered in the subscription.',
    checks: [
      '`az provider register --namespace <namespace>`, then `az provider show -n <namespace> --query registrationState` until it says Registered.',
    ],
    sources: ['RPREG'],
  },
  {
    key: 'policy-denies-resource',
    classes: ['other', 'authorization', 'http-403'],
    links: ['cyclecloud-to-azure-api'],
    whenAny: ['requestdisallowedbypolicy', 'disallowed by policy'],
    cause:
      'An Azure Policy assignment denies the resource or one of its settings (for example network interfaces with public IPs).',
    checks: [
      'The message names the policy assignment: change the request to comply (e.g. no public IP: use a NAT gateway, Bastion or peering), or ask for an exemption.',
      '`az policy assignment list --disable-scope-strict-match -o table`.',
    ],
    sources: ['ARMPOLICY'],
  },
  {
    key: 'provider-registration-denied',
    classes: ['authorization'],
    links: ['cyclecloud-to-azure-api'],
    whenAny: ['register/action', 'register azure providers'],
    cause:
      'A resource provider the call needs is not registered on the subscription, and the identity may not register it.',
    checks: [
      'Register it: `az provider register --namespace <namespace>` (CycleCloud needs Microsoft.Compute, Microsoft.Storage, Microsoft.Network, Microsoft.Resources, Microsoft.Commerce).',
      'Or grant the identity <namespace>/register/action so CycleCloud registers them itself.',
    ],
    sources: ['CCPROV', 'RPREG', 'MI'],
  },
  {
    key: 'authorization-propagation-delay',
    classes: ['authorization'],
    links: ['cyclecloud-to-azure-api'],
    whenAny: ['not authorized to access linked subscription', 'recently granted', 'refresh your credentials'],
    unless: ['does not have authorization', 'does not have permission'],
    cause:
      'Access for a new identity, tenant or linked subscription had not propagated yet; the same request usually succeeds a few minutes later.',
    checks: [
      'Wait about ten minutes and create again; if it keeps failing, check the role assignments on that scope.',
    ],
    sources: ['gh:openshift#41', 'MI'],
  },
  {
    key: 'managed-identity-missing-subnet-join',
    classes: ['authorization'],
    links: ['cyclecloud-to-azure-api'],
    actionPrefixes: ['microsoft.network/virtualnetworks/subnets/join/action'],
    cause:
      'The identity that creates or updates the VMs or scale set has no Microsoft.Network/virtualNetworks/subnets/join/action on the VNet — typically a VNet in another resource group than the cluster.',
    checks: [
      "Assign the CycleCloud role (or Network Contributor) to the identity on the VNet's resource group (the scope in the message).",
      '`az role assignment list --assignee <client id> --all -o table` shows what it has.',
    ],
    sources: ['MI', 'gh:podidentity#550'],
  },
  {
    key: 'identity-missing-network-rights',
    classes: ['authorization'],
    links: ['cyclecloud-to-azure-api'],
    actionPrefixes: ['microsoft.network/'],
    cause:
      "CycleCloud's identity lacks a network right on that scope (the action in the message), e.g. joining the subnet of a VNet in another resource group or creating NICs and public IPs.",
    checks: [
      'Assign the CycleCloud role (or Network Contributor) to the managed identity or service principal on the scope in the message (often the resource group of the VNet).',
      '`az role assignment list --assignee <client id> --all -o table` shows what it has.',
    ],
    sources: ['MI', 'CCNETRES'],
  },
  {
    key: 'identity-missing-role-assignment',
    classes: ['authorization'],
    links: ['cyclecloud-to-azure-api'],
    cause:
      'The identity that made the call has no role assignment with the action named in the message on that scope (Contributor or the CycleCloud role on the subscription or resource group).',
    checks: [
      'Assign Contributor or the CycleCloud custom role to the identity on the scope named in the message: `az role assignment create --assignee <client id> --role <role> --scope <scope>`.',
      '`az role assignment list --assignee <client id> --all -o table`.',
    ],
    sources: ['MI'],
  },
  {
    key: 'vm-size-unavailable-in-region',
    classes: ['quota-or-capacity'],
    links: ['none', 'cyclecloud-to-azure-api'],
    whenAny: [
      'skunotavailable',
      'not available in the current region',
      'not available in location',
      'restricted',
    ],
    cause: 'The VM size is not offered, or is restricted for this subscription, in the region.',
    checks: [
      'Choose a VM size offered in the region, or another region (CycleCloud Settings -> Azure VM Size records; Restricted = true means not for this subscription).',
      '`az vm list-skus -l <region> --size <size> -o table`.',
    ],
    sources: ['CCSKU'],
  },
  {
    key: 'azure-capacity-shortage',
    classes: ['quota-or-capacity'],
    links: ['none', 'cyclecloud-to-azure-api'],
    whenAny: ['allocationfailed', 'overconstrainedallocationrequest', 'capacity'],
    cause: 'Azure had no capacity for this VM size in the region or zone at that moment.',
    checks: ['Retry later, or try another size, zone or region.'],
    sources: ['CCSKU'],
  },
  {
    key: 'quota-or-autoscale-limit',
    classes: ['quota-or-capacity'],
    links: ['none', 'cyclecloud-to-azure-api'],
    cause:
      'The subscription quota for the VM family is too small for the request, or autoscale limits exceed it.',
    checks: [
      'CycleCloud Settings -> Azure Usage (or Usage + quotas in the portal) for the VM family; request more quota or lower the autoscale limits.',
    ],
    sources: ['CCUPD', 'CCSLURMD'],
  },
  {
    key: 'azure-api-transient-error',
    classes: ['other', 'http-503', 'reset'],
    links: ['cyclecloud-to-azure-api'],
    cause:
      'An error from Azure Resource Manager itself (InternalServerError, service unavailable): usually passing; the same deployment succeeds on a rerun.',
    checks: [
      'Rerun the deployment or select Retry in CycleCloud.',
      'If it keeps failing in one region, check Azure status and try another size or region (capacity).',
    ],
    sources: ['ERR'],
  },
  // Storage
  {
    key: 'storage-firewall-denies-client',
    classes: ['http-403'],
    links: STORAGE,
    cause:
      "The storage account's firewall (Selected networks) refuses this VM's network: its subnet is not allowed and it does not come through a private endpoint.",
    checks: [
      'Storage account -> Networking: add the cluster and CycleCloud subnets as virtual network rules (they need the Microsoft.Storage service endpoint), or use a private endpoint.',
      '`az storage account show -n <account> --query networkRuleSet`.',
    ],
    sources: ['STFW', 'gh:storage-explorer#8344', 'AFSMB'],
  },
  {
    key: 'project-not-in-locker',
    classes: ['http-404'],
    links: STORAGE,
    cause:
      'The node asked the locker for a project file that is not there: the project upload to the locker failed or never ran.',
    checks: [
      'On the CycleCloud VM: `cyclecloud project fetch <release URL> <dir>`, `cd <dir>`, `cyclecloud project upload <locker>`, then `cyclecloud retry <cluster>`.',
      'A 404 for the jetpack installer itself means storage is reachable: look elsewhere.',
    ],
    sources: ['gh:ccws#208', 'BT'],
  },
  {
    key: 'locker-unreachable-from-node',
    classes: ['timeout', 'refused', 'reset'],
    links: STORAGE,
    cause:
      'The VM cannot open a connection to the storage account (443; 445 for SMB, 2049 for NFS): an NSG or firewall blocks it, or a route (forced tunnel, private endpoint in another region) sends it nowhere.',
    checks: [
      'Allow outbound to the Storage service tag (or the private endpoint IP) from the subnet on 443 (445 SMB, 2049 NFS).',
      'Service endpoint Microsoft.Storage on the subnet, or a private endpoint with its DNS zone linked.',
      'From the VM: `nc -zv <account>.blob.core.windows.net 443` (file.core.windows.net 445 or 2049 for shares).',
    ],
    sources: ['LD', 'BT', 'AFSMB', 'AFNFS'],
  },
  // Egress for installs
  {
    key: 'github-release-download-failed',
    classes: ['http-503', 'reset', 'timeout', 'refused', 'http-403', 'other'],
    links: EGRESS,
    whenAny: ['github.com', 'githubusercontent.com'],
    cause:
      'Downloading a GitHub release asset failed: GitHub answered with a passing error, or github.com is blocked by the egress rules.',
    checks: [
      'Retry: CycleCloud fetches the project again on the next attempt (Retry on the node, or `cyclecloud retry <cluster>`).',
      'If it keeps failing: allow github.com and *.githubusercontent.com outbound on 443, or pre-stage the project under /opt/cycle_server/work/staging/projects/<name>/<version>.',
    ],
    sources: ['LD'],
  },
  {
    key: 'package-host-transient-failure',
    classes: ['timeout'],
    links: EGRESS,
    whenAny: SLOW,
    cause:
      'The connection to the download host was made and then stalled (read or TLS handshake timeout, a mirror too slow): a passing problem of that host; the next run usually works.',
    checks: [
      'Run the install again.',
      'If one mirror keeps stalling, pin another mirror or pre-stage the package in the image.',
    ],
    sources: ['LD'],
  },
  {
    key: 'package-host-transient-failure',
    classes: ['reset', 'http-503'],
    links: EGRESS,
    cause:
      'A download host failed mid-way or was overloaded (reset, 503): usually passing; the next run works.',
    checks: [
      'Run the install again (or Retry in CycleCloud).',
      'If it persists, check outbound access to that host.',
    ],
    sources: ['ERR', 'LD'],
  },
  {
    key: 'package-repo-path-wrong',
    classes: ['http-404'],
    links: EGRESS,
    whenAny: ['repomd.xml', 'repodata', '/dists/', 'inrelease', 'metadata for repo', 'release file'],
    cause:
      'The repository definition points at a path the package host does not serve (for example a distribution version directory that does not exist there).',
    checks: [
      'Open the repository URL from the message with `curl -I`: does that path exist for this OS release? Fix the .repo / sources.list entry (release and version in the path).',
    ],
    sources: ['LD'],
  },
  {
    key: 'download-url-removed',
    classes: ['http-404'],
    links: EGRESS,
    cause:
      'The host answered but the file is gone: the pinned version was removed from that mirror or CDN, or the URL names a release that does not exist for this OS.',
    checks: [
      'Open the URL with `curl -I <url>`: 404 means the path is gone; take the file from the project archive or pin a version that exists.',
    ],
    sources: ['LD'],
  },
  {
    key: 'egress-blocked-to-package-host',
    classes: ['tls', 'other'],
    links: EGRESS,
    whenAny: ['ssl_error_syscall', 'not properly terminated', 'status code 470', '470 status'],
    cause:
      'A firewall or network appliance between the VM and the Internet denies (or cuts) the connection to the repository host: 470 is the deny response of a firewall appliance; a TLS connection cut mid-handshake is the same.',
    checks: [
      'Allow the repository URLs (and their IPs, when TLS inspection is on) in the firewall policy; an NSG must allow outbound 80 and 443 to them.',
    ],
    sources: ['APT', 'DOA'],
  },
  {
    key: 'egress-blocked-to-package-host',
    classes: ['timeout', 'refused', 'http-403', 'http-401'],
    links: EGRESS,
    unless: SLOW,
    cause:
      'Egress to the package or release host is blocked: no explicit outbound method on the subnet, or an NSG, firewall policy or forced tunnel that denies the host (or its allow rule is not yet in effect).',
    checks: [
      'Does the subnet have explicit outbound access: a NAT gateway, a load balancer outbound rule, a public IP on the VM, or a route to a firewall that allows the host?',
      'VNets created with the newer API (after March 31, 2026) have private subnets by default: without an explicit outbound method VMs cannot reach the Internet.',
      'An NSG or firewall that denies Internet outbound must allow this host on 443/80, or pre-stage the packages in the image.',
    ],
    sources: ['DOA', 'LD'],
  },
  // Node <-> CycleCloud
  {
    key: 'node-to-cyclecloud-blocked',
    classes: ['timeout'],
    links: ['node-to-cyclecloud'],
    cause:
      'The node cannot reach CycleCloud: an NSG or firewall blocks 9443 (CycleCloud 7: 443/9443 and 5672), the VNets are not peered, or webServerHostname names an address nodes cannot reach.',
    checks: [
      'Does the NSG on the CycleCloud subnet allow the node subnet on TCP 9443 (CycleCloud 7: the webServerClusterPort and 5672)?',
      'Is CycleCloud in another VNet? Then the peering must show Connected on both sides, or use a VPN or return proxy.',
      NSG_EFFECTIVE,
    ],
    sources: ['CI', 'CSP', 'NS'],
  },
  {
    key: 'cyclecloud-not-listening',
    classes: ['refused', 'reset'],
    links: ['node-to-cyclecloud'],
    cause:
      'The node reached the address but nothing accepts on that port: the wrong port for this CycleCloud (webServerClusterPort), CycleCloud not running, or a return proxy whose tunnel is down (37140).',
    checks: [
      'On the CycleCloud VM: `ss -ltnp | grep -E "9443|8443"`; is cycle_server running (`/opt/cycle_server/cycle_server status`)?',
      'Through a return proxy: did CycleCloud connect to the proxy ("Unable to setup return proxy" in its log)?',
    ],
    sources: ['CI', 'CSP', 'RP'],
  },
  {
    key: 'ssh-to-node-blocked',
    classes: ['timeout', 'refused', 'reset'],
    links: ['cyclecloud-to-node', 'user-to-node'],
    cause:
      'SSH to the node (or to the return proxy) does not connect: an NSG blocks TCP 22 from where you connect, or the address is private and not routed (no peering, VPN or Bastion).',
    checks: [
      'Allow TCP 22 from the CycleCloud VM (or your jump box / Bastion subnet) on the node subnet.',
      'Private addresses need peering, a VPN or Azure Bastion; the return proxy needs a public IP when CycleCloud is outside its VNet.',
    ],
    sources: ['CI', 'RP', 'CTN'],
  },
  // Between cluster VMs
  {
    key: 'host-firewall-blocks-slurm-ports',
    classes: ['other', 'timeout', 'refused'],
    links: ['scheduler-to-node'],
    whenAny: ['ufw block', 'iptables', 'firewalld'],
    cause:
      "A host firewall on a cluster VM (ufw, firewalld, iptables) drops the Slurm daemons' ports, so slurmd and slurmctld cannot reach each other.",
    checks: [
      'On the scheduler and the nodes: `ufw status` / `firewall-cmd --list-all`; allow 6817-6819 (and the srun port range) or turn the host firewall off inside the cluster subnet.',
    ],
    sources: ['gh:nebari-slurm#116', 'CCWS'],
  },
  {
    key: 'scheduler-ports-blocked',
    classes: ['timeout', 'refused'],
    links: ['scheduler-to-node'],
    cause:
      'The cluster VMs cannot reach each other on the service port: the daemon or file server is not running on the other side, or an NSG between the scheduler, compute and file-system subnets blocks the port.',
    checks: [
      'Is the daemon up on the other side (`systemctl status slurmctld` / `slurmd`, the NFS server)?',
      'NSG between the subnets: the CycleCloud Workspace for Slurm template allows Slurm 6817-6819 and 59000-61000, NFS 111, 635, 2049, 4045, 4046 and Lustre 988, 1019-1023.',
      NSG_EFFECTIVE,
    ],
    sources: ['CCWS'],
  },
  {
    key: 'database-unreachable',
    classes: ['timeout', 'refused'],
    links: ['node-to-database'],
    cause:
      'The scheduler cannot reach the accounting database on 3306: NSG rules or the database networking (private access in a delegated subnet, firewall rules) leave it out.',
    checks: [
      'From the scheduler: `nc -zv <server>.mysql.database.azure.com 3306`.',
      'The CycleCloud Workspace for Slurm NSG allows 3306 and 33060 to the database subnet.',
    ],
    sources: ['CCWS'],
  },
  {
    key: 'azure-api-unreachable',
    classes: ['timeout', 'refused', 'name-resolution'],
    links: ['cyclecloud-to-azure-api'],
    unless: ['aadsts'],
    cause:
      'CycleCloud cannot reach the Azure APIs: outbound 443 to AzureResourceManager and AzureActiveDirectory is blocked, or the HTTP proxy setting is wrong.',
    checks: [
      'NSG outbound 443 to the service tags AzureResourceManager and AzureActiveDirectory (and Storage, AzureMonitor).',
      'Behind a proxy: CycleCloud Settings -> HTTP(s) Proxies, then restart cycle_server.',
    ],
    sources: ['LD', 'WP'],
  },
];
