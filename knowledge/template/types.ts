// What the template parser produces (DESIGN.md "Template parsing"). The parser never throws: problems are findings.
import type { Finding } from '../model.ts';

/** A value as written, classified once so rules never re-parse strings. */
export type Value =
  | { kind: 'boolean'; value: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'undefined' }
  /** `$Param`: `name` as written; resolution happens in the resolver. */
  | { kind: 'param'; name: string }
  /** `${expr}` or a `:=` value: kept unevaluated, with the parameters it mentions (as declared, when declared). */
  | { kind: 'expression'; expr: string; params: string[] };

export interface Attribute {
  /** The key as written (case kept for display); compare with `key.toLowerCase()`. */
  key: string;
  /** The raw text after the operator, comments stripped, trimmed; multi-line values joined with "\n". */
  raw: string;
  value: Value;
  operator: '=' | ':=';
  line: number;
}

export interface Section {
  /** Number of brackets, 1-5. */
  rank: number;
  /** Lower-cased first word of the header: cluster, node, nodearray, configuration, parameters, parameter, network-interface, volume, cluster-init, list, ... */
  kind: string;
  /** The rest of the header, trimmed; null for unnamed sections like `[[[configuration]]]`. */
  name: string | null;
  line: number;
  attributes: Attribute[];
  children: Section[];
}

export interface Parameter {
  /** Name as declared. Look up with lower-case: `$Subnetid` refers to `[[[parameter SubnetId]]]`. */
  name: string;
  line: number;
  type?: string;
  label?: string;
  defaultValue?: Value;
  /** `--param` override applied, if any. */
  override?: Value;
}

/** A value after `$Param` substitution. `depends` carries the parameters the result hangs on. */
export type ResolvedValue =
  | { kind: 'boolean'; value: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'undefined' }
  | { kind: 'depends'; expr: string; params: string[] };

export interface EffectiveAttribute {
  key: string;
  raw: string;
  operator: '=' | ':=';
  value: ResolvedValue;
  /** Parameters that fed this value (`$ReturnProxy` -> ["ReturnProxy"]), whether resolved or not. */
  params: string[];
  /** The line the value came from, possibly in `[[node defaults]]` or an Extends parent. */
  line: number;
  /** Where it came from: "defaults", the parent's name, or "own". */
  origin: string;
}

export interface ResolvedNode {
  name: string;
  kind: 'node' | 'nodearray';
  line: number;
  abstract: boolean;
  /** Effective attributes keyed by lower-cased path: `isreturnproxy`, `network-interface eth0/associatepublicipaddress`, `configuration/slurm.role`. */
  attributes: Map<string, EffectiveAttribute>;
  /** Names from `Extends`, in order. */
  extends: string[];
}

export interface ParsedTemplate {
  sections: Section[];
  /** Keyed by lower-cased parameter name. */
  parameters: Map<string, Parameter>;
  cluster: {
    name: string | null;
    line: number | null;
    nodes: ResolvedNode[];
    /** `[[node defaults]]` on its own (origin "defaults"), keyed like a node; it is not one of `nodes`. */
    defaults: ResolvedNode | null;
  };
  /** Parse and resolve problems, each with a line where one applies. */
  findings: Finding[];
}

export interface ParseOptions {
  /** `--param Name=value` overrides, by name (case-insensitive). */
  params?: Record<string, string>;
}
