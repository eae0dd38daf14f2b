// Locked-down egress for the CycleCloud VM (KNOWLEDGE.md L5; LD, WP): service-tag NSG rules, storage service
// endpoint, private DNS, HTTP proxy settings, pre-staged projects.
import type { Snippet } from '../../model.ts';
import { type Names, placeholder } from '../names.ts';

const SERVICE_TAG_RULES: readonly [number, string, string][] = [
  [100, 'AllowAzureStorage', 'Storage'],
  [101, 'AllowActiveDirectory', 'AzureActiveDirectory'],
  [102, 'AllowAzureMonitor', 'AzureMonitor'],
  [103, 'AllowAzureRM', 'AzureResourceManager'],
];

export function egressNsgRules(): Snippet {
  const nsg = '-g <cyclecloud-rg> --nsg-name <cyclecloud-nsg>';
  const lines = [
    '# Storage through a service endpoint on the CycleCloud subnet',
    'az network vnet subnet update -g <cyclecloud-rg> --vnet-name <cyclecloud-vnet> -n <cyclecloud-subnet> --service-endpoints Microsoft.Storage',
    '# Outbound: allow the Azure services CycleCloud needs, deny the rest of the Internet',
    ...SERVICE_TAG_RULES.map(
      ([priority, name, tag]) =>
        `az network nsg rule create ${nsg} -n ${name} --priority ${priority} --direction Outbound --access Allow --protocol Tcp --destination-address-prefixes ${tag} --destination-port-ranges 443`,
    ),
    `az network nsg rule create ${nsg} -n BlockOutbound --priority 4000 --direction Outbound --access Deny --protocol '*' --destination-address-prefixes Internet --destination-port-ranges '*'`,
  ];
  return {
    title: 'Locked-down outbound rules for the CycleCloud VM',
    language: 'bash',
    code: lines.join('\n'),
  };
}

export function storagePrivateDns(names: Names): Snippet {
  const code = [
    '# With a private endpoint for the storage locker: the privatelink zone, linked to every VNet that uses it',
    '# (a private endpoint does not disable public access; a locker in another region needs its own endpoint)',
    'az network private-dns zone create -g <dns-rg> -n privatelink.blob.core.windows.net',
    'az network private-dns link vnet create -g <dns-rg> -z privatelink.blob.core.windows.net -n link-cyclecloud-vnet -v <cyclecloud-vnet-id> -e false',
    `az network private-dns link vnet create -g <dns-rg> -z privatelink.blob.core.windows.net -n link-${names.clusterVnet.replace(/[<>]/g, '')} -v ${placeholder(names.clusterVnet, 'id')} -e false`,
  ].join('\n');
  return { title: 'Private endpoint DNS for the storage locker', language: 'bash', code };
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

export function prestageProjects(): Snippet {
  const code = [
    '# No github.com from CycleCloud: build the project elsewhere, copy it over, then stage it locally',
    'mkdir -p /opt/cycle_server/work/staging/projects/<project>/<version>',
    'mkdir -p /opt/cycle_server/work/staging/projects/<project>/blobs',
    'cp build/<project>/* /opt/cycle_server/work/staging/projects/<project>/<version>/',
    'cp blobs/* /opt/cycle_server/work/staging/projects/<project>/blobs/',
    'chown -R cycle_server:cycle_server /opt/cycle_server/work/staging',
  ].join('\n');
  return { title: 'Pre-staged projects', language: 'bash', code };
}
