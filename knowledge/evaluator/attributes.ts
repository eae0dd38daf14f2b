// Reading a node's effective attributes as the evaluator needs them: booleans, text, and what they depend on.
import type {
  EffectiveAttribute,
  ParsedTemplate,
  ResolvedNode,
  ResolvedValue,
  Value,
} from '../template/types.ts';

export type TriState = boolean | 'depends';

export function attribute(node: ResolvedNode, key: string): EffectiveAttribute | undefined {
  return node.attributes.get(key.toLowerCase());
}

/** Attributes of any `[[[network-interface …]]]` whose last path part is `name`. */
export function interfaceAttributes(node: ResolvedNode, name: string): EffectiveAttribute[] {
  const found: EffectiveAttribute[] = [];
  for (const [key, value] of node.attributes) {
    if (key.startsWith('network-interface') && key.endsWith(`/${name}`)) found.push(value);
  }
  return found;
}

/** Attributes whose key ends with `suffix` at any depth (`returnpath.brokerport`, `configuration/returnpath.brokerport`). */
export function attributesEndingWith(node: ResolvedNode, suffix: string): EffectiveAttribute[] {
  const found: EffectiveAttribute[] = [];
  for (const [key, value] of node.attributes) {
    if (key === suffix || key.endsWith(`/${suffix}`)) found.push(value);
  }
  return found;
}

/** A boolean as CycleCloud reads it; `undefined` when absent, `undefined`-valued, or not a boolean at all. */
export function booleanOf(a: EffectiveAttribute | undefined): TriState | undefined {
  if (!a) return undefined;
  return booleanValue(a.value);
}

function booleanValue(v: ResolvedValue): TriState | undefined {
  switch (v.kind) {
    case 'boolean':
      return v.value;
    case 'string': {
      const lower = v.value.trim().toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : undefined;
    }
    case 'depends':
      return 'depends';
    default:
      return undefined;
  }
}

/** The text of a value for classification: the resolved string, or the unevaluated expression. */
export function textOf(a: EffectiveAttribute | undefined): string | undefined {
  if (!a) return undefined;
  const v = a.value;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'depends') return v.expr;
  if (v.kind === 'number' || v.kind === 'boolean') return String(v.value);
  return undefined;
}

export function describeValue(v: ResolvedValue | undefined): string {
  if (!v) return 'no value';
  switch (v.kind) {
    case 'boolean':
    case 'number':
      return String(v.value);
    case 'string':
      return v.value === '' ? 'an empty string' : v.value;
    case 'undefined':
      return 'undefined';
    case 'depends':
      return v.expr;
  }
}

/** The parameter as declared (its display name), with its default and any `--param` override, as text. */
export function parameterSummary(t: ParsedTemplate, name: string): string {
  const p = t.parameters.get(name.toLowerCase());
  if (!p) return `parameter ${name} (not declared in the template)`;
  const def = p.defaultValue ? describeRaw(p.defaultValue) : 'no default';
  const override = p.override ? `, set to ${describeRaw(p.override)} by --param` : '';
  return `parameter ${p.name} (line ${p.line}, default ${def}${override})`;
}

function describeRaw(v: Value): string {
  switch (v.kind) {
    case 'boolean':
    case 'number':
      return String(v.value);
    case 'string':
      return v.value === '' ? '""' : v.value;
    case 'undefined':
      return 'undefined';
    case 'param':
      return `$${v.name}`;
    case 'expression':
      return v.expr;
  }
}

/** The declared name of a parameter (as the template spells it), or the name given. */
export function parameterName(t: ParsedTemplate | null, name: string): string {
  return t?.parameters.get(name.toLowerCase())?.name ?? name;
}
