// One worked example per template reading rule (CCN101-CCN122), shown on its page and by `ccnet explain`: a small
// template that triggers the rule, the exact line `ccnet check --format compact` prints, and the corrected template.
// test/docs/rule-examples.test.ts runs the real linter on every example, so a page cannot show what ccnet does not print.

/** One run of `ccnet check cluster.txt --format compact [options]`. */
export interface ExampleRun {
  /** The content of cluster.txt. */
  template: string;
  /** What the page prints instead of a file too long to print whole; lines left out are `…`. */
  shown?: string;
  /** What the page says instead of a file that cannot be printed (empty, binary). */
  described?: string;
  /** Options the example needs after the file name: situation flags or `--param` overrides. */
  options?: readonly string[];
}

export interface RuleExample {
  /** Said before the template, where the template alone does not tell the story. */
  note?: string;
  trigger: ExampleRun;
  /** The line `ccnet check cluster.txt --format compact` prints for the rule, exactly. */
  finding: string;
  /** Lines of other rules the same template always raises too, in the order ccnet prints them after `finding`. */
  alongside?: readonly string[];
  /** The corrected run, which reports no problem at all; or why nothing in the template fixes it. */
  fixed: (ExampleRun & { note?: string }) | { none: string };
  /** Only where no input is known to trigger the rule: the test makes the parser fail with this error instead. */
  simulatedFailure?: string;
}

