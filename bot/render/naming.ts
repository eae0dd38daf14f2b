// How to name CycleCloud and the nodes' subnet in a Slack thread when the evidence guessed them or could not.
import type { NamingWords } from '../../flows/naming.ts';

export const SLACK_NAMING: NamingWords = {
  cyclecloud:
    "paste in this thread the error a node logged or its ccnet-probe block (either names CycleCloud's address)",
  nodes: (parameter) =>
    parameter
      ? `set ${parameter}'s DefaultValue in the template and upload it again, or paste a node's ccnet-probe block`
      : "upload the cluster template into this thread (its SubnetId names the nodes' subnet) or paste a node's ccnet-probe block",
};
