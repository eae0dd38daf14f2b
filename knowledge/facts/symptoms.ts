// Known error messages (KNOWLEDGE.md "Symptom -> cause", the CycleCloud error-message index and common issues).
// Ordered most specific first: the matcher reports the first entry found in the pasted text.
import type { ErrorClass, NetworkLink } from '../symptoms/schema.ts';
import type { SourceTag } from './sources.ts';
import { CYCLECLOUD_MESSAGES } from './symptoms-cyclecloud.ts';

export interface SymptomFact {
  id: string;
  /** The message as the docs write it. */
  message: string;
  /** Lower-case phrases, any of which identifies the message (spacing normalised to single spaces). */
  phrases: readonly string[];
  /**
   * When set, the phrase alone is too generic: one of these must appear within QUALIFIER_WINDOW characters after it.
   * Keeps "Could not connect to" from matching a database error.
   */
  qualifiers?: readonly string[];
  cause: string;
  checks: readonly string[];
  /** The message names an address (URL or host:port) worth lifting from the paste. */
  namesAddress: boolean;
  /** The message is about the node <-> CycleCloud link (pre-answers decision step 0). */
  nodeLink: boolean;
  /** The kind of failure and the link it concerns, as the class layer would name them. */
  errorClass?: ErrorClass;
  link: NetworkLink;
  /** The specific cause (facts/causes.ts key or this fact's own); absent for a wrapper that names none. */
  causeKey?: string;
  /** True when the docs give this message one cause; false when the cause is one of several to check. */
  certain: boolean;
  /** A consequence others explain ("Timeout awaiting system boot-up"): not reported when a more telling problem is. */
  consequence?: boolean;
  /** Another cause when one of its words is printed near the message (a host firewall log line beside it). */
  variants?: readonly { whenAny: readonly string[]; causeKey: string; cause: string }[];
  sources: readonly SourceTag[];
}

export const QUALIFIER_WINDOW = 200;

const CURL_FROM_NODE =
  'After fixing the network: SSH to the node as cyclecloud and run `curl -k <the URL in the message>`; then terminate and restart the node.';