/** A template from its lines, so the examples read like the files people check. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

const CLUSTER = '[cluster hpc]';
const SCHEDULER = '  [[node scheduler]]';
const UBUNTU = '  ImageName = cycle.image.ubuntu22';
const CLEAN = lines(CLUSTER, SCHEDULER, UBUNTU);
const WITH_SUBNET_PARAMETER = lines(
  CLUSTER,
  SCHEDULER,
  UBUNTU,
  '  SubnetId = $SubnetId',
  '[parameters Networking]',
  '  [[parameters Network]]',
  '    [[[parameter SubnetId]]]',
  '    DefaultValue = hpc-rg/hpc-vnet/compute',
);

// CCN115 needs more than a million inherited attribute copies: 1,001 nodes extending a node with 1,000 attributes.
const SHARED_KEYS = Array.from({ length: 1_000 }, (_, i) => `  Setting${i + 1} = ${i + 1}`);
const NODES = Array.from({ length: 1_001 }, (_, i) => `  [[node n${i + 1}]]`);
const WIDE_INHERITANCE = lines(
  CLUSTER,
  '  [[node base]]',
  ...SHARED_KEYS,
  ...NODES.flatMap((node) => [node, '  Extends = base']),
);
const FROM_DEFAULTS = lines(CLUSTER, '  [[node defaults]]', ...SHARED_KEYS, ...NODES);

export const PARSER_RULE_EXAMPLES: Record<string, RuleExample> = {
  CCN101: {
    trigger: { template: lines(CLUSTER, '  [[node scheduler]', UBUNTU) },
    finding:
      'cluster.txt:2:3: error: Unbalanced brackets in header "[[node scheduler]" on line 2: 2 opening, 1 closing (read as rank 2). [CCN101]',
    fixed: { template: CLEAN },
  },
  CCN102: {
    trigger: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        "  Description = '''The head node",
        '  [[nodearray execute]]',
      ),
    },
    finding:
      "cluster.txt:4:3: error: The ''' value opened on line 4 is never closed; only the rest of line 4 was read as its value. [CCN102]",
    fixed: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        "  Description = '''The head node'''",
        '  [[nodearray execute]]',
      ),
    },
  },
  CCN103: {
    trigger: { template: lines(CLUSTER, SCHEDULER, '  ImageName cycle.image.ubuntu22') },
    finding:
      'cluster.txt:3:3: warning: Line 3 is not a header, an attribute or a comment: "ImageName cycle.image.ubuntu22". [CCN103]',
    fixed: { template: CLEAN },
  },
  CCN104: {
    trigger: { template: lines('Autoscale = true', CLUSTER, SCHEDULER, UBUNTU) },
    finding: 'cluster.txt:1:1: warning: Attribute "Autoscale" on line 1 comes before any section. [CCN104]',
    fixed: { template: lines(CLUSTER, '  Autoscale = true', SCHEDULER, UBUNTU) },
  },
  CCN105: {
    trigger: { template: lines(CLUSTER, SCHEDULER, UBUNTU, '', '[cluster gpu]', SCHEDULER, UBUNTU) },
    finding:
      'cluster.txt:5:1: warning: The file has 2 [cluster] sections (lines 1, 5); only [cluster hpc] on line 1 is analysed. [CCN105]',
    fixed: { template: CLEAN, note: 'the second cluster moves to a file of its own' },
  },
  CCN106: {
    note: 'A parameters file checked on its own, without the cluster it belongs to:',
    trigger: {
      template: lines(
        '[parameters About]',
        '  [[parameters Cluster]]',
        '    [[[parameter Region]]]',
        '    DefaultValue = eastus',
      ),
    },
    finding:
      'cluster.txt:1:1: error: The file has no [cluster name] section, so it describes no nodes. [CCN106]',
    fixed: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '  Region = $Region',
        '[parameters About]',
        '  [[parameters Cluster]]',
        '    [[[parameter Region]]]',
        '    DefaultValue = eastus',
      ),
    },
  },
  CCN107: {
    trigger: { template: '', described: '`cluster.txt` is empty (0 bytes).' },
    finding: 'cluster.txt:1:1: error: The template is empty. [CCN107]',
    fixed: { template: CLEAN },
  },
  CCN108: {
    trigger: {
      template: 'PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000cluster.txt\u0000\u0000',
      described:
        '`cluster.txt` is a zip archive renamed; it starts with the bytes `50 4b 03 04 14 00 00 00 08 00` (NUL bytes among them).',
    },
    finding:
      'cluster.txt:1:1: error: The file is not text (it contains NUL bytes or is mostly unreadable characters). [CCN108]',
    fixed: { template: CLEAN, note: 'the plain-text template taken out of the archive' },
  },
  CCN109: {
    trigger: {
      template: lines(CLUSTER, SCHEDULER, UBUNTU, '  [[nodearray execute]]', '  Extends = schedular'),
    },
    finding:
      'cluster.txt:5:3: warning: execute extends "schedular", but the cluster has no node or nodearray of that name. [CCN109]',
    fixed: {
      template: lines(CLUSTER, SCHEDULER, UBUNTU, '  [[nodearray execute]]', '  Extends = scheduler'),
    },
  },
  CCN110: {
    trigger: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        '  Extends = login',
        UBUNTU,
        '  [[node login]]',
        '  Extends = scheduler',
      ),
    },
    finding:
      'cluster.txt:6:3: warning: Extends cycle: scheduler → login → scheduler; login does not inherit from scheduler. [CCN110]',
    fixed: {
      template: lines(
        CLUSTER,
        '  [[node base]]',
        '  Abstract = true',
        UBUNTU,
        SCHEDULER,
        '  Extends = base',
        '  [[node login]]',
        '  Extends = base',
      ),
    },
  },
  CCN111: {
    trigger: { template: lines(CLUSTER, SCHEDULER, UBUNTU, '  SubnetId = $SubnetId') },
    finding:
      'cluster.txt:4:3: warning: $SubnetId on line 4 names no parameter declared in this file, so its value is unknown here. [CCN111]',
    fixed: { template: WITH_SUBNET_PARAMETER },
  },
  CCN112: {
    trigger: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '  [[nodearray execute]]',
        '  MaxCount = 10',
        '  [[nodearray execute]]',
        '  MachineType = Standard_NC24ads_A100_v4',
      ),
    },
    finding:
      'cluster.txt:6:3: warning: [[nodearray execute]] on line 6 repeats the one on line 4; their attributes are merged and later values win. [CCN112]',
    fixed: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '  [[nodearray execute]]',
        '  MaxCount = 10',
        '  [[nodearray gpu]]',
        '  MachineType = Standard_NC24ads_A100_v4',
      ),
    },
  },
  CCN113: {
    trigger: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '[parameters About]',
        '  [[parameters Cluster]]',
        '      [[[[[[parameter Region]]]]]]',
        '      DefaultValue = eastus',
      ),
    },
    finding:
      'cluster.txt:6:7: error: Header on line 6 has 6 opening brackets; templates nest at most 5. [CCN113]',
    fixed: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '[parameters About]',
        '  [[parameters Cluster]]',
        '    [[[parameter Region]]]',
        '    DefaultValue = eastus',
      ),
    },
  },
  CCN114: {
    trigger: { template: lines('[[node scheduler]]', UBUNTU, CLUSTER) },
    finding:
      'cluster.txt:1:1: warning: Section [node scheduler] on line 1 has no enclosing section of lower rank. [CCN114]',
    fixed: { template: CLEAN },
  },
  CCN115: {
    note: 'No small template reaches the limit: this one has 1,001 nodes that each extend a node with 1,000 attributes, more than a million inherited copies. Lines 3-1002 are `Setting1 = 1` … `Setting1000 = 1000`.',
    trigger: {
      template: WIDE_INHERITANCE,
      shown: lines(
        CLUSTER,
        '  [[node base]]',
        '  Setting1 = 1',
        '  …',
        '  Setting1000 = 1000',
        '  [[node n1]]',
        '  Extends = base',
        '  …',
        '  [[node n1001]]',
        '  Extends = base',
      ),
    },
    finding:
      'cluster.txt:3003:3: warning: Inheritance is too large to resolve from n1001 on: more than 1000000 inherited attributes; later nodes keep only their own attributes and the defaults. [CCN115]',
    fixed: {
      note: 'the shared attributes move to `[[node defaults]]`, which every node gets without an Extends',
      template: FROM_DEFAULTS,
      shown: lines(
        CLUSTER,
        '  [[node defaults]]',
        '  Setting1 = 1',
        '  …',
        '  Setting1000 = 1000',
        '  [[node n1]]',
        '  …',
        '  [[node n1001]]',
      ),
    },
  },
  CCN116: {
    note: 'The parameter is SubnetId, but the override spells it Subnet:',
    trigger: { template: WITH_SUBNET_PARAMETER, options: ['--param', 'Subnet=hpc-rg/hpc-vnet/gpu'] },
    finding:
      'cluster.txt:1:1: warning: --param subnet names no parameter this template declares or references. [CCN116]',
    fixed: { template: WITH_SUBNET_PARAMETER, options: ['--param', 'SubnetId=hpc-rg/hpc-vnet/gpu'] },
  },
  CCN117: {
    trigger: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        UBUNTU,
        '  MachineType = Standard_D4s_v5',
        '  MachineType = Standard_D8s_v5',
      ),
    },
    finding:
      'cluster.txt:5:3: info: MachineType is set on line 4 and again on line 5 in [[node scheduler]]; the later value wins. [CCN117]',
    fixed: { template: lines(CLUSTER, SCHEDULER, UBUNTU, '  MachineType = Standard_D8s_v5') },
  },
  CCN118: {
    trigger: { template: lines(CLUSTER, SCHEDULER, UBUNTU, '  [[nodearray]]', '  MaxCount = 10') },
    finding: 'cluster.txt:4:3: warning: [[nodearray]] on line 4 has no name and is skipped. [CCN118]',
    fixed: { template: lines(CLUSTER, SCHEDULER, UBUNTU, '  [[nodearray execute]]', '  MaxCount = 10') },
  },
  CCN119: {
    note: "No template is known to trigger CCN119: it is the parser's safety net, so that a bug in ccnet shows up as one finding instead of a crash. If ccnet's parser ever failed on this template (here with a stack overflow; ccnet's tests make it fail on purpose), the report would be:",
    trigger: { template: CLEAN },
    simulatedFailure: 'Maximum call stack size exceeded',
    finding:
      'cluster.txt:1:1: error: The template could not be read: Maximum call stack size exceeded. [CCN119]',
    fixed: {
      none: 'the template is not at fault. Report it to the ccnet maintainers with the template and the `ccnet check` command; until it is fixed, `--rule CCN119=off` lets the rest of the build run.',
    },
  },
  CCN120: {
    trigger: {
      template: lines(CLUSTER, SCHEDULER, '  # ccnet-disable-next-line CCN103 -- the old image line', UBUNTU),
    },
    finding:
      'cluster.txt:3:3: warning: # ccnet-disable-next-line CCN103 on line 3 suppresses nothing: CCN103 reports nothing on line 4. [CCN120]',
    fixed: { template: CLEAN, note: 'the stale comment is gone' },
  },
  CCN121: {
    trigger: {
      template: lines(
        CLUSTER,
        SCHEDULER,
        '  # ccnet-disable-next-line -- the image is pinned on purpose',
        UBUNTU,
      ),
    },
    finding:
      'cluster.txt:3:3: warning: # ccnet-disable-next-line on line 3 names no rule, so it suppresses nothing. [CCN121]',
    fixed: {
      template: CLEAN,
      note: 'the comment is gone: nothing on the next line needs silencing (naming a rule that reports nothing there would be CCN120)',
    },
  },
  CCN122: {
    note: '`cluster.txt` was saved as Windows-1252: line 3 holds the byte `fc` (ü), which is not UTF-8; it is shown here as ccnet reads it, `�`.',
    trigger: {
      template: lines(CLUSTER, SCHEDULER, '  # Kopf-Knoten f\ufffdr Slurm', UBUNTU),
    },
    finding:
      'cluster.txt:3:3: warning: Line 3 holds bytes that are not UTF-8, read as \u201c\ufffd\u201d; a name or value there may not be what the file says. [CCN122]',
    fixed: {
      template: lines(CLUSTER, SCHEDULER, '  # Kopf-Knoten f\u00fcr Slurm', UBUNTU),
      note: 'the file saved as UTF-8',
    },
  },
};
