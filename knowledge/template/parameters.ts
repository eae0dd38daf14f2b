// Parameters declared in `[parameters …]` trees (`[[[parameter X]]]` at any rank), keyed by lower-cased name, with
// `--param` overrides applied. Override values are read like template values (`true` is a boolean).
import type { Attribute, Parameter, Section, Value } from './types.ts';
import { classifyValue } from './values.ts';

export function collectParameters(sections: Section[]): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  for (const section of sections) {
    if (section.kind === 'parameters') visit(section, parameters);
  }
  return parameters;
}

function visit(section: Section, parameters: Map<string, Parameter>): void {
  for (const child of section.children) {
    if (child.kind === 'parameter' && child.name !== null) declare(child, child.name, parameters);
    else visit(child, parameters);
  }
}

function declare(section: Section, name: string, parameters: Map<string, Parameter>): void {
  const lower = name.toLowerCase();
  let parameter = parameters.get(lower);
  if (!parameter) {
    parameter = { name, line: section.line };
    parameters.set(lower, parameter);
  }
  for (const attribute of section.attributes) {
    const n = attribute.key.length;
    // Only three keys matter; their lengths (13, 5, 12) spare lower-casing every other key.
    if (n !== 13 && n !== 5 && n !== 12) continue;
    const key = attribute.key.toLowerCase();
    if (key === 'parametertype') parameter.type = text(attribute);
    else if (key === 'label') parameter.label = text(attribute);
    else if (key === 'defaultvalue') parameter.defaultValue = attribute.value;
  }
}

function text(attribute: Attribute): string {
  return attribute.value.kind === 'string' ? attribute.value.value : attribute.raw;
}

/** `--param` overrides by lower-cased name, parsed like template values. */
export function parseOverrides(params: Record<string, string> | undefined): Map<string, Value> {
  const overrides = new Map<string, Value>();
  if (!params) return overrides;
  for (const name of Object.keys(params)) {
    const text = params[name];
    if (typeof text !== 'string') continue;
    overrides.set(name.toLowerCase(), classifyValue(text.trim(), '='));
  }
  return overrides;
}