export const SYMPTOM_FACTS: readonly SymptomFact[] = [
  {
    id: 'return-proxy-setup-failed',
    message: 'Unable to setup return proxy: cannot connect to {A.B.C.D:22}',
    phrases: ['unable to setup return proxy', 'unable to set up return proxy'],
    cause:
      'CycleCloud cannot open its SSH tunnel to the return proxy: the proxy has no public IP, the VNets are not peered, an NSG blocks TCP 22 from CycleCloud, or the key in KeyPairLocation is wrong.',
    checks: [
      "Is the address in the message the proxy's public IP? A private address needs peering or VPN to CycleCloud's VNet.",
      'Does the NSG on the proxy subnet allow TCP 22 from the CycleCloud server (or your on-premises egress IP)?',
      'Does KeyPairLocation on the proxy node point to the private key on the CycleCloud server, for user cyclecloud?',
      'From the CycleCloud server: `ssh -i <KeyPairLocation> cyclecloud@<address>` must log in.',
    ],
    namesAddress: true,
    nodeLink: true,
    errorClass: 'other',
    link: 'cyclecloud-to-proxy',
    causeKey: 'cyclecloud-cannot-ssh-to-proxy',
    certain: false,
    sources: ['CI', 'RP', 'ERR'],
  },
  {
    id: 'return-proxy-refused',
    message: 'Connection refused to CycleCloud through return-proxy tunnel at {https://A.B.C.D:37140}',
    phrases: [
      'connection refused to cyclecloud through return-proxy tunnel',
      'connection refused to cyclecloud through return proxy tunnel',
      'connection refused to cyclecloud through the return-proxy tunnel',
    ],
    cause:
      'The node reached the proxy but nothing listens on 37140: the SSH tunnel from CycleCloud to the proxy is not up.',
    checks: [
      'Did the proxy node start and did CycleCloud connect to it (look for "Unable to setup return proxy" on the proxy node)?',
      'Does the NSG allow TCP 22 from CycleCloud to the proxy and TCP 37140 from the nodes to the proxy?',
      'Is exactly one node marked IsReturnProxy = true, and is it a Linux node?',
      CURL_FROM_NODE,
    ],
    namesAddress: true,
    nodeLink: true,
    errorClass: 'refused',
    link: 'node-to-cyclecloud',
    causeKey: 'return-proxy-tunnel-down',
    certain: true,
    sources: ['CI', 'RP', 'ERR'],
  },
  {
    id: 'cyclecloud-connect-timeout',
    message: 'Timed out connecting to CycleCloud at {https://A.B.C.D}',
    phrases: ['timed out connecting to cyclecloud'],
    cause:
      'The node cannot reach CycleCloud directly: an NSG or firewall blocks 9443 (CycleCloud 7: 443/9443 and 5672), the VNets are not peered, or webServerHostname names an address nodes cannot reach (CycleCloud VM with several NICs).',
    checks: [
      'Does the NSG on the CycleCloud subnet allow the node subnet on TCP 9443 (CycleCloud 7: the webServerClusterPort and 5672)?',
      'Is CycleCloud in another VNet? Then the peering must show Connected on both sides, or use a VPN or return proxy.',
      'Is the address in the message one the nodes can reach? On a multi-NIC CycleCloud VM set webServerHostname.',
      CURL_FROM_NODE,
    ],
    namesAddress: true,
    nodeLink: true,
    errorClass: 'timeout',
    link: 'node-to-cyclecloud',
    causeKey: 'node-to-cyclecloud-blocked',
    certain: false,
    sources: ['CI', 'CSP', 'ERR'],
  },
  {
    id: 'return-proxy-wait-timeout',
    message: 'Timed out waiting for return proxy',
    phrases: ['timed out waiting for return proxy', 'timed out waiting for the return proxy'],
    cause:
      'Nodes waited for the return proxy, which never came up: the proxy node failed to start or CycleCloud could not tunnel to it.',
    checks: [
      'Look at the proxy node first: did it start, and does it show "Unable to setup return proxy"?',
      'Does the proxy have a public IP (or a peering/VPN to CycleCloud), and does its NSG allow TCP 22 from CycleCloud?',
      'Is exactly one persistent Linux node marked IsReturnProxy = true?',
    ],
    namesAddress: false,
    nodeLink: true,
    errorClass: 'timeout',
    link: 'node-to-cyclecloud',
    causeKey: 'return-proxy-tunnel-down',
    certain: false,
    consequence: true,
    sources: ['ERR', 'CI', 'RP'],
  },
  {
    id: 'phase-timeout-bootup',
    message: 'Phase timeout expired while awaiting system boot-up',
    phrases: ['phase timeout expired while awaiting system boot'],
    cause:
      'The node could not download Jetpack from the storage locker: the storage account is unreachable or its name does not resolve.',
    checks: [
      'On the node: is /var/lib/waagent/custom-script/download/0/jetpack-*.tar.gz a zero-byte file?',
      'On the node: `curl https://<account>.blob.core.windows.net/cyclecloud/cache/jetpack/...` must answer HTTP 404 when storage is reachable; a DNS error or timeout is the problem.',
      'Check DNS (privatelink.blob.core.windows.net linked to this VNet when using a private endpoint) and firewall rules to Storage on 443.',
    ],
    namesAddress: false,
    nodeLink: false,
    errorClass: 'timeout',
    link: 'node-to-storage',
    causeKey: 'locker-unreachable-from-node',
    certain: false,
    sources: ['BT', 'ERR'],
  },
  {
    id: 'certificate-validation-failed',
    message: 'Certificate validation failed for CycleCloud',
    phrases: ['certificate validation failed for cyclecloud'],
    cause:
      'The node reached an HTTPS endpoint but its certificate did not validate: often a different host answering (wrong webServerHostname, an intercepting proxy) or a changed certificate.',
    checks: [
      'Is the address nodes use the CycleCloud server itself (webServerHostname), not a proxy or load balancer in between?',
      'Do nodes need an HTTP proxy exception for CycleCloud (no_proxy)?',
      CURL_FROM_NODE,
    ],
    namesAddress: true,
    nodeLink: true,
    errorClass: 'tls',
    link: 'node-to-cyclecloud',
    causeKey: 'cyclecloud-certificate',
    certain: false,
    sources: ['CI', 'CSP'],
  },
  {
    id: 'could-not-connect',
    message: 'Could not connect to',
    phrases: ['could not connect to'],
    qualifiers: ['cyclecloud', ':9443', ':37140', ':37141', ':5672'],
    cause: 'The node could not open a connection to CycleCloud (directly or through the return proxy).',
    checks: [
      'Which port does the message name? 9443 is the direct path, 37140 the return proxy, 5672/37141 CycleCloud 7.',
      'Check the NSGs on both subnets and the peering or VPN between the VNets.',
      CURL_FROM_NODE,
    ],
    namesAddress: true,
    nodeLink: true,
    errorClass: 'other',
    link: 'node-to-cyclecloud',
    causeKey: 'node-to-cyclecloud-blocked',
    certain: false,
    sources: ['CI'],
  },
  {
    id: 'timeout-awaiting-bootup',
    message: 'Timeout awaiting system boot-up',
    phrases: ['timeout awaiting system boot'],
    cause:
      'The node never reported back: node-to-CycleCloud traffic is blocked, or the node could not reach the storage locker.',
    checks: [
      'Can the node reach CycleCloud on 9443 (CycleCloud 7: 443/9443 and 5672), or the return proxy on 37140?',
      'Can the node reach the storage locker on 443 (jetpack download)?',
      'Read /opt/cycle/jetpack/logs/jetpack.log and installation.log on the node.',
      CURL_FROM_NODE,
    ],
    namesAddress: false,
    nodeLink: true,
    errorClass: 'timeout',
    link: 'node-to-cyclecloud',
    causeKey: 'node-to-cyclecloud-blocked',
    certain: false,
    consequence: true,
    sources: ['CI', 'BT', 'ERR'],
  },
  {
    id: 'staging-access-key',
    message: 'Staging Resources (Unable to determine AccessKey for URL)',
    phrases: ['unable to determine accesskey for url', 'unable to determine access key for url'],
    cause:
      "CycleCloud cannot read the storage locker's access key: its identity lacks Microsoft.Storage/storageAccounts/listKeys/action, or the account has hierarchical namespace enabled.",
    checks: [
      'Grant the CycleCloud service principal or managed identity Microsoft.Storage/storageAccounts/listKeys/action.',
      'Is Hierarchical namespace enabled on the locker account? It cannot be turned off: use a new storage account.',
    ],
    namesAddress: false,
    nodeLink: false,
    errorClass: 'authorization',
    link: 'cyclecloud-to-azure-api',
    causeKey: 'locker-listkeys-denied',
    certain: false,
    sources: ['CCSTAGE', 'ERR', 'MI'],
  },
  {
    id: 'staging-socket-closed',
    message: 'Staging Resources (urlopen error [Errno 104] Socket closed)',
    phrases: ['[errno 104] socket closed', 'staging resources (urlopen error'],
    cause: 'A network error while CycleCloud staged resources; often intermittent.',
    checks: [
      'Select Retry; if it fails again, check Azure network status and CycleCloud outbound access (Storage, github.com).',
      'In a locked-down network: pre-stage projects into /opt/cycle_server/work/staging/projects/<name>/<version>.',
    ],
    namesAddress: false,
    nodeLink: false,
    errorClass: 'reset',
    link: 'cyclecloud-to-storage',
    causeKey: 'transient-network-error',
    certain: false,
    sources: ['CCFETCH', 'ERR', 'LD'],
  },
  {
    id: 'hostname-not-in-dns',
    message: 'Hostname has not registered in DNS yet',
    phrases: [
      'hostname has not registered in dns',
      'hostname not registered in dns',
      'hostname not registered yet in dns',
    ],
    cause:
      "The node's host name is not (yet) in Azure DNS: right after boot registration lags and CycleCloud retries; when it stays, Ubuntu 22+ scale-set VMs fail to register their new name (cyclecloud-slurm's waagent mitigation, slurm.ubuntu22_waagent_fix) or a custom DNS server on the VNet does not take the registration.",
    checks: [
      'Does it clear on retry? A transient message during boot needs nothing.',
      'On the scheduler: `getent hosts <node name>`; on the node: `hostname`.',
      'Ubuntu 22+: a cyclecloud-slurm release with the waagent mitigation, slurm.ubuntu22_waagent_fix left enabled.',
      'Custom DNS servers on the VNet must accept registration or hold the records.',
    ],
    namesAddress: false,
    nodeLink: false,
    errorClass: 'name-resolution',
    link: 'node-to-dns',
    causeKey: 'hostname-not-registered-in-dns',
    certain: false,
    sources: ['gh:azhop#657', 'gh:slurm#203', 'AZDNS'],
  },
  {
    id: 'munge-expired-credential',
    message: 'Munge decode failed: Expired credential',
    phrases: ['munge decode failed: expired credential', 'job credential expired'],
    cause:
      'The clocks of the two machines differ: a munge or Slurm job credential carries a time stamp, and the receiver rejects one from the future or more than a few minutes old.',
    checks: [
      'Compare `date -u` on the scheduler and on the node; keep time synchronised (chrony) on every VM.',
      'After fixing the clock, restart slurmd on the node.',
    ],
    namesAddress: false,
    nodeLink: false,
    errorClass: 'other',
    link: 'scheduler-to-node',
    causeKey: 'clock-skew',
    certain: true,
    sources: ['SLURMFAQ'],
  },
  {
    id: 'munge-socket-missing',
    message: 'Munge encode failed: Failed to access "/run/munge/munge.socket.2": No such file or directory',
    phrases: ['munge encode failed', 'munge decode failed: socket communication error'],
    qualifiers: ['munge.socket', 'no such file', 'socket communication'],
    cause:
      'munged is not running on this host (its socket does not exist), so Slurm cannot create or check a credential.',
    checks: [
      '`systemctl status munge`; start it (`systemctl enable --now munge`) once /etc/munge/munge.key is the same as on the other nodes.',
    ],
    namesAddress: false,
    nodeLink: false,
    errorClass: 'other',
    link: 'scheduler-to-node',
    causeKey: 'munged-not-running',
    certain: true,
    sources: ['gh:munge#118'],
  },
  {
    id: 'munge-invalid-credential',
    message: 'Munge decode failed: Invalid credential',
    phrases: ['munge decode failed: invalid credential', 'unmunge: error: invalid credential'],
    cause:
      'munged on the two machines runs with different keys: /etc/munge/munge.key differs, or a munged started before the key was copied (it reads the key only at start).',
    checks: [
      'Compare `sha256sum /etc/munge/munge.key` on both machines.',
      'Restart munged on both after copying the key, then `munge -n | ssh <other host> unmunge`.',
    ],
    namesAddress: false,
    nodeLink: false,
    errorClass: 'other',
    link: 'scheduler-to-node',
    causeKey: 'munge-key-mismatch',
    certain: true,
    sources: ['gh:munge#62'],
  },
  {
    id: 'slurm-controller-unreachable',
    message: 'Unable to contact slurm controller (connect failure)',
    phrases: ['unable to contact slurm controller'],
    cause:
      'slurmd (or a Slurm command) could not reach slurmctld on the scheduler: most often slurmctld is not running (crashed, or not started again after a restart); else a firewall (a host firewall or an NSG between the subnets) blocks 6817, or the scheduler name does not resolve from the node.',
    checks: [
      'On the scheduler: `systemctl status slurmctld`.',
      'On the node: `getent hosts <scheduler name from slurm.conf SlurmctldHost>` and `nc -zv <scheduler> 6817`.',
      'NSG between compute and scheduler subnets: 6817-6819 and 59000-61000 (as the CycleCloud Workspace for Slurm template opens them).',
    ],
    namesAddress: false,
    nodeLink: false,
    errorClass: 'other',
    link: 'scheduler-to-node',
    causeKey: 'slurmctld-not-running',
    certain: false,
    variants: [
      {
        whenAny: ['ufw block', 'iptables', 'firewalld', 'dpt=6817'],
        causeKey: 'host-firewall-blocks-slurm-ports',
        cause:
          "A host firewall on the scheduler (the log shows it dropping packets) blocks slurmctld's port, so slurmd cannot register: allow 6817-6819 in ufw/firewalld/iptables.",
      },
    ],
    sources: ['gh:snap-slurm#24', 'gh:nebari-slurm#116', 'CCWS', 'AZDNS'],
  },
  {
    id: 'ssh-publickey-denied',
    message: 'Permission denied (publickey)',
    // Also "(publickey,gssapi-keyex,gssapi-with-mic)": the methods the server offered follow the first one.
    phrases: ['permission denied (publickey'],
    cause:
      "SSH reached the host and the server refused the key: the network path and port 22 work. The user name is not the one that host expects, or the public key is not in that user's ~/.ssh/authorized_keys there; through a jump box or Bastion the last host (the node) decides.",
    checks: [
      '`ssh -v …` shows which keys were offered and which host refused them (with -J, the last "Authenticating to" line names it).',
      'On the node (from a session that works, or the serial console): the public key must be in ~/.ssh/authorized_keys of the user you log in as.',
      'Is the user name the one the image or the cluster gives you (your CycleCloud user, or the image admin user)?',
    ],
    namesAddress: true,
    nodeLink: false,
    errorClass: 'other',
    link: 'user-to-node',
    causeKey: 'ssh-key-not-authorized',
    certain: false,
    sources: ['gh:tt-metal#21673', 'CTN'],
  },
  {
    id: 'slurm-config-source-missing',
    message: 'fetch_config: DNS SRV lookup failed … Could not establish a configuration source',
    // The "Unknown host" of res_nsearch is the missing SRV record, not a cluster name that failed to resolve.
    phrases: [
      'could not establish a configuration source',
      'fetch_config: dns srv lookup failed',
      'resolve_ctls_from_dns_srv',
    ],
    cause:
      'Slurm found no slurm.conf on this host (neither where SLURM_CONF points nor at the default path), so it looked for the controller in DNS SRV records (configless mode) and found none: the file is missing or unreadable here, which is a configuration problem, not a DNS failure of the cluster.',
    checks: [
      'On this host: `echo $SLURM_CONF; ls -l /etc/slurm/slurm.conf` — the file must exist and be readable by the user running the command.',
      'If it was removed (for example by restarting slurmd on a head node that runs only slurmctld), restore it and restart the Slurm daemons.',
      'Only a cluster run configless on purpose needs the record: `host -t SRV _slurmctld._tcp` must name the controller.',
    ],
    namesAddress: false,
    nodeLink: false,
    errorClass: 'other',
    link: 'scheduler-to-node',
    causeKey: 'slurm-conf-missing',
    certain: false,
    sources: ['SLURMCONFIGLESS', 'gh:awsome-ai#205'],
  },
  ...CYCLECLOUD_MESSAGES,
];

