// The evaluator's rules (CCN001-CCN099) and, with the parser's (CCN101-CCN119), the table the README and
// `ccnet explain` list. Ids are stable: a rule that goes away leaves its id unused.
import type { SourceTag } from '../facts/sources.ts';
import { PARSER_RULES, type TemplateRule } from '../template/rules.ts';

export interface EvaluatorRule extends TemplateRule {
  sources: readonly SourceTag[];
}

export const EVALUATOR_RULES = [
  {
    id: 'CCN001',
    severity: 'error',
    title: 'More than one return proxy',
    catches:
      'More than one node is a return proxy once `[[node defaults]]`, Extends and parameter defaults are applied; the cluster fails to start.',
    fix: 'Keep IsReturnProxy = true on one persistent Linux node and set IsReturnProxy = false on every other node.',
    sources: ['RP', 'seed:001'],
  },
  {
    id: 'CCN002',
    severity: 'error',
    title: 'Return proxy on a nodearray or in node defaults',
    catches:
      'IsReturnProxy = true on a nodearray, or in `[[node defaults]]` (a warning instead when every other node overrides it, so one proxy is left); the proxy must be one persistent node.',
    fix: 'Set IsReturnProxy = true on one `[[node]]` (the head node or a small `[[node proxy]]`) and false on nodearrays.',
    sources: ['RP', 'NR', 'seed:000'],
  },
  {
    id: 'CCN003',
    severity: 'error',
    title: 'Return proxy on a Windows node',
    catches:
      'The return proxy runs a Windows image (ImageName, ImageOS, JetpackPlatform or a Windows URN); only Linux can be a proxy.',
    fix: 'Add a separate Linux `[[node proxy]]` with IsReturnProxy = true and set IsReturnProxy = false on the Windows node.',
    sources: ['RP', 'HPCPACK', 'seed:001'],
  },
  {
    id: 'CCN004',
    severity: 'error',
    title: 'Return proxy without the public IP it needs',
    catches:
      'A return proxy with AssociatePublicIpAddress = false (the node fails), or where CycleCloud must reach it over the Internet while policy forbids public IPs.',
    fix: 'Give the proxy a public IP (AssociatePublicIpAddress = true); under a no-public-IP policy turn the proxy off and use peering or a VPN.',
    sources: ['NS', 'ES', 'RP'],
  },
  {
    id: 'CCN005',
    severity: 'warning',
    title: 'Return proxy where nodes can reach CycleCloud directly',
    catches:
      'A return proxy while CycleCloud is in the same VNet, a Connected peering, or behind a VPN: a public IP and SSH exposure for nothing.',
    fix: 'Set IsReturnProxy = false (or its parameter to false) and let nodes reach CycleCloud on 9443 directly.',
    sources: ['RP', 'NC', 'NS'],
  },
  {
    id: 'CCN006',
    severity: 'info',
    title: 'Return proxy controlled by a parameter',
    catches:
      'IsReturnProxy comes from a parameter; whether the proxy is on depends on the value chosen at cluster creation.',
    fix: 'Set the parameter to the value your network needs (true only when nodes cannot reach CycleCloud directly).',
    sources: ['RP', 'SLURM'],
  },
  {
    id: 'CCN007',
    severity: 'warning',
    title: 'ReturnProxyAddress = public without a public IP',
    catches: 'The proxy tells nodes to use its public address, but the proxy gets no public IP.',
    fix: 'Remove ReturnProxyAddress = public (nodes then use the private address) or give the proxy a public IP.',
    sources: ['RP', 'NS'],
  },
  {
    id: 'CCN008',
    severity: 'warning',
    title: 'CycleCloud 7 ports opened for CycleCloud 8',
    catches:
      'Ports 5672 or 37141 are opened although CycleCloud 8 has no AMQP broker: an open port nothing needs.',
    fix: 'Close 5672 and 37141; CycleCloud 8 nodes need 9443 (37140 through a return proxy).',
    sources: ['RP', 'CSP', 'seed:001'],
  },
  {
    id: 'CCN009',
    severity: 'error',
    title: 'CycleCloud 7 AMQP port not opened',
    catches:
      'CycleCloud 7 nodes need AMQP (5672, or 37141 through a return proxy), but it is not among the opened ports.',
    fix: 'Open 5672 from the nodes to CycleCloud (37141 to the proxy when using a return proxy).',
    sources: ['seed:000', 'LD', 'RP'],
  },
  {
    id: 'CCN010',
    severity: 'error',
    title: 'A port the recommended path needs is blocked',
    catches: 'A port listed as blocked is one the recommended path cannot work without.',
    fix: 'Allow the port in the NSG or firewall between the two ends named in the required flows.',
    sources: ['NS', 'LD', 'CI'],
  },
  {
    id: 'CCN011',
    severity: 'warning',
    title: 'ReturnPath.BrokerPort on CycleCloud 8',
    catches: 'ReturnPath.BrokerPort points at the AMQP broker, which CycleCloud 8 does not have.',
    fix: 'Remove ReturnPath.BrokerPort; on CycleCloud 8 only ReturnPath.Hostname and ReturnPath.WebserverPort apply.',
    sources: ['RP', 'CSP'],
  },
  {
    id: 'CCN012',
    severity: 'info',
    title: 'Return proxy depends on an expression',
    catches:
      'IsReturnProxy is an expression ccnet cannot evaluate; whether the node is a proxy is decided at cluster creation.',
    fix: 'Check the value the expression takes for your parameters; pass them with --param to let ccnet resolve it.',
    sources: ['RP'],
  },
  {
    id: 'CCN013',
    severity: 'warning',
    title: 'No return proxy where one is needed',
    catches:
      'Nodes cannot reach CycleCloud directly (unpeered VNet or on-premises without VPN) and no node is a return proxy.',
    fix: 'Mark one persistent Linux node IsReturnProxy = true with a public IP, or connect the networks with peering or a VPN.',
    sources: ['RP', 'NC', 'seed:000'],
  },
  {
    id: 'CCN014',
    severity: 'warning',
    title: 'HTTPS port for the recommended path not opened',
    catches:
      'The opened ports do not include the HTTPS port nodes use on the recommended path (9443 direct, 37140 via a proxy).',
    fix: 'Open the port from the node subnet, as in the required flows.',
    sources: ['RP', 'CSP', 'LD'],
  },
  {
    id: 'CCN015',
    severity: 'warning',
    title: "One of CycleCloud 7's HTTPS ports is blocked",
    catches:
      'CycleCloud 7 nodes use 443 or 9443 (whichever webServerClusterPort names) and one of them is blocked.',
    fix: 'Read webServerClusterPort in cycle_server.properties and make sure that port is open.',
    sources: ['seed:000', 'LD', 'CSP'],
  },
] as const satisfies readonly EvaluatorRule[];

export type EvaluatorRuleId = (typeof EVALUATOR_RULES)[number]['id'];

const asRule = (r: EvaluatorRule): EvaluatorRule => r;

/** Rule by id; ids are typed, so every lookup finds its rule. */
export const EVALUATOR_RULE_BY_ID = Object.fromEntries(
  EVALUATOR_RULES.map((r) => [r.id, asRule(r)]),
) as Record<EvaluatorRuleId, EvaluatorRule>;

/** Every rule ccnet reports, evaluator and parser, in id order. */
export const TEMPLATE_RULES: readonly TemplateRule[] = [...EVALUATOR_RULES, ...PARSER_RULES].sort((a, b) =>
  a.id.localeCompare(b.id),
);
