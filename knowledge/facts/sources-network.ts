// Sources of the network facts beyond the node <-> CycleCloud link (issue 10): Azure docs on learn.microsoft.com,
// the CycleCloud Workspace for Slurm network template, and GitHub threads where a maintainer or the fix confirmed
// the cause. Each `path` is where a reader checks the claim.
const LEARN = 'https://learn.microsoft.com/azure';
const CC_ISSUES = `${LEARN}/cyclecloud/common-issues`;

export const NETWORK_SOURCES = {
  WIRE: {
    title: 'What is IP address 168.63.129.16? (WireServer, Azure DNS, health probes; ports 80, 443, 32526)',
    path: 'MicrosoftDocs/azure-docs: articles/virtual-network/what-is-ip-address-168-63-129-16.md',
    url: `${LEARN}/virtual-network/what-is-ip-address-168-63-129-16`,
  },
  MYSQLTLS: {
    title: 'Azure Database for MySQL flexible server: connect with TLS/SSL (require_secure_transport)',
    path: 'MicrosoftDocs/azure-docs: articles/mysql/flexible-server/how-to-connect-tls-ssl.md',
    url: `${LEARN}/mysql/flexible-server/how-to-connect-tls-ssl`,
  },
  SDKMI: {
    title: 'Azure Identity SDK troubleshooting: managed identity errors',
    path: 'Azure/azure-sdk-for-js: sdk/identity/identity/Troubleshooting.md',
    url: 'https://github.com/Azure/azure-sdk-for-js/blob/main/sdk/identity/identity/Troubleshooting.md',
  },
  APT: {
    title:
      'Troubleshoot common issues with APT on Ubuntu (timeouts, 470, NO_PUBKEY, Temporary failure resolving)',
    path: 'MicrosoftDocs/SupportArticles-docs: support/azure/virtual-machines/linux/apt-common-issues-in-ubuntu.md',
    url: 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/linux/apt-common-issues-in-ubuntu',
  },
  RHUICERT: {
    title: 'Troubleshoot RHUI certificate issues in Azure',
    path: 'MicrosoftDocs/SupportArticles-docs: support/azure/virtual-machines/linux/troubleshoot-linux-rhui-certificate-issues.md',
    url: 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/linux/troubleshoot-linux-rhui-certificate-issues',
  },
  ARMPOLICY: {
    title: 'Resolve errors for request disallowed by policy (RequestDisallowedByPolicy)',
    path: 'MicrosoftDocs/azure-docs: articles/azure-resource-manager/troubleshooting/error-policy-requestdisallowedbypolicy.md',
    url: `${LEARN}/azure-resource-manager/troubleshooting/error-policy-requestdisallowedbypolicy`,
  },
  'gh:openshift#41': {
    title:
      'Azure/OpenShift#41: LinkedAuthorizationFailed on first creation; wait for the tenant link to propagate',
    path: 'Azure/OpenShift#41',
    url: 'https://github.com/Azure/OpenShift/issues/41',
  },
  'gh:podidentity#550': {
    title: 'aad-pod-identity PR #550: subnets/join/action needed on the VNet in another resource group',
    path: 'Azure/aad-pod-identity#550',
    url: 'https://github.com/Azure/aad-pod-identity/pull/550',
  },
  'gh:snap-slurm#24': {
    title: 'snap-slurm#24: "Unable to contact slurm controller" while slurmctld is not running',
    path: 'omnivector-solutions/snap-slurm#24',
    url: 'https://github.com/omnivector-solutions/snap-slurm/issues/24',
  },
  'gh:nebari-slurm#116': {
    title: 'nebari-slurm PR #116: a host firewall (UFW) blocking the Slurm ports',
    path: 'nebari-dev/nebari-slurm#116',
    url: 'https://github.com/nebari-dev/nebari-slurm/pull/116',
  },
  'gh:munge#118': {
    title:
      'dun/munge#118: "Munge encode failed … munge.socket.2: No such file or directory" means munged is not running',
    path: 'dun/munge#118',
    url: 'https://github.com/dun/munge/issues/118',
  },
  AFSMB: {
    title: 'Troubleshoot Azure Files connectivity and access issues (SMB)',
    path: 'MicrosoftDocs/SupportArticles-docs: support/azure/azure-storage/files/connectivity/files-troubleshoot-smb-connectivity.md',
    url: 'https://learn.microsoft.com/troubleshoot/azure/azure-storage/files/connectivity/files-troubleshoot-smb-connectivity',
  },
  AFNFS: {
    title: 'Troubleshoot NFS Azure file shares',
    path: 'MicrosoftDocs/azure-docs: articles/storage/files/files-troubleshoot-linux-nfs.md',
    url: `${LEARN}/storage/files/files-troubleshoot-linux-nfs`,
  },
  CCSTAGE: {
    title: 'CycleCloud common issues: Staging resources',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/staging-resources.md',
    url: `${CC_ISSUES}/staging-resources`,
  },
  CCNETRES: {
    title: 'CycleCloud common issues: Creating network resources',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/creating-network-resources.md',
    url: `${CC_ISSUES}/creating-network-resources`,
  },
  CCCRED: {
    title: 'CycleCloud common issues: Azure credentials',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/azure-credentials.md',
    url: `${CC_ISSUES}/azure-credentials`,
  },
  CCPROV: {
    title: 'CycleCloud common issues: Azure provider registration',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/registering-providers.md',
    url: `${CC_ISSUES}/registering-providers`,
  },
  CCRG: {
    title: 'CycleCloud common issues: Azure resource group privileges',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/resource-group-privileges.md',
    url: `${CC_ISSUES}/resource-group-privileges`,
  },
  CCSKU: {
    title: 'CycleCloud common issues: Unavailable VM SKU',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/unavailable-sku.md',
    url: `${CC_ISSUES}/unavailable-sku`,
  },
  CCSLURMD: {
    title: 'CycleCloud common issues: Slurm configuration errors',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/slurmd-errors.md',
    url: `${CC_ISSUES}/slurmd-errors`,
  },
  CCEXEC: {
    title: 'CycleCloud common issues: Unable to execute command',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/execute-command.md',
    url: `${CC_ISSUES}/execute-command`,
  },
  CCINIT: {
    title: 'CycleCloud common issues: Cluster-init',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/cluster-init.md',
    url: `${CC_ISSUES}/cluster-init`,
  },
  CCFETCH: {
    title: 'CycleCloud common issues: Fetching resources',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/fetching-resources.md',
    url: `${CC_ISSUES}/fetching-resources`,
  },
  CCCONF: {
    title: 'CycleCloud common issues: Unknown configuration status returned',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/configuration-status.md',
    url: `${CC_ISSUES}/configuration-status`,
  },
  CCMKT: {
    title: 'CycleCloud common issues: Marketplace images',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/marketplace-images.md',
    url: `${CC_ISSUES}/marketplace-images`,
  },
  CCOS: {
    title: 'CycleCloud common issues: Parameter os.Profile',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/osProfile.md',
    url: `${CC_ISSUES}/osProfile`,
  },
  CCVMSS: {
    title: 'CycleCloud common issues: Scale set attributes',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/scaleset-attributes.md',
    url: `${CC_ISSUES}/scaleset-attributes`,
  },
  CCUPD: {
    title: 'CycleCloud common issues: Updating scale sets',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/updating-scalesets.md',
    url: `${CC_ISSUES}/updating-scalesets`,
  },
  CCCLCRED: {
    title: 'CycleCloud common issues: Cluster credentials',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/cluster-credentials.md',
    url: `${CC_ISSUES}/cluster-credentials`,
  },
  CCCOOK: {
    title: 'CycleCloud common issues: Resolving Chef cookbooks',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/resolving-cookbooks.md',
    url: `${CC_ISSUES}/resolving-cookbooks`,
  },
  CCRPM: {
    title: 'CycleCloud common issues: Corrupt RPM database',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/common-issues/corrupt-rpm.md',
    url: `${CC_ISSUES}/corrupt-rpm`,
  },
  SPSECRET: {
    title: 'CycleCloud: invalid or expired client secret (AADSTS7000215, AADSTS7000222)',
    path: 'MicrosoftDocs/SupportArticles-docs: support/azure/hpc/cyclecloud/invalid-client-secret.md',
    url: 'https://learn.microsoft.com/troubleshoot/azure/hpc/cyclecloud/invalid-client-secret',
  },
  'gh:slurm#212': {
    title: 'cyclecloud-slurm#212: "no TRES from the database" after the MySQL certificate changed again',
    path: 'Azure/cyclecloud-slurm#212',
    url: 'https://github.com/Azure/cyclecloud-slurm/issues/212',
  },
  DOA: {
    title: 'Default outbound access in Azure (private subnets by default for new VNets after March 31, 2026)',
    path: 'MicrosoftDocs/azure-docs: articles/virtual-network/ip-services/default-outbound-access.md',
    url: `${LEARN}/virtual-network/ip-services/default-outbound-access`,
  },
  AZDNS: {
    title: 'Name resolution for resources in Azure virtual networks',
    path: 'MicrosoftDocs/azure-docs: articles/virtual-network/virtual-networks-name-resolution-for-vms-and-role-instances.md',
    url: `${LEARN}/virtual-network/virtual-networks-name-resolution-for-vms-and-role-instances`,
  },
  PEDNS: {
    title: 'Azure private endpoint DNS integration',
    path: 'MicrosoftDocs/azure-docs: articles/private-link/private-endpoint-dns-integration.md',
    url: `${LEARN}/private-link/private-endpoint-dns-integration`,
  },
  IMDS: {
    title: 'Azure Instance Metadata Service (IMDS): proxies are not supported',
    path: 'MicrosoftDocs/azure-docs: articles/virtual-machines/instance-metadata-service.md',
    url: `${LEARN}/virtual-machines/instance-metadata-service#proxies`,
  },
  MI: {
    title: 'CycleCloud: using managed identities (the CycleCloud role and its actions)',
    path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/how-to/managed-identities.md',
    url: `${LEARN}/cyclecloud/how-to/managed-identities`,
  },
  STFW: {
    title: 'Azure Storage firewalls and virtual networks',
    path: 'MicrosoftDocs/azure-docs: articles/storage/common/storage-network-security.md',
    url: `${LEARN}/storage/common/storage-network-security`,
  },
  RPREG: {
    title: 'Resolve errors for resource provider registration',
    path: 'MicrosoftDocs/azure-docs: articles/azure-resource-manager/troubleshooting/error-register-resource-provider.md',
    url: `${LEARN}/azure-resource-manager/troubleshooting/error-register-resource-provider`,
  },
  DBCA: {
    title:
      'Certificate rotation for Azure Database for MariaDB/MySQL (BaltimoreCyberTrustRoot -> DigiCertGlobalRootG2)',
    path: 'MicrosoftDocs/azure-docs: articles/mariadb/concepts-certificate-rotation.md',
    url: `${LEARN}/mariadb/concepts-certificate-rotation`,
  },
  CCWS: {
    title: 'CycleCloud Workspace for Slurm network template (NSG rules, NAT gateway, Bastion subnet)',
    path: 'Azure/cyclecloud-slurm-workspace: bicep/network-new.bicep',
    url: 'https://github.com/Azure/cyclecloud-slurm-workspace/blob/main/bicep/network-new.bicep',
  },
  'gh:slurm#203': {
    title: 'cyclecloud-slurm#203: Ubuntu 22+ hostnames do not register in DNS (slurm.ubuntu22_waagent_fix)',
    path: 'Azure/cyclecloud-slurm#203',
    url: 'https://github.com/Azure/cyclecloud-slurm/issues/203',
  },
  'gh:slurm#105': {
    title: 'cyclecloud-slurm#105: Slurm node names the scheduler cannot resolve',
    path: 'Azure/cyclecloud-slurm#105',
    url: 'https://github.com/Azure/cyclecloud-slurm/issues/105',
  },
  'gh:azhop#657': {
    title: 'az-hop#657: "Hostname has not registered in DNS yet" is transient and retried',
    path: 'Azure/az-hop#657',
    url: 'https://github.com/Azure/az-hop/issues/657',
  },
  'gh:slurm#125': {
    title: 'cyclecloud-slurm#125: accounting fails after the database root CA change (fixed in 3.0.3)',
    path: 'Azure/cyclecloud-slurm#125',
    url: 'https://github.com/Azure/cyclecloud-slurm/issues/125',
  },
  'gh:slurm#504': {
    title: 'cyclecloud-slurm PR #504: combined CA bundle for Azure Database for MySQL by default',
    path: 'Azure/cyclecloud-slurm#504',
    url: 'https://github.com/Azure/cyclecloud-slurm/pull/504',
  },
  'gh:ccws#208': {
    title: 'cyclecloud-slurm-workspace#208: a failed project upload to the locker; fetch, upload, retry',
    path: 'Azure/cyclecloud-slurm-workspace#208',
    url: 'https://github.com/Azure/cyclecloud-slurm-workspace/issues/208',
  },
  'gh:munge#62': {
    title: 'dun/munge#62: "Invalid credential" when munged started with a different key',
    path: 'dun/munge#62',
    url: 'https://github.com/dun/munge/issues/62',
  },
  SLURMFAQ: {
    title: 'Slurm FAQ: job credentials rejected when node clocks differ',
    path: 'https://slurm.schedmd.com/faq.html#clock',
    url: 'https://slurm.schedmd.com/faq.html#clock',
  },
  'gh:tt-metal#21673': {
    title:
      'tenstorrent/tt-metal#21673: "Permission denied (publickey)" through a jump host; the key was missing on the VM',
    path: 'tenstorrent/tt-metal#21673',
    url: 'https://github.com/tenstorrent/tt-metal/issues/21673',
  },
  SLURMCONFIGLESS: {
    title:
      'Slurm configless mode: where commands and daemons look for slurm.conf (the file, then DNS SRV records)',
    path: 'https://slurm.schedmd.com/configless_slurm.html',
    url: 'https://slurm.schedmd.com/configless_slurm.html',
  },
  'gh:awsome-ai#205': {
    title:
      'awsome-distributed-ai#205: "fetch_config: DNS SRV lookup failed" after slurm.conf was removed from the head node',
    path: 'awslabs/awsome-distributed-ai#205',
    url: 'https://github.com/awslabs/awsome-distributed-ai/issues/205',
  },
  'gh:storage-explorer#8344': {
    title: 'AzureStorageExplorer#8344: AuthorizationFailure 403 from the storage firewall',
    path: 'microsoft/AzureStorageExplorer#8344',
    url: 'https://github.com/microsoft/AzureStorageExplorer/issues/8344',
  },
} as const;
