// `$Param` substitution: an override wins, then the parameter's DefaultValue; without either the value depends on
// the parameter. Expressions stay unevaluated (`depends`) unless they are a bare literal (`:= undefined`, `=false`).
import type { Parameter, ResolvedValue, Value } from './types.ts';
import { literal } from './values.ts';

/** Parameters whose defaults name other parameters are followed this far, which also stops loops. */
const MAX_HOPS = 8;

export interface Substituted {
  value: ResolvedValue;
  /** Parameters that fed the value, as declared (or as written when undeclared). */
  params: string[];
}

export class Substituter {
  constructor(
    private readonly parameters: Map<string, Parameter>,
    private readonly overrides: Map<string, Value>,
  ) {}

  resolve(value: Value, hops = 0): Substituted {
    switch (value.kind) {
      case 'param':
        return this.param(value.name, hops);
      case 'expression': {
        const bare = bareLiteral(value.expr);
        return bare
          ? { value: bare, params: value.params }
          : { value: { kind: 'depends', expr: value.expr, params: value.params }, params: value.params };
      }
      default:
        return { value, params: [] };
    }
  }

  private param(written: string, hops: number): Substituted {
    const lower = written.toLowerCase();
    const name = this.parameters.get(lower)?.name ?? written;
    const source = this.overrides.get(lower) ?? this.parameters.get(lower)?.defaultValue;
    if (source === undefined || hops >= MAX_HOPS) {
      return { value: { kind: 'depends', expr: `$${written}`, params: [name] }, params: [name] };
    }
    const inner = this.resolve(source, hops + 1);
    const params = inner.params.includes(name) ? inner.params : [name, ...inner.params];
    const resolved: ResolvedValue =
      inner.value.kind === 'depends' ? { kind: 'depends', expr: inner.value.expr, params } : inner.value;
    return { value: resolved, params };
  }
}

/** The expression when it is nothing but a literal (`undefined`, `false`, `3`, `"dyn"`), else null. */
function bareLiteral(expr: string): ResolvedValue | null {
  if (expr.length === 0) return null;
  const value = literal(expr);
  if (value.kind !== 'string') return value;
  const q = expr.charCodeAt(0);
  return (q === 34 || q === 39) && value.value !== expr ? value : null;
}
