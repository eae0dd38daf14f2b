// The specific cause for an error class on a link: the first cause fact whose class, link, words and Azure action
// fit; else what the class means on that link; else what the class means at all. Placeholders in the checks take
// the values lifted from the paste.
import { CAUSE_FACTS, type CauseFact } from '../facts/causes.ts';
import { CLASS_CHECKS, CLASS_LABELS, CLASS_SOURCES } from '../facts/error-classes.ts';
import { LINK_FACTS } from '../facts/links.ts';
import type { SourceTag } from '../facts/sources.ts';
import type { Extracted } from './extract.ts';
import type { ErrorClass, NetworkLink } from './schema.ts';

export interface ChosenCause {
  causeKey?: string;
  cause: string;
  checks: string[];
  sources: SourceTag[];
}

export function chooseCause(
  errorClass: ErrorClass,
  link: NetworkLink | undefined,
  extracted: Extracted,
  context: string,
): ChosenCause {
  const fact = CAUSE_FACTS.find((c) => fits(c, errorClass, link, extracted, context));
  if (fact) {
    return {
      causeKey: fact.key,
      cause: fact.cause,
      checks: fact.checks.map((c) => fill(c, extracted)),
      sources: [...fact.sources, ...(link ? LINK_FACTS[link].sources : [])],
    };
  }
  const classChecks = CLASS_CHECKS[errorClass].map((c) => fill(c, extracted));
  if (link) {
    const about = LINK_FACTS[link];
    return {
      cause: `A ${CLASS_LABELS[errorClass]} on the ${about.label} link. ${about.summary}`,
      checks: classChecks,
      sources: [...about.sources, ...CLASS_SOURCES[errorClass]],
    };
  }
  return {
    cause: `A ${CLASS_LABELS[errorClass]}; the text does not say which link it is on.`,
    checks: classChecks,
    sources: [...CLASS_SOURCES[errorClass]],
  };
}

function fits(
  fact: CauseFact,
  errorClass: ErrorClass,
  link: NetworkLink | undefined,
  extracted: Extracted,
  context: string,
): boolean {
  if (!fact.classes.includes(errorClass)) return false;
  if (link === undefined ? !fact.anyLink : !fact.links.includes(link)) return false;
  if (fact.whenAny && !fact.whenAny.some((w) => context.includes(w))) return false;
  if (fact.unless?.some((w) => context.includes(w))) return false;
  const action = (extracted.action ?? '').toLowerCase();
  if (fact.actionPrefixes && !fact.actionPrefixes.some((p) => action.startsWith(p))) return false;
  return true;
}

/** `<host>`, `<name>`, `<account>`, `<namespace>` become the values the paste named. */
function fill(check: string, extracted: Extracted): string {
  let out = check;
  if (extracted.host !== undefined)
    out = out.replaceAll('<host>', extracted.host).replaceAll('<name>', extracted.host);
  if (extracted.storageAccount !== undefined) out = out.replaceAll('<account>', extracted.storageAccount);
  if (extracted.namespace !== undefined) out = out.replaceAll('<namespace>', extracted.namespace);
  return out;
}
