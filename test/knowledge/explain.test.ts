// `explain`: topics by id or alias, rule ids, symptom ids and pasted errors; unknown text lists what exists.
import { describe, expect, it } from 'vitest';
import { SYMPTOM_FACTS } from '../../knowledge/facts/symptoms.ts';
import { explain, listTopics, TEMPLATE_RULES } from '../../knowledge/index.ts';

const REQUIRED_TOPICS = [
  'ports',
  'return-proxy',
  'peering',
  'hub-and-spoke',
  'vpn',
  'bastion',
  'nsg',
  'locked-down',
  'http-proxy',
  'private-endpoints',
  'dns',
  'storage',
  'logs',
  'versions',
];

describe('listTopics', () => {
  it('lists at least the required topics, each with a title and a summary', () => {
    const topics = listTopics();
    expect(topics.map((t) => t.id)).toEqual(expect.arrayContaining(REQUIRED_TOPICS));
    for (const t of topics) {
      expect(t.title.length).toBeGreaterThan(0);
      expect(t.summary.length).toBeGreaterThan(0);
    }
  });
});

describe('explain a topic', () => {
  it.each(REQUIRED_TOPICS)('%s has sections and references', (id) => {
    const e = explain(id);
    expect(e.kind).toBe('topic');
    expect(e.sections.length).toBeGreaterThan(1);
    expect(e.sections.every((s) => s.lines.length > 0)).toBe(true);
    expect(e.references.length).toBeGreaterThan(0);
  });

  it('finds topics by alias, casing and spacing', () => {
    expect(explain('ExpressRoute').title).toBe(explain('vpn').title);
    expect(explain('  Return Proxy ').title).toBe(explain('return-proxy').title);
    expect(explain('jump box').title).toBe(explain('bastion').title);
    expect(explain('egress').title).toBe(explain('locked-down').title);
    expect(explain('cc7').title).toBe(explain('versions').title);
  });

  it('finds a topic named in a short question', () => {
    expect(explain('how does peering work').title).toBe(explain('peering').title);
  });

  it('gives ready-to-paste snippets where the topic has commands', () => {
    expect(
      explain('peering')
        .snippets.map((s) => s.code)
        .join('\n'),
    ).toContain('az network vnet peering create');
    expect(
      explain('return-proxy').snippets.some(
        (s) => s.language === 'ini' && s.code.includes('IsReturnProxy = true'),
      ),
    ).toBe(true);
    expect(
      explain('versions')
        .sections.flatMap((s) => s.lines)
        .join('\n'),
    ).toContain('2023-09-30');
  });
});

describe('explain a rule', () => {
  it.each(TEMPLATE_RULES.map((r) => r.id))('%s', (id) => {
    const e = explain(id.toLowerCase());
    expect(e.kind).toBe('rule');
    expect(e.title).toContain(id);
    expect(e.sections.map((s) => s.heading)).toEqual(['Severity', 'What it catches', 'Fix']);
  });

  it('cites the documents behind an evaluator rule', () => {
    expect(explain('CCN003').references.map((r) => r.source)).toContain('RP');
  });
});

describe('explain a symptom', () => {
  it.each(SYMPTOM_FACTS.map((f) => f.id))('by id: %s', (id) => {
    const e = explain(id);
    expect(e.kind).toBe('symptom');
    expect(e.symptom?.id).toBe(id);
    expect(e.sections.map((s) => s.heading)).toEqual(expect.arrayContaining(['Message', 'Cause', 'Checks']));
  });

  it('an error message wins over the topic it names', () => {
    expect(explain('Unable to setup return proxy').kind).toBe('symptom');
  });

  it('by pasted text, with a curl to the URL from the text', () => {
    const e = explain('Timed out connecting to CycleCloud at https://10.0.0.4:9443');
    expect(e.kind).toBe('symptom');
    expect(e.snippets[0]?.code).toContain('TARGET_URL="https://10.0.0.4:9443"  # from the pasted message');
    expect(e.snippets[0]?.code).toContain('curl -k -m 10 "$TARGET_URL"');
    expect(e.sections.find((s) => s.heading === 'From your text')?.lines).toContain('Port: 9443');
    expect(e.snippets.some((s) => s.code.includes('/opt/cycle/jetpack/logs/jetpack.log'))).toBe(true);
  });
});

describe('explain anything else', () => {
  it.each(['kubernetes ingress', ''])('%j is unknown and lists topics, messages and rules', (text) => {
    const e = explain(text);
    expect(e.kind).toBe('unknown');
    // Unknown text may still be an error: the general checklist, never a guessed match.
    if (text === '') expect(e.symptom).toBeUndefined();
    else expect(e.symptom).toMatchObject({ recognised: false, id: 'unrecognised' });
    if (text !== '') expect(e.symptom?.checks.length).toBeGreaterThan(3);
    const headings = e.sections.map((s) => s.heading);
    expect(headings).toEqual(['Topics', 'Error messages', 'Rules']);
    expect(e.sections[0]?.lines.some((l) => l.startsWith('return-proxy:'))).toBe(true);
  });

  // Pasted error text nobody recognises gets the general checklist and one line on where the catalogue is: the
  // whole catalogue (a hundred lines) under it buried the checklist.
  it.each([
    // GoogleCloudPlatform/cluster-toolkit#1600: slurm.conf has no NodeName for this host (not a network failure).
    "slurmd: fatal: Unable to determine this slurmd's NodeName",
    // Azure/cyclecloud-pbspro#13: a jetpack configuration error, not a network one.
    'ConfigError: An unknown error occurred while processing the configuration data file.',
  ])('pasted error text %j gets the checklist and a pointer, not the catalogue', (text) => {
    const e = explain(text);
    expect(e.kind).toBe('unknown');
    expect(e.symptom).toMatchObject({ recognised: false, id: 'unrecognised' });
    expect(e.symptom?.checks.length).toBeGreaterThan(3);
    expect(e.sections.map((s) => s.heading)).toEqual(['What ccnet can explain']);
    expect(e.sections[0]?.lines.join(' ')).toContain('explain with no text lists every topic');
  });

  it('quotes a one-line text on one line, and counts the lines of a longer paste', () => {
    expect(explain('ConfigError:\t An   unknown error').title).toBe(
      '"ConfigError: An unknown error" is not a topic, a rule or an error message ccnet knows',
    );
    expect(explain('Traceback (most recent call last):\n\n  raise ConfigError(UNKNOWN_ERROR)\n').title).toBe(
      'No error message ccnet knows in these 2 lines',
    );
  });
});
