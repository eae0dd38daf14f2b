// Topics for the links beyond node <-> CycleCloud (issue 10): name resolution, egress for installs, TLS trust,
// identity, ports between cluster VMs, IMDS and WireServer, CycleCloud Workspace for Slurm. Every section sourced.
import type { TopicFact } from './topics.ts';

export const NETWORK_TOPICS: readonly TopicFact[] = [
  {
    id: 'name-resolution',
    aliases: ['hostname', 'host name', 'reverse dns', 'custom dns', 'dns server', 'getaddrinfo', 'nxdomain'],
    title: 'Name resolution inside the cluster',
    summary:
      'Azure DNS resolves VM names in one VNet; custom DNS servers must register them and forward to 168.63.129.16.',
    sections: [
      {
        heading: 'Azure-provided DNS',
        lines: [
          'Azure-provided name resolution answers VM host names inside one virtual network; across VNets or from on-premises use Private DNS zones linked to every VNet, or your own DNS servers.',
          'It is reached at 168.63.129.16; DNS servers you set on the VNet take over from it.',
        ],
        sources: ['AZDNS', 'WIRE'],
      },
      {
        heading: 'Custom DNS servers on the VNet',
        lines: [
          'They must accept dynamic registration or hold the records of the cluster VMs, be reachable on TCP/UDP 53, and resolve Internet names (recursion or a forwarder to 168.63.129.16).',
          'After changing the VNet DNS servers, restart the VMs so they pick them up.',
          'Test: switch one NIC back to Azure-provided DNS; if names resolve then, the custom server is the fault.',
        ],
        sources: ['AZDNS', 'APT'],
      },
      {
        heading: 'Host names of cluster nodes',
        lines: [
          'Right after boot a renamed node may not be in DNS yet ("Hostname has not registered in DNS yet"); CycleCloud retries.',
          'Ubuntu 22+ scale-set VMs failed to register their new name; cyclecloud-slurm restarts systemd-networkd as a mitigation (slurm.ubuntu22_waagent_fix).',
          'Reverse DNS of a node IP must return its host name; an /etc/hosts entry mapping it to localhost breaks autoscalers.',
        ],
        sources: ['gh:azhop#657', 'gh:slurm#203', 'AZDNS'],
      },
      {
        heading: 'Private DNS zones for the storage locker',
        lines: [
          'With a private endpoint, <account>.blob.core.windows.net must resolve to its private IP: the privatelink.blob.core.windows.net zone holds the record and is linked to every VNet that uses it.',
          'Custom DNS servers forward the privatelink zones to 168.63.129.16.',
        ],
        sources: ['PEDNS', 'ES'],
      },
    ],
  },
  {
    id: 'outbound',
    aliases: [
      'nat gateway',
      'default outbound access',
      'private subnet',
      'internet access',
      'package repositories',
      'packages.microsoft.com',
      'github releases',
      'apt',
      'yum',
    ],
    title: 'Egress for installs: package hosts, GitHub releases, NAT gateway',
    summary:
      'Nodes and the CycleCloud VM need an explicit outbound path to package and release hosts (NAT gateway), or pre-staged packages.',
    sections: [
      {
        heading: 'Default outbound access',
        lines: [
          'VMs without an explicit outbound method used an implicit Microsoft-owned public IP (default outbound access).',
          'For the API released after March 31, 2026, new VNets use private subnets by default: VMs reach the Internet only through a NAT gateway, a load balancer outbound rule, a public IP or a firewall.',
          'A NAT gateway on the subnet is the recommended way.',
        ],
        sources: ['DOA'],
      },
      {
        heading: 'What installs reach',
        lines: [
          'packages.microsoft.com (CycleCloud, Microsoft packages), the distribution mirrors (azure.archive.ubuntu.com, RHUI for RHEL pay-as-you-go), and GitHub releases when CycleCloud stages projects.',
          'Without github.com: pre-stage projects into /opt/cycle_server/work/staging/projects/<name>/<version>.',
          'An Azure Firewall or appliance that denies a repository answers apt with "470 status code 470".',
        ],
        sources: ['LD', 'APT', 'RHUICERT'],
      },
      {
        heading: 'Transient failures worth a retry',
        lines: [
          'Read or TLS handshake timeouts, "Operation too slow", resets and 503s from a download host are usually passing: run again.',
          'A connect timeout or a refusal every time is blocked egress: check the NAT gateway, NSG outbound rules and firewall policy.',
        ],
        sources: ['ERR', 'LD'],
      },
    ],
  },
  {
    id: 'tls',
    aliases: [
      'certificate',
      'ssl',
      'ca bundle',
      'certificate verify failed',
      'intercepting proxy',
      'tls inspection',
    ],
    title: 'TLS trust',
    summary:
      'Clients need the issuing root in their CA bundle: database root CA changes, intercepting proxies, outdated bundles.',
    sections: [
      {
        heading: 'Slurm accounting on Azure Database for MySQL',
        lines: [
          'The database root CA changed (BaltimoreCyberTrustRoot to DigiCertGlobalRootG2, then again); slurmdbd needs a CA bundle with DigiCertGlobalRootCA, DigiCertGlobalRootG2 and Microsoft RSA Root Certificate Authority 2017.',
          'cyclecloud-slurm 3.0.3 added a certificate setting; newer releases install the combined bundle by default.',
          'require_secure_transport=ON refuses clients that connect without TLS.',
        ],
        sources: ['DBCA', 'gh:slurm#125', 'gh:slurm#504', 'MYSQLTLS'],
      },
      {
        heading: 'Proxies and bundles',
        lines: [
          "A proxy that inspects TLS re-signs with the organisation's root CA: add it to the VM trust store, or exempt the host.",
          'A missing or outdated system CA bundle fails every verification; a FUTURE crypto policy rejects 2048-bit keys.',
        ],
        sources: ['WP', 'RHUICERT'],
      },
    ],
  },
  {
    id: 'identity',
    aliases: [
      'managed identity',
      'service principal',
      'permissions',
      'role',
      'rbac',
      'authorizationfailed',
      'subnet join',
      'provider registration',
      'client secret',
    ],
    title: 'Identity and rights that look like network failures',
    summary:
      "CycleCloud's identity needs the CycleCloud role where it creates VMs, NICs and joins subnets; providers must be registered.",
    sections: [
      {
        heading: 'The CycleCloud role',
        lines: [
          'Includes networkInterfaces read/write/delete/join, publicIPAddresses, networkSecurityGroups, virtualNetworks/subnets/join/action, storageAccounts/listKeys/action, and register/action for Compute, Network and Storage.',
          'A VNet in another resource group needs the role (or Network Contributor) on that resource group too: AuthorizationFailed names subnets/join/action and the scope.',
        ],
        sources: ['MI', 'CCNETRES'],
      },
      {
        heading: 'Providers and secrets',
        lines: [
          '"Failed to register Azure providers": grant register/action or run `az provider register --namespace Microsoft.Compute` (and Storage, Network, Resources, Commerce).',
          'MissingSubscriptionRegistration: the provider the deployment needs is not registered.',
          'AADSTS7000222 / "Azure account credentials are not valid": the service principal secret expired; reset it and update the CycleCloud credential.',
        ],
        sources: ['CCPROV', 'RPREG', 'CCCRED', 'SPSECRET'],
      },
    ],
  },
  {
    id: 'cluster-ports',
    aliases: [
      'slurm ports',
      'slurmctld',
      'slurmd',
      'munge',
      'nfs',
      'lustre',
      'smb',
      'azure files',
      'shared filesystem',
      'scheduler',
    ],
    title: 'Ports between cluster VMs: scheduler daemons and shared file systems',
    summary:
      'CCWS opens Slurm 6817-6819 and 59000-61000, NFS 111/635/2049/4045/4046, Lustre 988/1019-1023 between its subnets.',
    sections: [
      {
        heading: 'Slurm and munge',
        lines: [
          'The CycleCloud Workspace for Slurm NSG allows 6817-6819 (slurmctld, slurmd, slurmdbd) and 59000-61000 between the scheduler and compute subnets.',
          'munge needs the same /etc/munge/munge.key on every node (munged reads it at start) and synchronised clocks: "Invalid credential" is the key, "Expired credential" the clock.',
        ],
        sources: ['CCWS', 'gh:munge#62', 'SLURMFAQ'],
      },
      {
        heading: 'File systems',
        lines: [
          'NFS 111, 635, 2049, 4045, 4046; SMB 445; Lustre 988 and 1019-1023 (CycleCloud Workspace for Slurm NSG rules).',
          'Azure Files NFS is reachable only through a service endpoint or private endpoint (IP allow rules are ignored), port 2049.',
          'Azure Files SMB needs port 445 outbound; "Mount error(13)" is access denied (firewall, encryption, NTLMv1), "Mount error(115)" a client without SMB 3 encryption.',
        ],
        sources: ['CCWS', 'AFNFS', 'AFSMB'],
      },
    ],
  },
  {
    id: 'imds',
    aliases: [
      '169.254.169.254',
      'instance metadata',
      'metadata service',
      'no_proxy',
      'wireserver',
      '168.63.129.16',
    ],
    title: 'IMDS and WireServer',
    summary:
      'IMDS (169.254.169.254) needs Metadata: true and no proxy; WireServer (168.63.129.16) needs 80, 443, 32526 open.',
    sections: [
      {
        heading: 'Instance Metadata Service',
        lines: [
          'Only from inside an Azure VM, with the header Metadata: true, never through a proxy: set no_proxy=169.254.169.254.',
          '`curl -s --noproxy "*" -H Metadata:true "http://169.254.169.254/metadata/instance?api-version=2021-02-01"`.',
        ],
        sources: ['IMDS', 'WP'],
      },
      {
        heading: 'WireServer',
        lines: [
          'The VM agent reaches 168.63.129.16 for goal state and extensions (the one that installs Jetpack): allow it on 80, 443 and 32526 in local firewalls; the default NSG rules allow it.',
        ],
        sources: ['WIRE'],
      },
    ],
  },
  {
    id: 'ccws',
    aliases: ['cyclecloud workspace for slurm', 'workspace for slurm', 'ccsw', 'slurm workspace'],
    title: 'CycleCloud Workspace for Slurm network design',
    summary:
      'One VNet with cyclecloud, scheduler, compute (and optional file system, database, Bastion) subnets, one NSG, a NAT gateway.',
    sections: [
      {
        heading: 'Subnets and egress',
        lines: [
          'Subnets for CycleCloud, the scheduler and compute get the NAT gateway and the Microsoft.Storage service endpoint; ANF, Lustre, database and AzureBastionSubnet subnets do not use the NAT gateway.',
          'Optional peering to a hub VNet uses the remote gateway.',
        ],
        sources: ['CCWS'],
      },
      {
        heading: 'NSG rules',
        lines: [
          'CycleCloud 9443 and 5672 from the compute subnet; SSH 22 from the jump box and Bastion; Slurm 6817-6819 and 59000-61000; NFS, Lustre and MySQL (3306, 33060) to their subnets; DNS 53 within the VNet; everything else inside the VNet denied at 3100.',
        ],
        sources: ['CCWS'],
      },
    ],
  },
];
