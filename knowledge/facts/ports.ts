// Which TCP flows each path needs, per CycleCloud version (KNOWLEDGE.md "Ports", "Return proxy", "User access").
import type { EndpointKind } from '../model.ts';
import type { SourceTag } from './sources.ts';

export type Endpoint = EndpointKind;

/** direct: nodes talk to CycleCloud's private address; proxy: through the return proxy; user: people to nodes. */
export type FlowPath = 'direct' | 'proxy' | 'user' | 'egress';

export interface PortFact {
  id: string;
  from: Endpoint;
  to: Endpoint;
  port: number;
  protocol: 'tcp';
  purpose: string;
  versions: readonly (7 | 8)[];
  path: FlowPath;
  /** Flows in the same group are alternatives: one of them is needed (CycleCloud 7's HTTPS port). */
  group?: string;
  sources: readonly SourceTag[];
}

export const PORT_FACTS: readonly PortFact[] = [
  {
    id: 'cc8-https',
    from: 'nodes',
    to: 'cyclecloud',
    port: 9443,
    protocol: 'tcp',
    purpose:
      'HTTPS from the node agent to CycleCloud (status, autoscale API) on the port webServerClusterPort sets',
    versions: [8],
    path: 'direct',
    sources: ['RP', 'CSP', 'seed:001'],
  },
  {
    id: 'cc7-https-443',
    from: 'nodes',
    to: 'cyclecloud',
    port: 443,
    protocol: 'tcp',
    purpose:
      'HTTPS from the node agent to CycleCloud on the port webServerClusterPort sets (443 in the CycleCloud 7 docs)',
    versions: [7],
    path: 'direct',
    group: 'cc7-https',
    sources: ['seed:000', 'NC'],
  },
  {
    id: 'cc7-https-9443',
    from: 'nodes',
    to: 'cyclecloud',
    port: 9443,
    protocol: 'tcp',
    purpose:
      'HTTPS from the node agent to CycleCloud on the port webServerClusterPort sets (9443 in the locked-down network doc)',
    versions: [7],
    path: 'direct',
    group: 'cc7-https',
    sources: ['LD', 'CI'],
  },
  {
    id: 'cc7-amqp',
    from: 'nodes',
    to: 'cyclecloud',
    port: 5672,
    protocol: 'tcp',
    purpose: "AMQP from the nodes to CycleCloud 7's message broker on the port brokerPort sets",
    versions: [7],
    path: 'direct',
    sources: ['seed:000', 'LD', 'CSP'],
  },
  {
    id: 'ssh-to-nodes',
    from: 'cyclecloud',
    to: 'nodes',
    port: 22,
    protocol: 'tcp',
    purpose: 'SSH from CycleCloud to the nodes',
    versions: [7, 8],
    path: 'direct',
    sources: ['CI'],
  },
  {
    id: 'cc7-ganglia',
    from: 'cyclecloud',
    to: 'primary',
    port: 8652,
    protocol: 'tcp',
    purpose: 'Ganglia monitoring of the head node (CycleCloud 7)',
    versions: [7],
    path: 'direct',
    sources: ['CI'],
  },
  {
    id: 'proxy-ssh',
    from: 'cyclecloud',
    to: 'proxy',
    port: 22,
    protocol: 'tcp',
    purpose:
      'SSH from CycleCloud to the proxy, which carries the SSH tunnel (user cyclecloud, key from KeyPairLocation)',
    versions: [7, 8],
    path: 'proxy',
    sources: ['RP'],
  },
  {
    id: 'proxy-https',
    from: 'nodes',
    to: 'proxy',
    port: 37140,
    protocol: 'tcp',
    purpose: "HTTPS from the nodes to the proxy, forwarded through the tunnel to CycleCloud's node port",
    versions: [7, 8],
    path: 'proxy',
    sources: ['RP', 'seed:001'],
  },
  {
    id: 'proxy-amqp',
    from: 'nodes',
    to: 'proxy',
    port: 37141,
    protocol: 'tcp',
    purpose:
      "AMQP from the nodes to the proxy, forwarded through the tunnel to CycleCloud 7's broker on 5672",
    versions: [7],
    path: 'proxy',
    sources: ['RP', 'seed:000'],
  },
  {
    id: 'user-ui',
    from: 'users',
    to: 'cyclecloud',
    port: 443,
    protocol: 'tcp',
    purpose:
      'CycleCloud web UI and CLI (443 on marketplace installs; webServerSslPort 8443 on manual installs)',
    versions: [7, 8],
    path: 'user',
    sources: ['CSP', 'ES'],
  },
  {
    id: 'user-ssh',
    from: 'jumpbox',
    to: 'nodes',
    port: 22,
    protocol: 'tcp',
    purpose: 'SSH to Linux nodes through the jump box or Azure Bastion',
    versions: [7, 8],
    path: 'user',
    sources: ['CTN', 'seed:000'],
  },
  {
    id: 'user-rdp',
    from: 'jumpbox',
    to: 'windows-nodes',
    port: 3389,
    protocol: 'tcp',
    purpose: 'RDP to Windows nodes',
    versions: [7, 8],
    path: 'user',
    sources: ['CTN'],
  },
  {
    id: 'egress-storage',
    from: 'cyclecloud',
    to: 'storage',
    port: 443,
    protocol: 'tcp',
    purpose: 'Storage locker (service tag Storage; service endpoint or private endpoint)',
    versions: [7, 8],
    path: 'egress',
    sources: ['LD'],
  },
  {
    id: 'egress-aad',
    from: 'cyclecloud',
    to: 'azure-ad',
    port: 443,
    protocol: 'tcp',
    purpose: 'Sign-in to Azure (login.microsoftonline.com, service tag AzureActiveDirectory)',
    versions: [7, 8],
    path: 'egress',
    sources: ['LD'],
  },
  {
    id: 'egress-monitor',
    from: 'cyclecloud',
    to: 'azure-monitor',
    port: 443,
    protocol: 'tcp',
    purpose: 'Telemetry and Application Insights (service tag AzureMonitor)',
    versions: [7, 8],
    path: 'egress',
    sources: ['LD'],
  },
  {
    id: 'egress-arm',
    from: 'cyclecloud',
    to: 'azure-rm',
    port: 443,
    protocol: 'tcp',
    purpose: 'Creating and managing VMs (management.azure.com, service tag AzureResourceManager)',
    versions: [7, 8],
    path: 'egress',
    sources: ['LD'],
  },
  {
    id: 'nodes-storage',
    from: 'nodes',
    to: 'storage',
    port: 443,
    protocol: 'tcp',
    purpose: 'Jetpack installer and project files from the storage locker',
    versions: [7, 8],
    path: 'egress',
    sources: ['BT', 'LD'],
  },
];

export const ENDPOINT_LABELS: Record<Endpoint, string> = {
  nodes: 'cluster nodes',
  cyclecloud: 'CycleCloud server',
  proxy: 'return proxy node',
  primary: 'head node',
  users: "users' workstations",
  jumpbox: 'jump box / Azure Bastion',
  'windows-nodes': 'Windows nodes',
  storage: 'Azure Storage (service tag Storage)',
  'azure-ad': 'Microsoft Entra ID (service tag AzureActiveDirectory)',
  'azure-monitor': 'Azure Monitor (service tag AzureMonitor)',
  'azure-rm': 'Azure Resource Manager (service tag AzureResourceManager)',
};

/** Ports that exist only on CycleCloud 7 (AMQP broker and its proxy forward). */
export const CC7_ONLY_PORTS: readonly number[] = [5672, 37141];

export function portFactsFor(version: 7 | 8, path: FlowPath): PortFact[] {
  return PORT_FACTS.filter((f) => f.path === path && f.versions.includes(version));
}
