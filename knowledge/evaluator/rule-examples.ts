// One worked example per connectivity rule (CCN001-CCN015), shown on its page and by `ccnet explain`; the format and
// the test that runs each one are described in ../template/rule-examples.ts. Situation flags stand for what the
// network looks like, as a CI job passes them.
import { lines, type RuleExample } from '../template/rule-examples.ts';

const CLUSTER = '[cluster hpc]';
const SCHEDULER = '  [[node scheduler]]';
const UBUNTU = '  ImageName = cycle.image.ubuntu22';
const HEAD_NODE = lines(CLUSTER, SCHEDULER, UBUNTU);
const SUBNET_NODES = lines(
  CLUSTER,
  '  [[node defaults]]',
  '  SubnetId = hpc-rg/hpc-vnet/compute',
  SCHEDULER,
  UBUNTU,
);
const NIC = '    [[[network-interface eth0]]]';
const NO_PEERING = ['--server', 'other-vnet', '--peering', 'impossible', '--public-ip', 'allowed'];
const RETURN_PROXY_PARAMETER = [
  '[parameters Advanced]',
  '  [[parameters Networking]]',
  '    [[[parameter ReturnProxy]]]',
  '    DefaultValue = false',
];

export const EVALUATOR_RULE_EXAMPLES: Record<string, RuleExample> = {
  CCN001: {
    trigger: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '  IsReturnProxy = true',
        '  [[node login]]',
        UBUNTU,
        '  IsReturnProxy = true',
      ),
    },
    finding:
      'cluster.txt:7:3: error: 2 nodes are return proxies: scheduler (line 4) and login (line 7). Only one node may be the return proxy, or the cluster fails to start. [CCN001]',
    fixed: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '  IsReturnProxy = true',
        '  [[node login]]',
        UBUNTU,
        '  IsReturnProxy = false',
      ),
    },
  },
  CCN002: {
    trigger: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '  [[nodearray execute]]',
        UBUNTU,
        '  IsReturnProxy = true',
      ),
    },
    finding:
      'cluster.txt:6:3: error: Nodearray execute is a return proxy (IsReturnProxy = true, line 6); a proxy must be one persistent node, and every VM of a nodearray would be one. [CCN002]',
    fixed: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '  IsReturnProxy = true',
        '  [[nodearray execute]]',
        UBUNTU,
        '  IsReturnProxy = false',
      ),
    },
  },
  CCN003: {
    note: 'CycleCloud runs in another VNet that cannot be peered, so the cluster needs a return proxy (`--server other-vnet --peering impossible --public-ip allowed`):',
    trigger: {
      template: lines(
        '[cluster hpcpack]',
        '  [[node headnode]]',
        '  ImageName = cycle.image.win2016',
        '  IsReturnProxy = true',
      ),
      options: NO_PEERING,
    },
    finding:
      'cluster.txt:4:3: error: headnode is the return proxy (line 4) but runs Windows; CycleCloud supports only Linux return proxies. [CCN003]',
    fixed: {
      note: 'a small Linux node becomes the proxy',
      template: lines(
        '[cluster hpcpack]',
        '  [[node headnode]]',
        '  ImageName = cycle.image.win2016',
        '  IsReturnProxy = false',
        '  [[node proxy]]',
        UBUNTU,
        '  IsReturnProxy = true',
      ),
      options: NO_PEERING,
    },
  },
  CCN004: {
    trigger: {
      template: lines(
        CLUSTER,
        '  [[node proxy]]',
        UBUNTU,
        '  IsReturnProxy = true',
        NIC,
        '    AssociatePublicIpAddress = false',
      ),
    },
    finding:
      'cluster.txt:6:5: error: proxy is the return proxy but AssociatePublicIpAddress = false at line 6: a return proxy with no public IP fails to start. [CCN004]',
    fixed: {
      template: lines(
        CLUSTER,
        '  [[node proxy]]',
        UBUNTU,
        '  IsReturnProxy = true',
        NIC,
        '    AssociatePublicIpAddress = true',
      ),
    },
  },
  CCN005: {
    note: 'CycleCloud runs in the same VNet as the cluster (`--server same-vnet`):',
    trigger: {
      template: lines(CLUSTER, SCHEDULER, UBUNTU, '  IsReturnProxy = true'),
      options: ['--server', 'same-vnet'],
    },
    finding:
      'cluster.txt:4:3: warning: scheduler is a return proxy (line 4) but CycleCloud is in the same VNet: nodes can reach CycleCloud directly, so the proxy only adds a public IP and SSH exposure. [CCN005]',
    fixed: {
      template: lines(CLUSTER, SCHEDULER, UBUNTU, '  IsReturnProxy = false'),
      options: ['--server', 'same-vnet'],
    },
  },
  CCN006: {
    trigger: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '  IsReturnProxy = $ReturnProxy',
        ...RETURN_PROXY_PARAMETER,
      ),
    },
    finding:
      'cluster.txt:4:3: info: IsReturnProxy for scheduler (line 4) comes from parameter ReturnProxy (line 7, default false), so the return proxy is off unless ReturnProxy is changed when the cluster is created; turn it on only when nodes cannot reach CycleCloud directly (another VNet without peering, or on-premises without VPN). [CCN006]',
    fixed: {
      note: 'where every cluster made from this template sits on the same network, write the value it needs; while the choice must stay open, CCN006 stays as information (`--rule CCN006=off` hides it)',
      template: lines(CLUSTER, SCHEDULER, UBUNTU, '  IsReturnProxy = false'),
    },
  },
  CCN007: {
    note: 'The same `AssociatePublicIpAddress = false` also breaks the proxy itself, so CCN007 always comes with CCN004:',
    trigger: {
      template: lines(
        CLUSTER,
        '  [[node proxy]]',
        UBUNTU,
        '  IsReturnProxy = true',
        '  ReturnProxyAddress = public',
        NIC,
        '    AssociatePublicIpAddress = false',
      ),
    },
    finding:
      'cluster.txt:5:3: warning: proxy sets ReturnProxyAddress = public (line 5) but gets no public IP: nodes would be sent to an address that does not exist. [CCN007]',
    alongside: [
      'cluster.txt:7:5: error: proxy is the return proxy but AssociatePublicIpAddress = false at line 7: a return proxy with no public IP fails to start. [CCN004]',
    ],
    fixed: {
      template: lines(
        CLUSTER,
        '  [[node proxy]]',
        UBUNTU,
        '  IsReturnProxy = true',
        '  ReturnProxyAddress = public',
        NIC,
        '    AssociatePublicIpAddress = true',
      ),
    },
  },
  CCN008: {
    note: 'The NSG opens 9443 and 5672 to a CycleCloud 8 server (`--version 8 --open-ports 9443,5672`):',
    trigger: { template: HEAD_NODE, options: ['--version', '8', '--open-ports', '9443,5672'] },
    finding:
      'cluster.txt:1:1: warning: Port 5672 is opened, but CycleCloud 8 has no AMQP broker: nothing listens there. [CCN008]',
    fixed: {
      note: 'the NSG rule for 5672 is deleted',
      template: HEAD_NODE,
      options: ['--version', '8', '--open-ports', '9443'],
    },
  },
  CCN009: {
    note: 'The NSG opens only 443 to a CycleCloud 7 server (`--version 7 --open-ports 443`):',
    trigger: { template: HEAD_NODE, options: ['--version', '7', '--open-ports', '443'] },
    finding:
      'cluster.txt:1:1: error: CycleCloud 7 nodes need AMQP on 5672 to CycleCloud, but 5672 is not among the opened ports. [CCN009]',
    fixed: {
      note: 'the NSG also opens 5672',
      template: HEAD_NODE,
      options: ['--version', '7', '--open-ports', '443,5672'],
    },
  },
  CCN010: {
    note: 'A firewall blocks 9443 between the nodes and CycleCloud 8 (`--blocked-ports 9443`):',
    trigger: { template: SUBNET_NODES, options: ['--blocked-ports', '9443'] },
    finding:
      "cluster.txt:3:3: error: Port 9443 is blocked, but the recommended path needs it for HTTPS from the node agent to CycleCloud (status, autoscale API) on the port webServerClusterPort sets; the nodes' subnet is SubnetId = hpc-rg/hpc-vnet/compute (line 3 in [[node defaults]]). [CCN010]",
    fixed: { note: 'the firewall allows 9443 into hpc-rg/hpc-vnet/compute', template: SUBNET_NODES },
  },
  CCN011: {
    note: 'On CycleCloud 8 (`--version 8`):',
    trigger: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '    [[[configuration]]]',
        '    ReturnPath.BrokerPort = 5672',
      ),
      options: ['--version', '8'],
    },
    finding:
      'cluster.txt:5:5: warning: scheduler sets ReturnPath.BrokerPort (line 5), but CycleCloud 8 has no AMQP broker: the setting does nothing. [CCN011]',
    fixed: { template: HEAD_NODE, options: ['--version', '8'] },
  },
  CCN012: {
    trigger: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '  IsReturnProxy := ProxyMode == "proxy"',
        '[parameters Advanced]',
        '  [[parameters Networking]]',
        '    [[[parameter ProxyMode]]]',
        '    DefaultValue = direct',
      ),
    },
    finding:
      'cluster.txt:4:3: info: IsReturnProxy for scheduler is `ProxyMode == "proxy"` (line 4): ccnet cannot evaluate it; it depends on ProxyMode. Turn it on only when nodes cannot reach CycleCloud directly (another VNet without peering, or on-premises without VPN). [CCN012]',
    fixed: {
      note: 'the value the expression takes for this network, written out (nodes reach CycleCloud directly, so the proxy is off)',
      template: lines(CLUSTER, SCHEDULER, UBUNTU, '  IsReturnProxy = false'),
    },
  },
  CCN013: {
    note: 'CycleCloud runs in another VNet that cannot be peered (`--server other-vnet --peering impossible --public-ip allowed`):',
    trigger: { template: HEAD_NODE, options: NO_PEERING },
    finding:
      'cluster.txt:2:3: warning: No node is a return proxy, yet CycleCloud is in another VNet that cannot be peered: nodes cannot reach CycleCloud. [CCN013]',
    fixed: {
      note: 'the head node becomes the proxy (it gets a public IP by default)',
      template: lines(CLUSTER, SCHEDULER, UBUNTU, '  IsReturnProxy = true'),
      options: NO_PEERING,
    },
  },
  CCN014: {
    note: 'The NSG opens only SSH to a CycleCloud 8 server (`--version 8 --open-ports 22`):',
    trigger: { template: HEAD_NODE, options: ['--version', '8', '--open-ports', '22'] },
    finding:
      'cluster.txt:1:1: warning: The opened ports do not include 9443, the port nodes use on the recommended path. [CCN014]',
    fixed: {
      note: 'the NSG also opens 9443',
      template: HEAD_NODE,
      options: ['--version', '8', '--open-ports', '22,9443'],
    },
  },
  CCN015: {
    note: 'A firewall blocks 443 between the nodes and a CycleCloud 7 server (`--version 7 --blocked-ports 443`):',
    trigger: { template: HEAD_NODE, options: ['--version', '7', '--blocked-ports', '443'] },
    finding:
      'cluster.txt:1:1: warning: Port 443 is blocked; CycleCloud 7 nodes use 443 and 9443, whichever webServerClusterPort names. [CCN015]',
    fixed: {
      note: 'the firewall allows the port webServerClusterPort names',
      template: HEAD_NODE,
      options: ['--version', '7'],
    },
  },
};
