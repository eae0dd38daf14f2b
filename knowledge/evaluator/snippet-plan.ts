// The snippets of a recommendation, per route, and the one that fixes this case (shown first as "do now"). What
// filters the traffic picks the filter snippets: none for no filter, NSG rules, Azure Firewall rules, or how to find out.
import type { Route } from '../facts/options.ts';
import type { Snippet } from '../model.ts';
import { type Decision, filterOf } from './decide.ts';
import type { Names } from './names.ts';
import type { ProxyPlan } from './proxy-plan.ts';
import { bastionConnect, bastionNsg, createBastion, jumpBoxConnect } from './snippets/bastion.ts';
import { egressNsgRules, httpProxySettings, prestageProjects, storagePrivateDns } from './snippets/egress.ts';
import { directNsgRules, findTheFilter, firewallRules, proxyNewNsg, proxyNsgRules } from './snippets/nsg.ts';
import {
  addressSpaces,
  hubRouting,
  missingPeeringSide,
  peeringCheck,
  peeringCommands,
  privateDnsLinks,
} from './snippets/peering.ts';
import { proxyOffSnippets, proxyOnSnippets } from './snippets/proxy.ts';
import type { Vars } from './snippets/vars.ts';
import { verifySnippet } from './snippets/verify.ts';
import { gatewayTransit, siteToSiteVpn, vnetToVnetVpn } from './snippets/vpn.ts';
import type { TemplateView } from './view.ts';

export interface SnippetPlanInput {
  decision: Decision;
  names: Names;
  view: TemplateView | null;
  plan: ProxyPlan | null;
  vars: Vars;
  /**
   * The exports decide every required connection (allowed, or denied with its exact fix): the generic filter rules
   * would only contradict them, and nothing is left to check on the peering.
   */
  settled?: boolean;
}

export interface PlannedSnippets {
  all: Snippet[];
  /** The one command or template setting that fixes this case, when there is one. */
  fix?: Snippet;
}

interface Part {
  snippets: Snippet[];
  fix?: Snippet;
}

const retitle = (s: Snippet, title: string): Snippet => ({ ...s, title });

function directFilter(input: SnippetPlanInput, onPremises: boolean): Part {
  const { decision: d, names, vars } = input;
  const v = d.version;
  switch (filterOf(d)) {
    case 'none':
      return { snippets: [] };
    case 'nsg': {
      const rules = directNsgRules(v, names, vars, onPremises);
      return { snippets: [rules], fix: rules };
    }
    case 'azure-firewall': {
      const rules = firewallRules(v, names, vars, 'direct');
      return { snippets: [rules], fix: rules };
    }
    case 'unknown': {
      const find = findTheFilter(v, vars, 'direct', d.facts.serverLocation !== 'on-premises');
      return {
        snippets: [
          find,
          retitle(
            directNsgRules(v, names, vars, onPremises),
            'If NSGs filter it: NSG rules for direct access',
          ),
          retitle(firewallRules(v, names, vars, 'direct'), 'If Azure Firewall filters it: firewall rules'),
        ],
        fix: find,
      };
    }
  }
}

function proxyFilter(input: SnippetPlanInput, onPremises: boolean): Part {
  const { decision: d, names, vars } = input;
  const v = d.version;
  switch (filterOf(d)) {
    case 'none': {
      const nsg = proxyNewNsg(names, vars, onPremises);
      return { snippets: [nsg], fix: nsg };
    }
    case 'nsg': {
      const rules = proxyNsgRules(v, names, vars, onPremises);
      return { snippets: [rules], fix: rules };
    }
    case 'azure-firewall': {
      const rules = proxyNsgRules(v, names, vars, onPremises);
      return { snippets: [rules, firewallRules(v, names, vars, 'proxy')], fix: rules };
    }
    case 'unknown': {
      const find = findTheFilter(v, vars, 'proxy', d.facts.serverLocation !== 'on-premises');
      return {
        snippets: [
          find,
          retitle(
            proxyNsgRules(v, names, vars, onPremises),
            'If NSGs filter it: NSG rules for the return proxy',
          ),
        ],
        fix: find,
      };
    }
  }
}

