// A node section's own attributes, child sections included, keyed by lower-cased path:
// `isreturnproxy`, `network-interface eth0/associatepublicipaddress`, `configuration/slurm.role`.
// Appending sections (`list`) get an index so repeated entries stay apart: `list config.entries[1]/name`.
// Values are substituted here, once per attribute; inheritance then shares these objects.
import type { FindingSink } from './findings.ts';
import type { Substituter } from './substitute.ts';
import type { EffectiveAttribute, Section } from './types.ts';

export type Attributes = Map<string, EffectiveAttribute>;

export function ownAttributes(
  section: Section,
  origin: string,
  substituter: Substituter,
  sink: FindingSink,
): Attributes {
  const attributes: Attributes = new Map();
  collect(section, '', origin, attributes, substituter, sink, section);
  return attributes;
}

function collect(
  section: Section,
  prefix: string,
  origin: string,
  out: Attributes,
  substituter: Substituter,
  sink: FindingSink,
  node: Section,
): void {
  for (const attribute of section.attributes) {
    const path = prefix + attribute.key.toLowerCase();
    const earlier = out.get(path);
    if (earlier) {
      sink.add(
        'CCN117',
        `${attribute.key} is set on line ${earlier.line} and again on line ${attribute.line} in [[${node.kind} ${node.name ?? ''}]]; the later value wins.`,
        { line: attribute.line, node: node.name ?? undefined },
      );
    }
    const { value, params } = substituter.resolve(attribute.value);
    out.set(path, {
      key: attribute.key,
      raw: attribute.raw,
      operator: attribute.operator,
      value,
      params,
      line: attribute.line,
      origin,
    });
  }
  let lists: Map<string, number> | null = null;
  for (const child of section.children) {
    let segment = child.name === null ? child.kind : `${child.kind} ${child.name.toLowerCase()}`;
    if (child.kind === 'list') {
      lists ??= new Map();
      const index = lists.get(segment) ?? 0;
      lists.set(segment, index + 1);
      segment = `${segment}[${index}]`;
    }
    collect(child, `${prefix}${segment}/`, origin, out, substituter, sink, node);
  }
}
