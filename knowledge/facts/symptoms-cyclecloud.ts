// Messages the CycleCloud common-issues pages, the Azure Files and IMDS troubleshooting pages and confirmed
// cyclecloud-slurm reports quote, with the cause they give. Many are not network problems (link `none`): ccnet names
// them so it never claims a network cause for them. `certain` only where the page gives the message one cause.
import type { SymptomFact } from './symptoms.ts';

const CHECK_LOGS = 'Read /opt/cycle/jetpack/logs/jetpack.log on the node for the lines before this message.';

function fact(f: Omit<SymptomFact, 'namesAddress' | 'nodeLink'> & { namesAddress?: boolean }): SymptomFact {
  return { namesAddress: false, nodeLink: false, ...f };
}

export const CYCLECLOUD_MESSAGES: readonly SymptomFact[] = [
  fact({
    id: 'locker-hierarchical-namespace',
    message:
      "pogo.exceptions.FrameworkError: 'az://.../blobs' is not a directory (or: Cannot sync from directory to file!)",
    phrases: ['pogo.exceptions.frameworkerror', 'cannot sync from directory to file'],
    qualifiers: ['is not a directory', 'cannot sync from directory to file'],
    cause:
      'The locker storage account has hierarchical namespace (Data Lake Gen2) enabled, which lockers do not support; less often the CycleCloud identity cannot read its access key.',
    checks: [
      'Storage account -> Overview: is Hierarchical namespace enabled? It cannot be turned off: create a new storage account for the locker.',
      'The CycleCloud identity needs Microsoft.Storage/storageAccounts/listKeys/action on it.',
    ],
    errorClass: 'other',
    link: 'cyclecloud-to-storage',
    causeKey: 'locker-hierarchical-namespace',
    certain: false,
    sources: ['CCSTAGE'],
  }),
  fact({
    id: 'network-resource-creation-failed',
    message: 'Failed to create network interface for node',
    phrases: [
      'failure creating network interface for node',
      'failed to create network interface for node',
      'failed to create public ip for',
      'failed to create load balancer for',
      'failed to create network security group for',
    ],
    cause:
      "CycleCloud's service principal or managed identity lacks the rights to create network resources for the node (Contributor, or the network actions of the CycleCloud role).",
    checks: [
      'Give the identity Contributor (`az role assignment create --assignee <app id> --role Contributor`) or the CycleCloud role with networkInterfaces, publicIPAddresses, networkSecurityGroups and subnets/join actions.',
    ],
    errorClass: 'authorization',
    link: 'cyclecloud-to-azure-api',
    causeKey: 'identity-missing-network-rights',
    certain: false,
    sources: ['CCNETRES', 'MI'],
  }),
  fact({
    id: 'register-providers-failed',
    message: 'Failed to register Azure providers',
    phrases: ['failed to register azure providers'],
    cause:
      "CycleCloud's service principal may not register the resource providers it needs (Compute, Storage, Network, Resources, Commerce).",
    checks: [
      'Grant Microsoft.Compute, Microsoft.Storage, Microsoft.Network, Microsoft.Resources and Microsoft.Commerce register/action,',
      'or register them once yourself: `az provider register --namespace Microsoft.Compute` (and the others).',
    ],
    errorClass: 'authorization',
    link: 'cyclecloud-to-azure-api',
    causeKey: 'provider-registration-denied',
    certain: true,
    sources: ['CCPROV', 'RPREG'],
  }),
  fact({
    id: 'restricted-credential-resource-group',
    message: 'Resource group {GROUP} for restricted credential {CRED} does not exist',
    phrases: ['for restricted credential'],
    qualifiers: ['does not exist'],
    cause:
      'The credential is restricted to one resource group, which does not exist or which its service principal cannot access: create it and grant the identity rights on it first.',
    checks: [
      'Create the resource group named in the message and assign the identity Contributor (or the CycleCloud role) on it.',
    ],
    errorClass: 'authorization',
    link: 'cyclecloud-to-azure-api',
    causeKey: 'restricted-credential-resource-group',
    certain: true,
    sources: ['CCRG'],
  }),
  fact({
    id: 'create-resource-group-failed',
    message: 'Error creating resource group {GROUP} for credential',
    phrases: ['error creating resource group'],
    qualifiers: ['for credential'],
    cause: "The credential's service principal may not create the cluster's resource group.",
    checks: [
      'Grant the identity rights to create resource groups on the subscription, or use a restricted credential with a resource group you create.',
    ],
    errorClass: 'authorization',
    link: 'cyclecloud-to-azure-api',
    causeKey: 'identity-missing-role-assignment',
    certain: false,
    sources: ['CCRG'],
  }),
  fact({
    id: 'azure-credentials-not-valid',
    message: 'Staging resources (Azure account credentials are not valid / No JSON object could be decoded)',
    phrases: [
      'azure account credentials are not valid',
      'staging resources (no json object could be decoded',
    ],
    cause: "The secret of CycleCloud's service principal has probably expired.",
    checks: [
      'Reset the secret (`az ad sp credential reset --name <app id>`), then edit the credential in CycleCloud (gear icon at the bottom of the Clusters page).',
    ],
    errorClass: 'authorization',
    link: 'cyclecloud-to-azure-api',
    causeKey: 'service-principal-secret-expired',
    certain: false,
    sources: ['CCCRED'],
  }),
  fact({
    id: 'client-secret-expired',
    message:
      'AADSTS7000222: The provided client secret keys are expired / AADSTS7000215: Invalid client secret',
    phrases: ['aadsts7000222', 'aadsts7000215'],
    cause:
      "The client secret CycleCloud's credential holds is expired (AADSTS7000222) or is not a valid secret of the app registration (AADSTS7000215).",
    checks: [
      'Create a new client secret for the app registration and update the credential in CycleCloud with it.',
    ],
    errorClass: 'authorization',
    link: 'cyclecloud-to-azure-api',
    causeKey: 'service-principal-secret-expired',
    certain: true,
    sources: ['SPSECRET', 'CCCRED'],
  }),
  fact({
    id: 'vm-size-unavailable',
    message:
      'Creating Virtual Machine (The requested VM size Standard_X is not available in the current region)',
    phrases: ['is not available in the current region'],
    cause: 'The VM size is not offered, or is restricted for the subscription, in that region.',
    checks: [
      'Pick a size offered in the region, or another region (CycleCloud Settings -> Azure VM Size records: Restricted = true).',
    ],
    errorClass: 'quota-or-capacity',
    link: 'none',
    causeKey: 'vm-size-unavailable-in-region',
    certain: true,
    sources: ['CCSKU'],
  }),
  fact({
    id: 'slurmd-start-failed',
    message: 'Unable to execute command /usr/bin/systemctl --system start slurmd',
    phrases: ['unable to execute command /usr/bin/systemctl --system start slurmd'],
    cause:
      'The Slurm node installation broke, most often because the subscription quota for the VM type is too small or the autoscale limits exceed it.',
    checks: [
      'Quota for the VM family (CycleCloud Settings -> Azure Usage) must cover the autoscale limits; lower them or pick another size.',
      'Read /var/log/slurmctld/slurm.log on the scheduler.',
    ],
    errorClass: 'quota-or-capacity',
    link: 'none',
    causeKey: 'quota-or-autoscale-limit',
    certain: false,
    sources: ['CCSLURMD'],
  }),
  fact({
    id: 'scaleset-update-not-allowed',
    message: 'Updating Scaleset (OperationNotAllowed)',
    phrases: ['updating scaleset (operationnotallowed)'],
    cause: 'The request exceeds the subscription quota for the scale set VM type.',
    checks: [
      'CycleCloud Settings -> Azure Usage, filtered by the VM family: request more quota if the limit is low.',
    ],
    errorClass: 'quota-or-capacity',
    link: 'none',
    causeKey: 'quota-or-autoscale-limit',
    certain: false,
    sources: ['CCUPD'],
  }),
  fact({
    id: 'corrupt-rpm-database',
    message: 'Detected corrupt RPM database, rebuilding',
    phrases: ['detected corrupt rpm database'],
    cause:
      'The custom image was captured while a yum/rpm command had left a stale lock; reboot the source VM before deprovisioning and capturing.',
    checks: ['Rebuild the image: reboot, then deprovision and capture.'],
    errorClass: 'other',
    link: 'none',
    causeKey: 'stale-yum-lock-in-image',
    certain: false,
    sources: ['CCRPM'],
  }),
  fact({
    id: 'chef-cookbook-missing',
    message: 'Error resolving Chef cookbooks - No such cookbook / Chef::Exceptions::RecipeNotFound',
    phrases: ['error resolving chef cookbooks', 'no such cookbook', 'chef::exceptions::recipenotfound'],
    cause:
      "Jetpack found the cookbook (or its recipe) in none of its sources: the project is not uploaded to the locker, not in the node's cluster-init specs, at another version, or lacks the recipe.",
    checks: [
      'Does the project contain the cookbook and the recipe the run_list names? `cyclecloud project upload <locker>`.',
      "Is the spec in the node's cluster-init, at the version that holds the cookbook?",
    ],
    errorClass: 'other',
    link: 'none',
    causeKey: 'cookbook-or-recipe-missing',
    certain: true,
    sources: ['CCCOOK'],
  }),
  fact({
    id: 'unknown-configuration-status',
    message: 'Unknown configuration status returned',
    phrases: ['unknown configuration status returned'],
    cause: 'Jetpack failed in a way CycleCloud cannot characterise.',
    checks: [CHECK_LOGS, 'Does `jetpack -v` match the CycleCloud version?'],
    errorClass: 'other',
    link: 'none',
    causeKey: 'jetpack-uncharacterised-failure',
    certain: false,
    sources: ['CCCONF'],
  }),
  fact({
    id: 'marketplace-terms',
    message: 'Creating Virtual Machine (User failed validation to purchase resources)',
    phrases: ['user failed validation to purchase resources'],
    cause:
      "The marketplace image's license terms are not accepted for the subscription, and the service principal may not accept them.",
    checks: [
      'Enable "Accept marketplace terms on my behalf" on the subscription in CycleCloud, or `az vm image accept-terms --urn <publisher:offer:sku:version>`.',
    ],
    errorClass: 'authorization',
    link: 'cyclecloud-to-azure-api',
    causeKey: 'marketplace-terms-not-accepted',
    certain: true,
    sources: ['CCMKT'],
  }),
  fact({
    id: 'custom-image-specialized',
    message: 'Parameter "os.Profile" is not allowed',
    phrases: ['"os.profile" is not allowed', "'os.profile' is not allowed", 'os.profile is not allowed'],
    cause: 'The custom image is specialized; CycleCloud needs a generalized image.',
    checks: ['Recreate the custom image from a generalized VM.'],
    errorClass: 'other',
    link: 'none',
    causeKey: 'custom-image-not-generalized',
    certain: true,
    sources: ['CCOS'],
  }),
  fact({
    id: 'scaleset-attributes-changed',
    message: 'This node does not match existing scaleset attributes',
    phrases: ['does not match existing scaleset attribute'],
    cause:
      'The nodearray definition (image, machine type…) changed while nodes of the old definition were running.',
    checks: [
      'Terminate the running nodes of the nodearray so new ones use the new definition, or undo the edit.',
    ],
    errorClass: 'other',
    link: 'none',
    causeKey: 'nodearray-changed-while-running',
    certain: true,
    sources: ['CCVMSS'],
  }),
  fact({
    id: 'cluster-credentials-not-found',
    message: 'Validating nodes (Credentials not found)',
    phrases: ['validating nodes (credentials not found)'],
    cause: 'The credential the cluster, node or nodearray names does not exist in this CycleCloud.',
    checks: ['Gear icon at the bottom of the Clusters page: is the named credential in the account list?'],
    errorClass: 'other',
    link: 'none',
    causeKey: 'credential-name-not-found',
    certain: true,
    sources: ['CCCLCRED'],
  }),
  fact({
    id: 'imds-metadata-header',
    message: '400 Bad Request, Required metadata header not specified',
    phrases: ['required metadata header not specified'],
    cause: 'The request to the Instance Metadata Service did not carry the header Metadata: true.',
    checks: [
      'Send the header: `curl -s --noproxy "*" -H Metadata:true "http://169.254.169.254/metadata/instance?api-version=2021-02-01"`.',
    ],
    errorClass: 'other',
    link: 'node-to-imds',
    causeKey: 'imds-missing-metadata-header',
    certain: true,
    sources: ['IMDS'],
  }),
  fact({
    id: 'managed-identity-not-assigned',
    message: "The requested identity hasn't been assigned to this resource (IMDS: Identity not found)",
    phrases: [
      "identity hasn't been assigned to this resource",
      'identity hasn’t been assigned to this resource',
      'identity not found',
    ],
    cause:
      'IMDS has no such managed identity for this VM: the user-assigned identity (client ID) is not assigned to it, or the system-assigned identity is off.',
    checks: [
      '`az vm identity show -g <rg> -n <vm>`: is the identity listed? Assign it (for nodes: Azure.Identities on the node or nodearray).',
      'Ask for the client ID of an identity that is assigned.',
    ],
    errorClass: 'other',
    link: 'node-to-imds',
    causeKey: 'managed-identity-not-assigned',
    certain: true,
    sources: ['SDKMI', 'IMDS', 'MI'],
  }),
  fact({
    id: 'smb-mount-error-115',
    message: 'Mount error(115): Operation now in progress',
    phrases: ['mount error(115)'],
    cause:
      "The Linux client's SMB 3.x lacks encryption support (kernel 4.11 and later, or a distribution backport), so it cannot mount the Azure file share with SMB 3.x.",
    checks: [
      'Use a distribution/kernel with SMB 3.x encryption, or mount with SMB 2.1 from a VM in the same region with Secure transfer required disabled.',
      'Port 445 must be open to <account>.file.core.windows.net.',
    ],
    errorClass: 'other',
    link: 'node-to-storage',
    causeKey: 'smb-client-lacks-encryption',
    certain: false,
    sources: ['AFSMB'],
  }),
  fact({
    id: 'smb-mount-error-112',
    message: 'Mount error(112): Host is down',
    phrases: ['mount error(112)'],
    cause:
      'After a long idle time the SMB client disconnected and its reconnection timed out, a kernel reconnect problem fixed in newer kernels.',
    checks: ['Upgrade the kernel, or mount with the hard option as a workaround.'],
    errorClass: 'other',
    link: 'node-to-storage',
    causeKey: 'smb-idle-reconnect-timeout',
    certain: false,
    sources: ['AFSMB'],
  }),
  fact({
    id: 'smb-mount-error-13',
    message: 'Mount error(13): Permission denied',
    phrases: ['mount error(13)'],
    cause:
      'Azure Files refused the mount: an unencrypted SMB channel (client without SMB 3.x encryption, or Secure transfer required), the storage firewall or a blocked port 445, NTLMv1, or storage key access disabled.',
    checks: [
      'Storage account networking: is the VM subnet allowed (or a private endpoint used)? Port 445 open outbound?',
      'Mount with SMB 3.x (vers=3.0 or later) from a client that supports encryption; never sec=ntlm.',
    ],
    errorClass: 'other',
    link: 'node-to-storage',
    causeKey: 'smb-mount-access-denied',
    certain: false,
    sources: ['AFSMB', 'STFW'],
  }),
  fact({
    id: 'smb-system-error-53',
    message: 'System error 53 has occurred. The network path was not found.',
    phrases: ['system error 53 has occurred', 'system error 67 has occurred'],
    cause: 'Outbound port 445 to Azure Files is blocked (firewall or ISP), or the share name is wrong.',
    checks: ['Test port 445: `Test-NetConnection -ComputerName <account>.file.core.windows.net -Port 445`.'],
    errorClass: 'other',
    link: 'node-to-storage',
    causeKey: 'smb-port-445-blocked',
    certain: false,
    sources: ['AFSMB'],
  }),
  fact({
    id: 'nfs-idmapping',
    message: 'chgrp "filename" failed: Invalid argument (22)',
    phrases: ['failed: invalid argument (22)'],
    cause:
      'NFSv4 idmapping is enabled on the client (or was re-enabled after a bad file name), and Azure Files NFS rejects alphanumeric UID/GID.',
    checks: [
      'Unmount, `echo Y > /sys/module/nfs/parameters/nfs4_disable_idmapping`, mount again; run rsync with --numeric-ids.',
    ],
    errorClass: 'other',
    link: 'none',
    causeKey: 'nfs-idmapping-enabled',
    certain: false,
    sources: ['AFNFS'],
  }),
  fact({
    id: 'slurm-no-tres-from-database',
    message: 'You are running with a database but for some reason we have no TRES from it',
    phrases: ['we have no tres from it'],
    cause:
      'slurmctld got nothing from slurmdbd: slurmdbd cannot reach or cannot trust the accounting database. On Azure Database for MySQL this followed the root CA changes, when the CA file slurmdbd uses lacked the new root.',
    checks: [
      'On the scheduler: `systemctl status slurmdbd` and /var/log/slurmdbd.log (an SSL or connection error names the cause).',
      'The CA file in slurmdbd.conf (StorageParameters=SSL_CA=...) must hold DigiCertGlobalRootCA, DigiCertGlobalRootG2 and Microsoft RSA Root Certificate Authority 2017.',
    ],
    errorClass: 'other',
    link: 'node-to-database',
    causeKey: 'mysql-root-ca-changed',
    certain: false,
    sources: ['gh:slurm#212', 'gh:slurm#125', 'DBCA'],
  }),
  fact({
    id: 'apt-gpg-key-missing',
    message:
      "The following signatures couldn't be verified because the public key is not available: NO_PUBKEY …",
    phrases: ['no_pubkey', "signatures couldn't be verified because the public key is not available"],
    cause:
      'A third-party repository was added without the GPG key that signs it; the download itself worked (not a network problem).',
    checks: [
      "Import the repository's key from its publisher into /etc/apt/trusted.gpg.d/, or remove the repository from sources.list.d.",
    ],
    errorClass: 'other',
    link: 'none',
    causeKey: 'repo-gpg-key-missing',
    certain: true,
    sources: ['APT'],
  }),
  fact({
    id: 'apt-temporary-failure-resolving',
    message: "Temporary failure resolving 'azure.archive.ubuntu.com'",
    phrases: ['temporary failure resolving'],
    cause:
      "The VNet's custom DNS resolver does not work, or sits in a subnet the VM cannot reach on port 53 (a missing route), so public names do not resolve.",
    checks: [
      'Switch the NIC back to Azure-provided DNS to test: if names resolve then, fix the custom resolver (forward to 168.63.129.16, reachable on TCP/UDP 53, a route to its subnet).',
      '`cat /etc/resolv.conf`; `nslookup azure.archive.ubuntu.com 168.63.129.16`.',
    ],
    errorClass: 'name-resolution',
    link: 'node-to-dns',
    causeKey: 'custom-dns-not-resolving',
    certain: false,
    sources: ['APT', 'AZDNS'],
  }),
  fact({
    id: 'rhui-client-cert-expired',
    message: 'SSL peer rejected your certificate as expired',
    phrases: ['ssl peer rejected your certificate as expired'],
    cause: 'The RHUI client certificate of an older RHEL pay-as-you-go image has expired.',
    checks: [
      "Update the RHUI client package: `sudo yum update -y --disablerepo='*' --enablerepo='*microsoft-azure*'`.",
    ],
    errorClass: 'tls',
    link: 'node-to-package-host',
    causeKey: 'rhui-client-cert-expired',
    certain: true,
    sources: ['RHUICERT'],
  }),
  fact({
    id: 'rhui-client-cert-missing',
    message:
      'Curl error (58): Problem with the local SSL certificate … could not load PEM client certificate',
    phrases: ['could not load pem client certificate'],
    cause:
      'The RHUI client certificate under /etc/pki/rhui/product/ is missing (removed, or the rhui-azure package is not installed).',
    checks: [
      '`rpm -qa | grep -i rhui-azure`; reinstall it: `sudo yum reinstall $(rpm -qa | grep -i rhui-azure) --disablerepo=* --enablerepo="*microsoft-azure*"`.',
    ],
    errorClass: 'tls',
    link: 'node-to-package-host',
    causeKey: 'rhui-client-cert-missing',
    certain: true,
    sources: ['RHUICERT'],
  }),
  // Wrappers: they say a step failed; the lines they carry say why, so they yield to any other problem.
  fact({
    id: 'cluster-init-script-failed',
    message: 'Failed to execute cluster-init script {SCRIPT} in project',
    phrases: ['failed to execute cluster-init script'],
    cause: 'A cluster-init script failed; its STDOUT and STDERR (in the message) say why.',
    checks: [
      'Fix the script from its output and re-upload the project (`cyclecloud project upload`), or SSH to the node and run its commands by hand.',
    ],
    errorClass: 'other',
    link: 'none',
    certain: false,
    consequence: true,
    sources: ['CCINIT'],
  }),
  fact({
    id: 'unable-to-execute-command',
    message: 'Unable to execute command',
    phrases: ['unable to execute command'],
    cause: 'A command Chef ran on the node failed; the STDOUT and STDERR shown with it say why.',
    checks: [
      'Run the command by hand on the node as root; for a mount, check the server address and export path.',
      CHECK_LOGS,
    ],
    errorClass: 'other',
    link: 'none',
    certain: false,
    consequence: true,
    sources: ['CCEXEC'],
  }),
];
