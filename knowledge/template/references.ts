// Once every parameter is known: which parameters each expression mentions, `$Param` references to parameters the
// file does not declare, and `--param` overrides that name nothing in the file.
import type { FindingSink } from './findings.ts';
import type { ParamReference } from './parse.ts';
import type { Parameter, Value } from './types.ts';
import { type ExpressionValue, identifiers } from './values.ts';

export function linkExpressions(expressions: ExpressionValue[], parameters: Map<string, Parameter>): void {
  if (parameters.size === 0) return;
  for (const expression of expressions) {
    // Identifiers are ASCII, so scanning the lower-cased text yields lower-cased names directly.
    for (const identifier of identifiers(expression.expr.toLowerCase())) {
      const name = parameters.get(identifier)?.name;
      if (name !== undefined && !expression.params.includes(name)) expression.params.push(name);
    }
  }
}

/** Names CycleCloud supplies to every template without a declaration (lower-cased). */
const BUILT_IN = new Set(['clustername']);

export function checkReferences(
  refs: ParamReference[],
  parameters: Map<string, Parameter>,
  overrides: Map<string, Value>,
  sink: FindingSink,
): void {
  const undeclared = new Map<string, { written: string; line: number; count: number }>();
  for (const ref of refs) {
    const lower = ref.name.toLowerCase();
    if (parameters.has(lower) || overrides.has(lower) || BUILT_IN.has(lower)) continue;
    const seen = undeclared.get(lower);
    if (seen) seen.count++;
    else undeclared.set(lower, { written: ref.name, line: ref.line, count: 1 });
  }
  for (const { written, line, count } of undeclared.values()) {
    const more = count > 1 ? ` (and ${count - 1} more ${count === 2 ? 'place' : 'places'})` : '';
    sink.add(
      'CCN111',
      `$${written} on line ${line}${more} names no parameter declared in this file, so its value is unknown here.`,
      {
        line,
        fix: `Declare [[[parameter ${written}]]] with a DefaultValue, or pass --param ${written}=<value>.`,
      },
    );
  }
  if (overrides.size === 0) return;
  const referenced = new Set(refs.map((ref) => ref.name.toLowerCase()));
  for (const lower of overrides.keys()) {
    if (!parameters.has(lower) && !referenced.has(lower)) {
      sink.add('CCN116', `--param ${lower} names no parameter this template declares or references.`);
    }
  }
}

export function applyOverrides(parameters: Map<string, Parameter>, overrides: Map<string, Value>): void {
  for (const [lower, value] of overrides) {
    const parameter = parameters.get(lower);
    if (parameter) parameter.override = value;
  }
}
