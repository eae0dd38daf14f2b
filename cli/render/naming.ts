// How to name CycleCloud and the nodes' subnet when the evidence guessed them or could not: flags for the ccnet
// command, what to paste or type in the terminal chat.
import type { NamingWords } from '../../flows/naming.ts';

export const COMMAND_NAMING: NamingWords = {
  cyclecloud: 'name CycleCloud with --cyclecloud IP|NIC|VM',
  nodes: (parameter) =>
    parameter
      ? `give the template's ${parameter} with --param ${parameter}=rg/vnet/subnet (or the subnet with --nodes SUBNET)`
      : "name the nodes' subnet with --nodes SUBNET (or give the template, its SubnetId names it)",
};

export const CHAT_NAMING: NamingWords = {
  cyclecloud:
    "paste here the error a node logged or its ccnet-probe block (either names CycleCloud's address)",
  nodes: (parameter) =>
    parameter
      ? `set ${parameter}'s DefaultValue in the template and type its path again, or paste a node's ccnet-probe block`
      : "type the cluster template's path (its SubnetId names the nodes' subnet) or paste a node's ccnet-probe block",
};