/** What to check when the message is not one ccnet knows. */
export const GENERAL_CHECKS: { checks: readonly string[]; sources: readonly SourceTag[] } = {
  checks: [
    'Which link is broken: node -> CycleCloud, you -> node, or CycleCloud -> Azure?',
    'CycleCloud 8: nodes need TCP 9443 to CycleCloud (37140 to a return proxy). CycleCloud 7: 443/9443 (webServerClusterPort) and 5672.',
    'NSGs and firewalls on both subnets, and the on-premises firewall when CycleCloud runs on-premises.',
    'Other VNet: peering Connected in both directions, or a VPN; return proxy only when neither is possible.',
    'Storage locker reachable from the nodes on 443 (curl to the jetpack blob answers 404).',
    'Name resolution: on the failing VM `getent hosts <name>` for every host in the message (scheduler, nodes, storage account, package hosts); `cat /etc/resolv.conf` names the DNS server that answers.',
    'Logs: node /opt/cycle/jetpack/logs/jetpack.log, jetpackd.log, chef-client.log, installation.log; server /opt/cycle_server/logs/cycle_server.log.',
    'After a fix: SSH to the node as cyclecloud, `curl -k <CycleCloud URL>`, then terminate and restart the node.',
  ],
  sources: ['CI', 'NS', 'BT', 'JP', 'AZDNS'],
};