/** Snippets that lead, then the proxy-off change, the filter, and the closing ones; the fix chosen in that order. */
function direct(
  input: SnippetPlanInput,
  lead: Snippet[],
  onPremises: boolean,
  extra: { before?: Snippet; after?: Snippet[] } = {},
): PlannedSnippets {
  const off = proxyOffSnippets(input.view, input.names);
  const filter: Part = input.settled ? { snippets: [] } : directFilter(input, onPremises);
  const verify = verifySnippet(input.decision.version, 'direct', input.vars);
  const before = extra.before ? [extra.before] : [];
  // Connections the exports decide leave nothing to open or to check on the peering: test from a node.
  const fix = lead[0] ?? off[0] ?? filter.fix ?? (input.settled ? undefined : extra.before) ?? verify;
  return { all: [...before, ...lead, ...off, ...filter.snippets, ...(extra.after ?? []), verify], fix };
}

function proxy(input: SnippetPlanInput, onPremises: boolean): PlannedSnippets {
  const on = proxyOnSnippets(input.plan, input.names, input.decision.facts.proxyCandidateOs);
  // With no NSG at all the proxy's public IP stays closed whatever the exports allow: that snippet stays.
  const settled = input.settled && filterOf(input.decision) !== 'none';
  const filter: Part = settled ? { snippets: [] } : proxyFilter(input, onPremises);
  const verify = verifySnippet(input.decision.version, 'proxy', input.vars);
  return { all: [...on, ...filter.snippets, verify], fix: on[0] ?? filter.fix ?? verify };
}

const BY_ROUTE: Record<Route, (input: SnippetPlanInput) => PlannedSnippets> = {
  'same-vnet': (i) => direct(i, [], false),
  peered: (i) =>
    direct(i, [], false, { before: peeringCheck(i.vars), after: [privateDnsLinks(i.names, i.vars)] }),
  'peer-one-way': (i) =>
    direct(i, [missingPeeringSide(i.names, i.vars)], false, { after: [privateDnsLinks(i.names, i.vars)] }),
  'peer-new': (i) =>
    direct(i, [peeringCommands(i.names, i.vars)], false, { after: [privateDnsLinks(i.names, i.vars)] }),
  'hub-and-spoke': (i) => {
    const policy = i.decision.facts.peering === 'policy';
    const routing = hubRouting(i.names, i.vars, !policy);
    const rules = firewallRules(i.decision.version, i.names, i.vars, 'direct');
    const lead = policy ? [routing, rules] : [peeringCommands(i.names, i.vars), routing, rules];
    return direct(i, lead, false);
  },
  'vnet-proxy': (i) => proxy(i, false),
  'onprem-proxy': (i) => proxy(i, true),
  'vnet-vpn': (i) => direct(i, [vnetToVnetVpn(i.names, i.vars), gatewayTransit(i.names, i.vars)], false),
  'vnet-overlap': (i) => direct(i, [addressSpaces(i.vars)], false),
  'onprem-vpn': (i) => direct(i, [siteToSiteVpn(i.names, i.vars), gatewayTransit(i.names, i.vars)], true),
  'over-vpn': (i) => direct(i, [], i.decision.facts.serverLocation === 'on-premises'),
  'user-access': (i) => {
    const create = createBastion(i.vars);
    return {
      all: [
        create,
        bastionConnect(i.names, i.vars),
        bastionNsg(i.names, i.vars),
        jumpBoxConnect(i.names, i.vars),
      ],
      fix: create,
    };
  },
};

export function planSnippets(input: SnippetPlanInput): PlannedSnippets {
  const planned = BY_ROUTE[input.decision.route](input);
  if (!input.decision.egress) return planned;
  const egress = egressNsgRules(input.vars);
  if (input.settled) {
    const rest = [
      storagePrivateDns(input.names, input.vars),
      ...httpProxySettings(input.names),
      prestageProjects(input.vars),
    ];
    return { all: [...planned.all, ...rest], ...(planned.fix ? { fix: planned.fix } : {}) };
  }
  return {
    all: [
      ...planned.all,
      egress,
      storagePrivateDns(input.names, input.vars),
      ...httpProxySettings(input.names),
      prestageProjects(input.vars),
    ],
    fix: egress,
  };
}
