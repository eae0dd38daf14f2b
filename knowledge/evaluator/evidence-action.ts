// When the exports decide the required connections, the next action comes from them: a denied connection leads "do
// now" with the rule that denies it, and the snippet is the exact allow rules, each just above its blocking rule;
// every connection allowed means there are no NSG rules to add.

import type { CheckedConnection, ConnectionEnd } from '../evidence/situation.ts';
import { type AllowRule, allowCommand, type FlowVerdict, freePriorityBefore } from '../evidence/verify.ts';
import type { SourceTag } from '../facts/sources.ts';
import type { RequiredConnection, Snippet } from '../model.ts';
import { bashSnippet, type ShellVar } from './snippets/shell.ts';

interface EvidenceLine {
  text: string;
  sources: readonly SourceTag[];
}

export interface EvidenceAction {
  /** Leads "do now": the denied connection and the rule that decides it, or that every one is allowed. */
  lead?: EvidenceLine;
  /** Said instead of the generic "allow these ports in the NSGs" line; null drops that line, absent keeps it. */
  filter?: EvidenceLine | null;
  /** The exports allow every required connection: nothing to open. */
  open: boolean;
  /** The exports decide every required connection, allowed or denied (then with its fix). */
  settled: boolean;
  /** How many required connections the exports deny. */
  denied: number;
  /** The rules that let every denied connection through. */
  fix?: Snippet;
}

/** "subnet x", "nic y", or "(the NSG in front of z)" without its parentheses. */
const bare = (attachedTo: string) => attachedTo.replace(/^\((.*)\)$/, '$1');

const connectionText = (c: RequiredConnection) =>
  `${c.protocol.toUpperCase()} ${c.port} from ${c.from} to ${c.to}`;

const shortConnection = (c: RequiredConnection) =>
  `${c.protocol.toUpperCase()} ${c.port} ${c.from} -> ${c.to}`;

/** What decided a denied connection, short enough for the first line: "cyclecloud-nsg rule X (priority N)". */
function decidedBy(v: FlowVerdict): string {
  const hop = v.deciding;
  if (hop?.rule) {
    const kind = hop.rule.isDefault ? 'default rule' : 'rule';
    return `${hop.nsg} ${kind} ${hop.rule.name} (priority ${hop.rule.priority})`;
  }
  return v.route ? `route ${v.route.prefix} -> ${v.route.nextHopType} (${v.route.from})` : v.reason;
}

export function evidenceAction(checked: readonly CheckedConnection[]): EvidenceAction | undefined {
  if (checked.length === 0) return undefined;
  const denied = checked.filter(
    (c): c is CheckedConnection & { verdict: FlowVerdict } => c.verdict?.verdict === 'deny',
  );
  const [first, ...others] = denied;
  if (!first) {
    // An undetermined connection leads with what is missing; the generic advice stays after it.
    const open = checked.find(
      (c): c is CheckedConnection & { verdict: FlowVerdict } => c.verdict?.verdict === 'unknown',
    );
    if (open) {
      return {
        lead: {
          text: `Your exports leave ${shortConnection(open.connection)} undetermined: ${open.verdict.reason}.`,
          sources: ['NSG'],
        },
        open: false,
        settled: false,
        denied: 0,
      };
    }
    // Connections not checked (an end not in the evidence) leave the generic advice in place.
    if (!checked.every((c) => c.verdict?.verdict === 'allow')) return undefined;
    return {
      open: true,
      lead: {
        text: `Your exports allow all ${checked.length} required connections: no NSG rules to add.`,
        sources: ['NSG'],
      },
      filter: null,
      settled: true,
      denied: 0,
    };
  }
  const byRoute = first.verdict.deciding === undefined;
  const fixed = first.verdict.allowRule ? '; allow it just above that rule (commands below)' : '';
  const lead: EvidenceLine = {
    text: `Your exports ${byRoute ? 'drop' : 'deny'} ${shortConnection(first.connection)}: ${decidedBy(first.verdict)}${fixed}.`,
    sources: byRoute ? ['PEER'] : ['NSG'],
  };
  const filter: EvidenceLine | null =
    others.length > 0
      ? {
          text: `Also denied: ${others
            .map((c) => `${shortConnection(c.connection)} (${shortRule(c.verdict)})`)
            .join(', ')}; the snippet allows each.`,
          sources: ['NSG'],
        }
      : null;
  const fix = allowSnippet(denied);
  // Settled when nothing is undetermined and every denial has its allow rule.
  const settled = checked.every(
    (c) =>
      c.verdict?.verdict === 'allow' || (c.verdict?.verdict === 'deny' && c.verdict.allowRule !== undefined),
  );
  return { lead, filter, open: false, settled, denied: denied.length, ...(fix ? { fix } : {}) };
}