/** What a port in a pasted message reveals about the deployment. */
export interface PortImplication {
  port: number;
  cyclecloudVersion?: 7 | 8;
  text: string;
  sources: readonly SourceTag[];
}

export const PORT_IMPLICATIONS: readonly PortImplication[] = [
  {
    port: 9443,
    cyclecloudVersion: 8,
    text: "Port 9443 is CycleCloud 8's node port (webServerClusterPort): CycleCloud 8, nodes going direct to CycleCloud.",
    sources: ['RP', 'CSP', 'seed:001'],
  },
  {
    port: 37140,
    text: "Port 37140 is the return proxy's listener: a return proxy is in use, and the address is the proxy's, not CycleCloud's.",
    sources: ['RP', 'seed:001'],
  },
  {
    port: 37141,
    cyclecloudVersion: 7,
    text: 'Port 37141 is the return proxy forward to the AMQP broker, which exists only on CycleCloud 7.',
    sources: ['RP', 'seed:000'],
  },
  {
    port: 5672,
    cyclecloudVersion: 7,
    text: "Port 5672 is CycleCloud 7's AMQP broker; CycleCloud 8 does not use it.",
    sources: ['seed:000', 'LD', 'CSP'],
  },
  {
    port: 443,
    text: 'Port 443 is the HTTPS port of the CycleCloud 7 docs; CycleCloud 8 nodes use 9443. Check webServerClusterPort in cycle_server.properties.',
    sources: ['seed:000', 'CSP'],
  },
  {
    port: 22,
    text: 'Port 22: CycleCloud opens its SSH tunnel to the return proxy on this port.',
    sources: ['RP'],
  },
];

export const ADDRESS_IMPLICATIONS = {
  privateCycleCloud: {
    text: "Nodes use CycleCloud's private address: they need the same VNet, a Connected peering, or a VPN, and the NSG must allow them.",
    sources: ['CI', 'NC'],
  },
  publicCycleCloud: {
    text: 'Nodes use a public address for CycleCloud: if CycleCloud is in a VNet they can reach privately, set webServerHostname to its private address.',
    sources: ['CSP', 'CI'],
  },
  privateProxyTarget: {
    text: "CycleCloud tried the proxy's private address: without peering or a VPN it cannot reach it, so the proxy needs a public IP (or use peering instead of the proxy).",
    sources: ['RP', 'NS'],
  },
  publicProxyTarget: {
    text: "CycleCloud tried the proxy's public address: check the NSG allows TCP 22 from CycleCloud's egress IP and that the key in KeyPairLocation matches.",
    sources: ['RP', 'CI'],
  },
} as const satisfies Record<string, { text: string; sources: readonly SourceTag[] }>;
