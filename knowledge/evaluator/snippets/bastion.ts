// People reaching private nodes (KNOWLEDGE.md L6; CTN, BASTION, BASTIONCLI): Azure Bastion with the native client
// (Standard SKU, AzureBastionSubnet /26 or larger, `az network bastion ssh`), or a plain jump box with
// `cyclecloud connect --bastion-host`; and the NSG rule that lets only them in.
import type { Snippet } from '../../model.ts';
import type { Names } from '../names.ts';
import { bashSnippet } from './shell.ts';
import type { Vars } from './vars.ts';

export function createBastion(vars: Vars): Snippet {
  const lines = [
    '# Azure Bastion needs its own subnet named AzureBastionSubnet, /26 or larger, and a Standard static public IP',
    'az network vnet subnet create -g "$CLUSTER_RG" --vnet-name "$CLUSTER_VNET" -n AzureBastionSubnet --address-prefixes "$BASTION_PREFIX"',
    'az network public-ip create -g "$CLUSTER_RG" -n bastion-ip --sku Standard --allocation-method Static',
    '# Standard SKU with native client support (tunneling) and IP-based connections, for az network bastion ssh',
    'az network bastion create -g "$CLUSTER_RG" -n bastion --location "$LOCATION" --vnet-name "$CLUSTER_VNET" --public-ip-address bastion-ip --sku Standard --enable-tunneling true --enable-ip-connect true',
  ];
  return bashSnippet('Create Azure Bastion (Standard, native client)', vars, lines, [
    'BASTION',
    'BASTIONCLI',
  ]);
}

export function bastionConnect(names: Names, vars: Vars): Snippet {
  const lines = [
    '# From your machine: SSH to a node through Azure Bastion with your own client',
    'az extension add --name bastion --upgrade',
    'az network bastion ssh -g "$CLUSTER_RG" -n bastion --target-ip-address "$NODE_IP" --auth-type ssh-key --username "$CLUSTER_USER" --ssh-key "$SSH_KEY"',
  ];
  if (names.windowsNodes) {
    lines.push(
      '# Windows nodes: a tunnel to RDP, then connect your RDP client to localhost:33890',
      'az network bastion tunnel -g "$CLUSTER_RG" -n bastion --target-ip-address "$NODE_IP" --resource-port 3389 --port 33890',
    );
  }
  return bashSnippet('Connect through Azure Bastion', vars, lines, ['BASTIONCLI']);
}

export function jumpBoxConnect(names: Names, vars: Vars): Snippet {
  const lines = [
    '# A plain jump box instead: a small Linux VM with a public IP, SSH allowed only from your address',
    'eval "$(ssh-agent -s)"',
    'ssh-add "$SSH_KEY"',
    'cyclecloud connect "$HEAD_NODE" -c "$CLUSTER_NAME" --bastion-host "$JUMPBOX_IP"',
    '# or plain SSH through it',
    'ssh -J "$CLUSTER_USER@$JUMPBOX_IP" "$CLUSTER_USER@$NODE_IP"',
  ];
  if (names.windowsNodes) {
    lines.push(
      '# Windows nodes: forward RDP through the jump box, then connect to localhost:33890',
      'ssh -N -L "33890:$NODE_IP:3389" "$CLUSTER_USER@$JUMPBOX_IP"',
    );
  }
  return bashSnippet('Or through a jump box (cyclecloud connect)', vars, lines, ['CTN']);
}

export function bastionNsg(names: Names, vars: Vars): Snippet {
  const ports = names.windowsNodes ? '22 3389' : '22';
  const lines = [
    '# Nodes accept SSH (RDP for Windows) only from AzureBastionSubnet (or your jump box subnet)',
    `az network nsg rule create -g "$CLUSTER_RG" --nsg-name "$CLUSTER_NSG" -n AllowBastionToNodes --priority 230 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes "$BASTION_PREFIX" --destination-port-ranges ${ports}`,
  ];
  return bashSnippet('NSG rule for bastion access', vars, lines, ['CTN', 'NS', 'NSG']);
}
