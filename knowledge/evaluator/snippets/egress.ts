// Locked-down egress for the CycleCloud VM (KNOWLEDGE.md L5; LD, WP): service-tag NSG rules, storage service
// endpoint, private DNS, HTTP proxy settings, pre-staged projects.
import type { Snippet } from '../../model.ts';
import { type Names, slug } from '../names.ts';
import { bashSnippet } from './shell.ts';
import type { Vars } from './vars.ts';

const SERVICE_TAG_RULES: readonly [number, string, string][] = [
  [100, 'AllowAzureStorage', 'Storage'],
  [101, 'AllowActiveDirectory', 'AzureActiveDirectory'],
  [102, 'AllowAzureMonitor', 'AzureMonitor'],
  [103, 'AllowAzureRM', 'AzureResourceManager'],
];

export function egressNsgRules(vars: Vars): Snippet {
  const nsg = '-g "$CC_RG" --nsg-name "$CC_NSG"';
  const lines = [
    '# Storage through a service endpoint on the CycleCloud subnet',
    'az network vnet subnet update -g "$CC_RG" --vnet-name "$CC_VNET" -n "$CC_SUBNET" --service-endpoints Microsoft.Storage',
    '# Outbound: allow the Azure services CycleCloud needs, deny the rest of the Internet',
    ...SERVICE_TAG_RULES.map(
      ([priority, name, tag]) =>
        `az network nsg rule create ${nsg} -n ${name} --priority ${priority} --direction Outbound --access Allow --protocol Tcp --destination-address-prefixes ${tag} --destination-port-ranges 443`,
    ),
    `az network nsg rule create ${nsg} -n BlockOutbound --priority 4000 --direction Outbound --access Deny --protocol '*' --destination-address-prefixes Internet --destination-port-ranges '*'`,
  ];
  return bashSnippet('Locked-down outbound rules for the CycleCloud VM', vars, lines, ['LD']);
}

export function storagePrivateDns(names: Names, vars: Vars): Snippet {
  const cluster = names.clusterVnet.startsWith('<') ? 'cluster-vnet' : slug(names.clusterVnet);
  const lines = [
    '# With a private endpoint for the storage locker: the privatelink zone, linked to every VNet that uses it',
    '# (a private endpoint does not disable public access; a locker in another region needs its own endpoint)',
    'az network private-dns zone create -g "$DNS_RG" -n privatelink.blob.core.windows.net',
    'az network private-dns link vnet create -g "$DNS_RG" -z privatelink.blob.core.windows.net -n link-cyclecloud-vnet -v "$CC_VNET_ID" -e false',
    `az network private-dns link vnet create -g "$DNS_RG" -z privatelink.blob.core.windows.net -n link-${cluster} -v "$CLUSTER_VNET_ID" -e false`,
  ];
  return bashSnippet('Private endpoint DNS for the storage locker', vars, lines, ['LD', 'ES']);
}

export function httpProxySettings(names: Names): Snippet[] {
  const server = [
    '# CycleCloud: Settings -> HTTP(s) Proxies -> Enabled, enter the proxy; then restart',
    '/opt/cycle_server/cycle_server restart --wait',
    '# Send Storage through the service endpoint instead of the proxy: add to webServerJvmOptions= in',
    '# /opt/cycle_server/config/cycle_server.properties, then restart again',
    '-Dhttp.nonProxyHosts="*.core.windows.net"',
  ].join('\n');
  const nodes = [
    `[cluster ${names.cluster}]`,
    '  [[node defaults]]',
    "  CloudInit = '''#cloud-config",
    'write_files:',
    '- content: |',
    '    export http_proxy=<proxy-host>:<proxy-port>',
    '    export https_proxy=<proxy-host>:<proxy-port>',
    '    export no_proxy=169.254.169.254',
    '  owner: root:root',
    "  permissions: '0644'",
    '  path: /etc/profile.d/proxy.sh',
    "'''",
  ].join('\n');
  return [
    { title: 'HTTP proxy on the CycleCloud server', language: 'text', code: server },
    { title: 'HTTP proxy on the nodes (cloud-init)', language: 'ini', code: nodes },
  ];
}

export function prestageProjects(vars: Vars): Snippet {
  const staging = '/opt/cycle_server/work/staging/projects/$PROJECT';
  const lines = [
    '# No github.com from CycleCloud: build the project elsewhere, copy it over, then stage it locally',
    `mkdir -p "${staging}/$PROJECT_VERSION" "${staging}/blobs"`,
    `cp build/"$PROJECT"/* "${staging}/$PROJECT_VERSION/"`,
    `cp blobs/* "${staging}/blobs/"`,
    'chown -R cycle_server:cycle_server /opt/cycle_server/work/staging',
  ];
  return bashSnippet('Pre-staged projects', vars, lines, ['LD']);
}
