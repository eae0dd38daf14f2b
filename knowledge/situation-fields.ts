// One reader for a Situation field from untrusted input: CLI flags, the team profile (INI strings) and the Situation
// the evaluator is handed (sanitizeSituation). So the same words are accepted everywhere, and a rejection names the
// field and the values allowed. SituationSchema (model.ts) stays the typed contract for JSON.
import {
  CYCLECLOUD_VERSIONS,
  FIREWALLS,
  LINKS,
  OPERATING_SYSTEMS,
  PEERING_STATES,
  PRIVATE_LINKS,
  SERVER_LOCATIONS,
  type Situation,
  type SituationKey,
} from './model.ts';

interface FieldSpec {
  /** The canonical words, in the order help texts list them. */
  words: readonly string[];
  /** What an error message lists as allowed. */
  allowed: string;
  read: (raw: unknown) => unknown;
}

const word = (raw: unknown): string | undefined =>
  typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;

const enumOf = (values: readonly string[]): FieldSpec => ({
  words: values,
  allowed: values.join(', '),
  read: (raw) => {
    const w = word(raw);
    return w !== undefined && values.includes(w) ? w : undefined;
  },
});

const TRUE_WORDS = ['true', 'yes', 'y', '1', 'on', 'allowed'];
const FALSE_WORDS = ['false', 'no', 'n', '0', 'off', 'blocked', 'denied', 'none'];

const bool: FieldSpec = {
  words: ['yes', 'no'],
  allowed: 'true, false (or yes, no)',
  read: (raw) => {
    if (typeof raw === 'boolean') return raw;
    const w = word(raw);
    if (w === undefined) return undefined;
    return TRUE_WORDS.includes(w) ? true : FALSE_WORDS.includes(w) ? false : undefined;
  },
};

const version: FieldSpec = {
  words: CYCLECLOUD_VERSIONS.map(String),
  allowed: CYCLECLOUD_VERSIONS.join(', '),
  read: (raw) => {
    const w = typeof raw === 'number' ? String(raw) : word(raw)?.replace(/^v/, '');
    return CYCLECLOUD_VERSIONS.find((v) => String(v) === w);
  },
};

const ports: FieldSpec = {
  words: [],
  allowed: 'port numbers 1-65535 separated by commas, e.g. 9443,5672',
  read: (raw) => {
    // An empty list from JSON means "none known"; an empty string is a value left out by mistake.
    if (Array.isArray(raw) && raw.length === 0) return [];
    const parts = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [raw];
    const given = parts.filter((p) => p !== '');
    const numbers = given.map((p) =>
      typeof p === 'number'
        ? p
        : typeof p === 'string' && /^\d{1,5}$/.test(p.trim())
          ? Number(p)
          : Number.NaN,
    );
    return numbers.length > 0 && numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= 65535)
      ? numbers
      : undefined;
  },
};

const FIELDS: Record<SituationKey, FieldSpec> = {
  link: enumOf(LINKS),
  cyclecloudVersion: version,
  serverLocation: enumOf(SERVER_LOCATIONS),
  peering: enumOf(PEERING_STATES),
  hubAndSpoke: bool,
  sameRegion: bool,
  privateLink: enumOf(PRIVATE_LINKS),
  publicIpAllowed: bool,
  firewall: enumOf(FIREWALLS),
  blockedPorts: ports,
  openPorts: ports,
  proxyCandidateOs: enumOf(OPERATING_SYSTEMS),
};

export const SITUATION_KEYS = Object.keys(FIELDS) as SituationKey[];

export function isSituationKey(key: string): key is SituationKey {
  return Object.hasOwn(FIELDS, key);
}

export type FieldReading<K extends SituationKey> =
  | { ok: true; value: NonNullable<Situation[K]> }
  /** `problem` names the field, the value (quoted as JSON, cut short) and what is allowed. */
  | { ok: false; problem: string; words: readonly string[] };

export function readSituationField<K extends SituationKey>(key: K, raw: unknown): FieldReading<K> {
  const spec = FIELDS[key];
  const value = spec.read(raw);
  if (value !== undefined) return { ok: true, value: value as NonNullable<Situation[K]> };
  return {
    ok: false,
    problem: `${key} = ${shown(raw)} is not allowed; allowed: ${spec.allowed}`,
    words: spec.words,
  };
}

const MAX_SHOWN = 60;

function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return shorten(text);
}

export function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}
