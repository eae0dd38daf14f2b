// The template parser's own rules (CCN101-CCN122). Severity is `error` only where the file cannot be understood;
// every corpus template parses with no error. The README rules table and `ccnet explain` list this table.
import type { Severity } from '../model.ts';

export interface TemplateRule {
  id: string;
  severity: Severity;
  title: string;
  /** What the rule catches, in one sentence. */
  catches: string;
  /** How to fix it, in one sentence; findings use it unless they have a more precise fix. */
  fix: string;
}

export const PARSER_RULES = [
  {
    id: 'CCN101',
    severity: 'error',
    title: 'Malformed section header',
    catches:
      'A header line whose opening and closing brackets do not match, that has no closing bracket, is empty, or has text after the closing brackets.',
    fix: 'Write the header as `[[node name]]`: the same number of `[` and `]`, and nothing after them but a `#` comment.',
  },
  {
    id: 'CCN102',
    severity: 'error',
    title: 'Unterminated multi-line value',
    catches:
      'A value opened with \'\'\' or """ that is never closed, so the rest of the file would become text.',
    fix: 'Close the value with the same three quotes it was opened with (\'\'\' or """).',
  },
  {
    id: 'CCN103',
    severity: 'warning',
    title: 'Line not understood',
    catches:
      'A line that is not a section header, a `Key = value` attribute, a `#` comment or blank; it is ignored.',
    fix: 'Turn the line into `Key = value`, comment it out with `#`, or delete it.',
  },
  {
    id: 'CCN104',
    severity: 'warning',
    title: 'Attribute before any section',
    catches: 'A `Key = value` line above the first section header; it belongs to nothing and is ignored.',
    fix: 'Move the attribute under the section it configures, e.g. below `[cluster name]`.',
  },
  {
    id: 'CCN105',
    severity: 'warning',
    title: 'Several clusters in one file',
    catches: 'More than one `[cluster]` section; ccnet analyses only the first.',
    fix: 'Keep one `[cluster]` per file, or check each cluster from its own file.',
  },
  {
    id: 'CCN106',
    severity: 'error',
    title: 'No cluster section',
    catches: 'The file has no `[cluster name]` section, so there are no nodes to analyse.',
    fix: 'Upload the cluster template itself: it starts with a `[cluster name]` header followed by `[[node …]]` sections.',
  },
  {
    id: 'CCN107',
    severity: 'error',
    title: 'Empty template',
    catches: 'The file is empty or holds only whitespace.',
    fix: 'Upload the cluster template file (the one you pass to `cyclecloud import_template`).',
  },
  {
    id: 'CCN108',
    severity: 'error',
    title: 'Not a text file',
    catches: 'The file contains NUL bytes or is mostly non-text characters, so it is not a cluster template.',
    fix: 'Upload the plain-text cluster template (.txt), not an archive, image or compiled file.',
  },
  {
    id: 'CCN109',
    severity: 'warning',
    title: 'Extends names an unknown node',
    catches:
      '`Extends = x` where the cluster has no `[[node x]]` or `[[nodearray x]]`; nothing is inherited from it.',
    fix: 'Correct the name in `Extends`, or add the node it should inherit from.',
  },
  {
    id: 'CCN110',
    severity: 'warning',
    title: 'Extends cycle',
    catches: 'Nodes that extend each other in a loop; the link that closes the loop is ignored.',
    fix: 'Remove one `Extends` in the loop so inheritance flows one way, e.g. through an `Abstract = true` base node.',
  },
  {
    id: 'CCN111',
    severity: 'warning',
    title: 'Reference to an undeclared parameter',
    catches:
      '`$Name` where the file declares no `[[[parameter Name]]]` (names compare case-insensitively; `$ClusterName` is built in), so its value is unknown unless supplied from outside.',
    fix: 'Declare the parameter with a `DefaultValue`, or pass its value with `--param Name=value`.',
  },
  {
    id: 'CCN112',
    severity: 'warning',
    title: 'Duplicate node name',
    catches:
      'Two `[[node]]`/`[[nodearray]]` sections with the same name; sections of the same kind are merged.',
    fix: 'Give every node and nodearray its own name.',
  },
  {
    id: 'CCN113',
    severity: 'error',
    title: 'Section nested too deep',
    catches:
      'A header with more than five brackets; templates nest at most five levels, so the section is ignored.',
    fix: 'Use one to five brackets: `[cluster]`, `[[node]]`, `[[[configuration]]]`, … `[[[[[parameter]]]]]`.',
  },
  {
    id: 'CCN114',
    severity: 'warning',
    title: 'Section out of place',
    catches: 'A section with no enclosing section of lower rank (e.g. `[[node x]]` before any `[cluster]`).',
    fix: 'Put the section under its parent: nodes under `[cluster]`, `[[[configuration]]]` under a node.',
  },
  {
    id: 'CCN115',
    severity: 'warning',
    title: 'Inheritance too large to resolve',
    catches:
      'Extends chains so deep or wide that resolving them would take unbounded time; the rest is not inherited.',
    fix: 'Flatten the inheritance: one `[[node defaults]]` and shallow `Extends` chains.',
  },
  {
    id: 'CCN116',
    severity: 'warning',
    title: 'Override for an unknown parameter',
    catches: 'A `--param Name=value` override whose name the template neither declares nor references.',
    fix: 'Check the spelling against the `[[[parameter …]]]` names in the template.',
  },
  {
    id: 'CCN117',
    severity: 'info',
    title: 'Key repeated in a node',
    catches:
      'The same key set twice in one node, nodearray or `[[node defaults]]` (or in one of their sub-sections); the later value wins.',
    fix: 'Delete the earlier line so the section says what it means once.',
  },
  {
    id: 'CCN118',
    severity: 'warning',
    title: 'Node without a name',
    catches: 'A `[[node]]` or `[[nodearray]]` header with no name; it cannot be referenced and is skipped.',
    fix: 'Name the section: `[[node scheduler]]`.',
  },
  {
    id: 'CCN119',
    severity: 'error',
    title: 'Template could not be read',
    catches: 'An unexpected failure while reading the template (for example options that cannot be read).',
    fix: 'Check the file and the --param options; if they look right, report the template that triggers this.',
  },
  {
    id: 'CCN120',
    severity: 'warning',
    title: 'Suppression that suppresses nothing',
    catches:
      'A `# ccnet-disable-next-line` or `# ccnet-disable` comment naming a rule that reports nothing where it points, so the comment is stale.',
    fix: 'Delete the comment, or name the rule that actually reports on that line.',
  },
  {
    id: 'CCN121',
    severity: 'warning',
    title: 'Suppression ccnet cannot read',
    catches:
      'A `# ccnet-disable…` comment without a rule id, or naming an id that is not a ccnet rule, so it suppresses nothing.',
    fix: 'Write `# ccnet-disable-next-line CCN004 -- reason` (or `# ccnet-disable CCN005` for the whole file) with real rule ids.',
  },
  {
    id: 'CCN122',
    severity: 'warning',
    title: 'Bytes that are not UTF-8',
    catches:
      'Bytes that are not valid UTF-8 (a file saved as Windows-1252 or Latin-1); ccnet reads each as \u201c\ufffd\u201d, so names or values there may be wrong.',
    fix: 'Save the file as UTF-8 (e.g. `iconv -f windows-1252 -t utf-8 cluster.txt > cluster-utf8.txt`) and check the line.',
  },
] as const satisfies readonly TemplateRule[];

export type ParserRuleId = (typeof PARSER_RULES)[number]['id'];

/** Rule by id; ids are typed, so every lookup finds its rule. */
export const PARSER_RULE_BY_ID = Object.fromEntries(PARSER_RULES.map((r) => [r.id, r])) as Record<
  ParserRuleId,
  TemplateRule
>;
