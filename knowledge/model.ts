// The contract between flows, the CLI, the bot and the evaluator (DESIGN.md "Domain model").
// Every shape that crosses a boundary is a zod schema, so JSON from a file, a flow or a profile is checked the same way.
import { z } from 'zod';
import {
  ERROR_CLASSES,
  ExtractedSchema,
  MATCH_LAYERS,
  NETWORK_LINKS,
  ProblemSchema,
  QuotedLineSchema,
} from './symptoms/schema.ts';

export const CYCLECLOUD_VERSIONS = [7, 8] as const;
export const SERVER_LOCATIONS = ['same-vnet', 'other-vnet', 'on-premises'] as const;
/**
 * VNet peering state. `overlap` (the address spaces overlap) and `policy` (policy forbids peering) are the two reasons
 * peering cannot be done, with different ways out; `impossible` (reason not given) is still accepted.
 */
export const PEERING_STATES = ['connected', 'one-way', 'none', 'overlap', 'policy', 'impossible'] as const;
export const PRIVATE_LINKS = ['vpn', 'expressroute', 'none'] as const;
export const FIREWALLS = ['none', 'nsg', 'azure-firewall', 'unknown'] as const;
export const OPERATING_SYSTEMS = ['linux', 'windows'] as const;
/** Which link is broken (KNOWLEDGE.md decision step 0). Absent means node -> CycleCloud. */
export const LINKS = ['node-to-cyclecloud', 'user-to-node', 'cyclecloud-egress'] as const;

const port = z.number().int().min(1).max(65535);

export const SituationSchema = z.strictObject({
  link: z.enum(LINKS).optional(),
  cyclecloudVersion: z.union([z.literal(7), z.literal(8)]).optional(),
  serverLocation: z.enum(SERVER_LOCATIONS).optional(),
  peering: z.enum(PEERING_STATES).optional(),
  hubAndSpoke: z.boolean().optional(),
  sameRegion: z.boolean().optional(),
  privateLink: z.enum(PRIVATE_LINKS).optional(),
  publicIpAllowed: z.boolean().optional(),
  firewall: z.enum(FIREWALLS).optional(),
  /** Ports known to be blocked between nodes and CycleCloud. */
  blockedPorts: z.array(port).optional(),
  /** Ports the team has opened or plans to open for node -> CycleCloud traffic. */
  openPorts: z.array(port).optional(),
  proxyCandidateOs: z.enum(OPERATING_SYSTEMS).optional(),
});
export type Situation = z.infer<typeof SituationSchema>;
export type SituationKey = keyof Situation;

export const OPTIONS = ['direct', 'vnet-peering', 'return-proxy', 'vpn', 'bastion'] as const;
export type ConnectivityOption = (typeof OPTIONS)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How many findings of each severity: the one counter for summaries, exit codes, outcomes and the audit log. */
export function countSeverities(findings: readonly { severity: Severity }[]): Record<Severity, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** The parts of a deployment a required connection runs between (the labels name them for people). */
const ENDPOINT_KINDS = [
  'nodes',
  'cyclecloud',
  'proxy',
  'primary',
  'users',
  'jumpbox',
  'windows-nodes',
  'storage',
  'azure-ad',
  'azure-monitor',
  'azure-rm',
] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

const ConnectionSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  port,
  protocol: z.enum(['tcp', 'udp']),
  purpose: z.string(),
  /** Which parts `from` and `to` are, so a picture can place them. */
  ends: z.strictObject({ from: z.enum(ENDPOINT_KINDS), to: z.enum(ENDPOINT_KINDS) }).optional(),
});
export type RequiredConnection = z.infer<typeof ConnectionSchema>;

const SnippetSchema = z.strictObject({
  title: z.string(),
  language: z.enum(['ini', 'bash', 'text']),
  code: z.string(),
  /** Source tags (as in `references[].source`) of the facts the snippet rests on. */
  sources: z.array(z.string()).optional(),
});
export type Snippet = z.infer<typeof SnippetSchema>;

/** Where a fact comes from: a KNOWLEDGE.md source tag with its doc path and URL, or a seed file and its origin. */
const ReferenceSchema = z.strictObject({
  source: z.string(),
  title: z.string(),
  path: z.string(),
  /** What people open: learn.microsoft.com for the docs, github.com for templates and PRs. */
  url: z.url(),
});
export type Reference = z.infer<typeof ReferenceSchema>;

