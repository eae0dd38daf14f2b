// Field access that reads az output and the REST/ARM shape alike: az flattens `properties` into the resource, the REST
// API keeps it nested. Only named fields are read, so keys like `__proto__` in a file are inert data.

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `o[key]`, else `o.properties[key]`. */
export function prop(o: Obj, key: string): unknown {
  if (Object.hasOwn(o, key) && o[key] !== undefined && o[key] !== null) return o[key];
  const inner = Object.hasOwn(o, 'properties') ? o.properties : undefined;
  if (isObj(inner) && Object.hasOwn(inner, key)) return inner[key];
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/**
 * Text from a file made inert for echoing: each C0/C1 control character (ESC, CR, LF, BEL…) becomes its visible
 * `\u001b` escape. Azure names never hold them; echoed to a terminal they would move the cursor, retitle the window
 * or split a one-line verdict.
 */
export function inert(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      out += `${text.slice(from, i)}\\u${c.toString(16).padStart(4, '0')}`;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

export function str(o: Obj, key: string): string | undefined {
  const v = prop(o, key);
  return typeof v === 'string' ? inert(v) : undefined;
}

export function num(o: Obj, key: string): number | undefined {
  const v = prop(o, key);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

export function bool(o: Obj, key: string): boolean | undefined {
  const v = prop(o, key);
  return typeof v === 'boolean' ? v : undefined;
}

function list(o: Obj, key: string): unknown[] {
  const v = prop(o, key);
  return Array.isArray(v) ? v : [];
}

export function objects(o: Obj, key: string): Obj[] {
  return list(o, key).filter(isObj);
}

export function strings(o: Obj, key: string): string[] {
  return list(o, key)
    .filter((v): v is string => typeof v === 'string')
    .map(inert);
}

/** The id of a sub-resource field (`"networkSecurityGroup": { "id": … }`), or null when absent or null. */
export function refId(o: Obj, key: string): string | null {
  const v = prop(o, key);
  if (isObj(v) && typeof v.id === 'string') return inert(v.id);
  return null;
}

export function refIds(o: Obj, key: string): string[] {
  return objects(o, key)
    .map((r) => (typeof r.id === 'string' ? inert(r.id) : null))
    .filter((id): id is string => id !== null);
}

/** Resource ids compare case-insensitively (Azure treats them so; az often upper-cases resource groups). */
export function idKey(id: string): string {
  return id.trim().toLowerCase();
}

export interface IdParts {
  resourceGroup?: string;
  /** `[type, name]` pairs after the provider, e.g. [["virtualNetworks", "vnet"], ["subnets", "default"]]. */
  path: Array<[string, string]>;
}

export function parseId(id: string): IdParts {
  const segments = id.split('/').filter((s) => s.length > 0);
  const parts: IdParts = { path: [] };
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i]?.toLowerCase();
    if (key === 'resourcegroups' && segments[i + 1]) parts.resourceGroup = segments[i + 1];
    if (key === 'providers') {
      for (let j = i + 2; j + 1 < segments.length; j += 2) {
        parts.path.push([segments[j] ?? '', segments[j + 1] ?? '']);
      }
      break;
    }
  }
  return parts;
}

/** The name of the resource an id points at (its last segment). */
export function nameOfId(id: string): string {
  const segments = id.split('/').filter((s) => s.length > 0);
  return segments.at(-1) ?? id;
}

/** The name of the `type` segment in an id: parentName(".../virtualNetworks/v/subnets/s", "virtualNetworks") = "v". */
export function segmentName(id: string, type: string): string | undefined {
  const lower = type.toLowerCase();
  return parseId(id).path.find(([t]) => t.toLowerCase() === lower)?.[1];
}