function shortRule(v: FlowVerdict): string {
  const rule = v.deciding?.rule;
  return rule ? `${rule.name}, priority ${rule.priority} in ${v.deciding?.nsg}` : 'dropped by a route';
}

const CLUSTER_ENDS: ReadonlySet<ConnectionEnd> = new Set(['nodes', 'proxy', 'primary', 'windows-nodes']);

/** The end an NSG hop belongs to: outbound hops are the source's, inbound ones the destination's. */
function sideOf(c: CheckedConnection, rule: AllowRule): string {
  const end = rule.direction === 'outbound' ? c.from : c.to;
  const base = end === 'cyclecloud' ? 'CC' : CLUSTER_ENDS.has(end) ? 'CLUSTER' : 'OTHER';
  return `${base}_${rule.attachedTo.startsWith('nic ') ? 'NIC' : 'SUBNET'}_NSG`;
}

/**
 * One bash snippet creating every allow rule: a variables block naming each denying NSG and its resource group
 * (a quoted "<…>" where the exports do not say), then one `az network nsg rule create` per denied connection.
 * Rules going into the same NSG and direction get distinct free priorities.
 */
function allowSnippet(
  denied: ReadonlyArray<CheckedConnection & { verdict: FlowVerdict }>,
): Snippet | undefined {
  const vars: ShellVar[] = [];
  const nameOf = new Map<string, string>();
  const used = new Map<string, Set<number>>();
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const c of denied) {
    const rule = c.verdict.allowRule;
    if (!rule) {
      if (c.verdict.fix) lines.push(`# ${connectionText(c.connection)}:`, ...commentLines(c.verdict.fix));
      continue;
    }
    const nsgKey = `${rule.resourceGroup ?? ''}/${rule.nsg}`.toLowerCase();
    let prefix = nameOf.get(nsgKey);
    if (!prefix) {
      const wanted = sideOf(c, rule);
      const taken = new Set(nameOf.values());
      prefix = wanted;
      for (let n = 2; taken.has(prefix); n++) prefix = `${wanted}${n}`;
      nameOf.set(nsgKey, prefix);
      vars.push(
        {
          name: `${prefix}_RG`,
          value: rule.resourceGroup ?? null,
          hint: rule.resourceGroup ? '' : `resource group of NSG ${rule.nsg}`,
        },
        {
          name: prefix,
          value: rule.nsg,
          hint: rule.attachedTo.startsWith('(') ? bare(rule.attachedTo) : `on ${rule.attachedTo}`,
        },
      );
    }
    const key = `${nsgKey}|${rule.direction}|${rule.protocol}|${rule.port}|${rule.source}|${rule.destination}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const slot = `${nsgKey}|${rule.direction}`;
    const mine = used.get(slot) ?? new Set<number>();
    used.set(slot, mine);
    const priority = freePriorityBefore(rule.blocking.priority, new Set([...rule.taken, ...mine]));
    if (priority === null) {
      lines.push(
        `# ${connectionText(c.connection)}: no free priority below ${rule.blocking.priority} in ${rule.nsg}; renumber its rules first`,
      );
      continue;
    }
    mine.add(priority);
    lines.push(
      `# ${connectionText(c.connection)}: in front of ${rule.blocking.name} (priority ${rule.blocking.priority})`,
      allowCommand(
        { ...rule, name: ruleName(c, rule), priority },
        { resourceGroup: `"$${prefix}_RG"`, nsg: `"$${prefix}"` },
      ),
    );
  }
  if (lines.length === 0) return undefined;
  return bashSnippet('Allow the connections your exports deny', vars, lines, ['NSG', 'NS']);
}

/** Named after the far end too, so two rules for one port in one NSG (from the nodes, from the proxy) do not clash. */
function ruleName(c: CheckedConnection, rule: AllowRule): string {
  return rule.direction === 'outbound' ? `${rule.name}-to-${c.to}` : `${rule.name}-from-${c.from}`;
}

function commentLines(text: string): string[] {
  return text.split('\n').map((l) => (l.startsWith('#') ? l : `# ${l}`));
}