export const FindingSchema = z.strictObject({
  rule: z.string().regex(/^CCN\d{3}$/),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  line: z.number().int().positive().optional(),
  /** 1-based column of the line's first character; set by `ccnet check`, which has the text. */
  column: z.number().int().positive().optional(),
  node: z.string().optional(),
  fix: z.string(),
  /** Source tags of the rule (evaluator rules; parser findings carry none). */
  sources: z.array(z.string()).optional(),
  /** The rule's page (docs/rules/CCNxxx.md); set by `ccnet check`. */
  helpUri: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

const PATH_LINKS = ['same-vnet', 'peering', 'hub', 'vpn', 'expressroute', 'internet'] as const;

/** Where the recommendation has CycleCloud and what joins its network to the cluster's (for the picture of it). */
const NetworkPathSchema = z.strictObject({
  cyclecloud: z.enum(SERVER_LOCATIONS),
  link: z.enum(PATH_LINKS),
});
export type NetworkPath = z.infer<typeof NetworkPathSchema>;

/** The next action, shown first: at most three short lines and the one command or setting that fixes this case. */
const DoNowSchema = z.strictObject({
  lines: z.array(z.string()).min(1).max(3),
  snippet: SnippetSchema.optional(),
  sources: z.array(z.string()),
});
export type DoNow = z.infer<typeof DoNowSchema>;

const RecommendationSchema = z.strictObject({
  option: z.enum(OPTIONS),
  title: z.string(),
  /** The option in plain words, specific to this case (the template's names where known). */
  headline: z.string(),
  doNow: DoNowSchema,
  why: z.array(z.string()),
  /** Source tags of each `why` entry, in the same order, so a renderer can cite beside the fact. */
  whySources: z.array(z.array(z.string())),
  steps: z.array(z.string()),
  /** Source tags of each step, in the same order. */
  stepSources: z.array(z.array(z.string())),
  connections: z.array(ConnectionSchema),
  snippets: z.array(SnippetSchema),
  references: z.array(ReferenceSchema),
  path: NetworkPathSchema.optional(),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const SymptomMatchSchema = z.strictObject({
  /** Stable id of the known message, or "unrecognised". */
  id: z.string(),
  recognised: z.boolean(),
  /** The known message it matched, as written in the docs. */
  message: z.string().optional(),
  cause: z.string(),
  checks: z.array(z.string()),
  /** Values lifted from the pasted text. */
  extracted: ExtractedSchema,
  /** Situation facts the message reveals (port 9443 means CycleCloud 8, :37140 means a return proxy is in use). */
  implies: SituationSchema.partial(),
  implications: z.array(z.string()),
  references: z.array(ReferenceSchema),
  // How it was recognised (issue 10); the first of `problems`, flattened, when a paste held several.
  layer: z.enum(MATCH_LAYERS).optional(),
  headline: z.string().optional(),
  errorClass: z.enum(ERROR_CLASSES).optional(),
  link: z.enum(NETWORK_LINKS).optional(),
  causeKey: z.string().optional(),
  certain: z.boolean().optional(),
  lines: z.array(QuotedLineSchema).optional(),
  problems: z.array(ProblemSchema).optional(),
  /** What ccnet did with the paste: lines read, size cap, problems not shown. */
  notes: z.array(z.string()).optional(),
});
export type SymptomMatch = z.infer<typeof SymptomMatchSchema>;

const triState = z.union([z.boolean(), z.literal('depends')]);

const TopologyNodeSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(['node', 'nodearray']),
  line: z.number().int().positive(),
  abstract: z.boolean(),
  returnProxy: triState,
  returnProxyParams: z.array(z.string()),
  os: z.enum(['linux', 'windows', 'unknown']),
  publicIp: triState,
  subnet: z.string().nullable(),
});
export type TopologyNode = z.infer<typeof TopologyNodeSchema>;

export const TopologySchema = z.strictObject({
  cluster: z.string().nullable(),
  nodes: z.array(TopologyNodeSchema),
});
export type Topology = z.infer<typeof TopologySchema>;

/** One NSG a flow crossed, in Azure's order (evidence, issue 12). */
const FlowHopSchema = z.strictObject({
  nsg: z.string(),
  attachedTo: z.string(),
  direction: z.enum(['outbound', 'inbound']),
  /** Null when the NSG's rules are not in the evidence. */
  rule: z.string().nullable(),
  priority: z.number().int().nullable(),
  access: z.enum(['allow', 'deny', 'unknown']),
});

const FlowRouteSchema = z.strictObject({
  prefix: z.string(),
  nextHopType: z.string(),
  nextHopIp: z.string().optional(),
  name: z.string().optional(),
  origin: z.string(),
  from: z.string(),
  effect: z.enum(['deliver', 'drop', 'firewall', 'unknown']),
  reason: z.string(),
});

/** A flow checked against the evidence: what `ccnet verify-flow --format json` prints per --flow. */
export const FlowCheckSchema = z.strictObject({
  source: z.string(),
  destination: z.string(),
  port,
  protocol: z.enum(['tcp', 'udp']),
  verdict: z.enum(['allow', 'deny', 'unknown']),
  hops: z.array(FlowHopSchema),
  route: FlowRouteSchema.optional(),
  reason: z.string(),
  fix: z.string().optional(),
  notes: z.array(z.string()),
});
export type FlowCheck = z.infer<typeof FlowCheckSchema>;

/** What evidence files settled and how each required connection fares against them (issue 12). */
const VerificationSchema = z.strictObject({
  /** Each evidence file and the kinds read from it. */
  files: z.array(z.strictObject({ file: z.string(), kinds: z.array(z.string()) })),
  /** Situation facts the evidence settled, each with the files it came from. */
  facts: z.array(
    z.strictObject({ field: z.string(), value: z.string(), from: z.array(z.string()), detail: z.string() }),
  ),
  /** Every required connection of the recommendation, checked against the evidence. */
  connections: z.array(
    z.strictObject({
      connection: ConnectionSchema,
      verdict: z.enum(['allow', 'deny', 'unknown', 'not-checked']),
      reason: z.string(),
      check: FlowCheckSchema.optional(),
    }),
  ),
  notes: z.array(z.string()),
  /**
   * Ends the evidence guessed or could not place. The assumptions and notes say what was taken; each adapter says
   * how to name these in its own terms (a flag, a paste, an upload). `parameter`: the template names the nodes'
   * subnet through this parameter, which has no value.
   */
  unsure: z
    .array(
      z.strictObject({
        end: z.enum(['cyclecloud', 'nodes']),
        how: z.enum(['guessed', 'unknown']),
        parameter: z.string().optional(),
        /** The assumption, as in `assumptions`, that says what was guessed. */
        assumption: z.string().optional(),
      }),
    )
    .optional(),
});
export type Verification = z.infer<typeof VerificationSchema>;

export const DiagnosisSchema = z.strictObject({
  recommendation: RecommendationSchema,
  findings: z.array(FindingSchema),
  assumptions: z.array(z.string()),
  symptom: SymptomMatchSchema.optional(),
  topology: TopologySchema.optional(),
  verification: VerificationSchema.optional(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;
