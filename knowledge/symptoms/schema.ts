// The parts of a SymptomMatch that say how it was recognised (issue 10): which layer matched, the error class and
// the network link it concerns, the decisive lines of the paste, and up to three distinct problems.
import { z } from 'zod';

/** known: a message the docs or a confirmed report name; class: a generic error signature; none: not recognised. */
export const MATCH_LAYERS = ['known', 'class', 'none'] as const;

/** The closed vocabularies of test/fixtures/real-errors/README.md: the corpus measures the matcher in them. */
export const ERROR_CLASSES = [
  'name-resolution',
  'timeout',
  'refused',
  'reset',
  'tls',
  'http-401',
  'http-403',
  'http-404',
  'http-407',
  'http-503',
  'authorization',
  'quota-or-capacity',
  'other',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** The connections people hit, named from the side that opens them; `none` is not a network problem. */
export const NETWORK_LINKS = [
  'node-to-cyclecloud',
  'cyclecloud-to-node',
  'node-to-storage',
  'cyclecloud-to-storage',
  'node-to-imds',
  'node-to-wireserver',
  'node-to-package-host',
  'cyclecloud-to-package-host',
  'scheduler-to-node',
  'cyclecloud-to-azure-api',
  'node-to-dns',
  'cyclecloud-to-proxy',
  'node-to-proxy',
  'user-to-node',
  'user-to-cyclecloud',
  'node-to-database',
  'none',
] as const;
export type NetworkLink = (typeof NETWORK_LINKS)[number];

const port = z.number().int().min(1).max(65535);

export const ExtractedSchema = z.strictObject({
  host: z.string().optional(),
  port: port.optional(),
  url: z.string().optional(),
  /** The Azure storage account named in a *.core.windows.net host. */
  storageAccount: z.string().optional(),
  /** The action an Azure AuthorizationFailed names, e.g. Microsoft.Network/virtualNetworks/subnets/join/action. */
  action: z.string().optional(),
  /** The scope of that action (a resource id). */
  scope: z.string().optional(),
  /** The resource provider namespace a registration error names, e.g. Microsoft.Compute. */
  namespace: z.string().optional(),
  /** The HTTP status the text reports. */
  status: z.number().int().min(100).max(599).optional(),
});

export const QuotedLineSchema = z.strictObject({
  /** 1-based line number in the paste. */
  line: z.number().int().positive(),
  text: z.string(),
});
export type QuotedLine = z.infer<typeof QuotedLineSchema>;

/** What one problem in a paste says; the match itself carries the first one's fields at the top level. */
export const ProblemSchema = z.strictObject({
  id: z.string(),
  layer: z.enum(MATCH_LAYERS),
  /** "known message", "looks like a name-resolution failure for `hpc-scheduler-1`", "not recognised". */
  headline: z.string(),
  errorClass: z.enum(ERROR_CLASSES).optional(),
  link: z.enum(NETWORK_LINKS).optional(),
  /** Stable id of the specific cause ccnet names (certain or not). */
  causeKey: z.string().optional(),
  /** True only when the text identifies one documented cause; a class match never is. */
  certain: z.boolean(),
  message: z.string().optional(),
  cause: z.string(),
  checks: z.array(z.string()),
  extracted: ExtractedSchema,
  lines: z.array(QuotedLineSchema),
  /** How many more lines of the paste said the same. */
  repeats: z.number().int().nonnegative(),
});
export type Problem = z.infer<typeof ProblemSchema>;
