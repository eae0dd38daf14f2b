// People reaching private nodes (KNOWLEDGE.md L6; CTN): cyclecloud connect through a bastion, raw SSH, NSG rules.
import type { Snippet } from '../../model.ts';
import type { Names } from '../names.ts';

export function bastionSnippets(names: Names): Snippet[] {
  const connect = [
    '# From your machine, with your key loaded in ssh-agent (exec ssh-agent bash; ssh-add <key>)',
    `cyclecloud connect ${names.head} -c ${names.cluster} --bastion-host <bastion-ip>`,
    '# or with plain SSH and agent forwarding',
    'ssh -A -t cyclecloud@<bastion-ip> ssh -A cyclecloud@<node-private-ip>',
  ];
  if (names.windowsNodes) {
    connect.push('# Windows nodes: RDP through an SSH tunnel, then connect to localhost:33890');
    connect.push(
      'ssh -A -t cyclecloud@<bastion-ip> -L 33890:<node-private-ip>:3389 ssh -A cyclecloud@<node-private-ip>',
    );
  }
  const ports = names.windowsNodes ? '22 3389' : '22';
  const nsg = [
    '# Nodes accept SSH (RDP for Windows) only from the bastion or jump box subnet',
    `az network nsg rule create -g ${names.clusterRg} --nsg-name <cluster-nsg> -n AllowBastionToNodes --priority 230 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes <bastion-subnet-cidr> --destination-port-ranges ${ports}`,
  ];
  return [
    { title: 'Connect through the bastion', language: 'bash', code: connect.join('\n') },
    { title: 'NSG rule for bastion access', language: 'bash', code: nsg.join('\n') },
  ];
}
