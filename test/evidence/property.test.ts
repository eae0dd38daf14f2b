// Properties of the evaluator that hold for any rules: the file order of rules, a rule that cannot match, and
// whether the export lists Azure's default rules never change a verdict; az and REST shapes agree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decided, indexOf, toRestShape, verdict } from './support.ts';
import { type RuleSpec, type WorldSpec, worldFiles } from './world.ts';

const cidr = fc.constantFrom(
  '10.0.1.0/24',
  '10.0.1.0/25',
  '10.0.2.0/24',
  '10.0.2.4',
  '10.0.0.0/16',
  '10.0.1.128/26',
  '52.10.0.0/16',
  '192.168.0.0/16',
  '0.0.0.0/0',
);
const address = fc.oneof(
  cidr,
  fc.constantFrom('*', '*', 'VirtualNetwork', 'VirtualNetwork', 'Internet', 'AzureLoadBalancer'),
);
const port = fc.oneof(
  fc.constantFrom('*', '22', '443', '9443', '8000-9000', '1-1024'),
  fc.integer({ min: 1, max: 65535 }).map(String),
  fc.tuple(fc.constantFrom('22', '443'), fc.constantFrom('9443', '37140')).map(([a, b]) => [a, b]),
);

const ruleList = fc
  .uniqueArray(
    fc.record({
      priority: fc.integer({ min: 100, max: 4096 }),
      direction: fc.constantFrom('Inbound' as const, 'Outbound' as const),
      access: fc.constantFrom('Allow' as const, 'Deny' as const),
      protocol: fc.constantFrom('Tcp', '*', 'Tcp', 'Udp', 'Icmp'),
      source: address,
      destination: address,
      port,
    }),
    { selector: (r) => `${r.direction}${r.priority}`, minLength: 4, maxLength: 16 },
  )
  .map((rules) => rules.map((r, i): RuleSpec => ({ ...r, name: `r${i}` })));

const flow = fc.record({
  src: fc.constantFrom('10.0.1.4', '10.0.1.200', '10.0.2.5', '52.10.3.4', '192.168.1.1', 'a1', 'lab/a'),
  dst: fc.constantFrom('10.0.2.4', '10.0.2.5', '10.0.1.4', 'b1', '93.184.216.34'),
  port: fc.constantFrom(22, 443, 9443, 8500, 37140, 1024),
  protocol: fc.constantFrom('tcp', 'udp'),
});

function spec(a: RuleSpec[], b: RuleSpec[], withDefaults = false): WorldSpec {
  return {
    nsgs: { 'nsg-a': a, 'nsg-b': b },
    attach: { 'nsg-a': 'subnet:a', 'nsg-b': 'nic:b1' },
    withDefaults,
  };
}

type Flow = { src: string; dst: string; port: number; protocol: string };
const text = (f: Flow) => `${f.src},${f.dst},${f.port},${f.protocol}`;
const outcome = (files: Record<string, string>, f: Flow) => {
  const v = verdict(indexOf(files), text(f));
  return `${decided(v)} | ${v.verdict === 'unknown' ? v.reason : ''}`;
};

describe('verdicts do not depend on how the rules are written down', () => {
  it('shuffling the rules in the file never changes a verdict', () => {
    fc.assert(
      fc.property(ruleList, ruleList, flow, fc.integer(), (a, b, f, seed) => {
        const shuffle = (list: RuleSpec[]) =>
          [...list].sort((x, y) => ((x.priority * 7919 + seed) % 101) - ((y.priority * 7919 + seed) % 101));
        expect(outcome(worldFiles(spec(shuffle(a), shuffle(b))), f)).toBe(outcome(worldFiles(spec(a, b)), f));
      }),
      { numRuns: 150 },
    );
  });

  it('adding a rule that cannot match the flow, at any free priority, never changes a verdict', () => {
    fc.assert(
      fc.property(
        ruleList,
        ruleList,
        flow,
        fc.integer({ min: 100, max: 4096 }),
        fc.boolean(),
        (a, b, f, priority, deny) => {
          const other = f.port - 1;
          const taken = new Set([...a, ...b].map((r) => r.priority));
          if (taken.has(priority)) return;
          const extra = (direction: 'Inbound' | 'Outbound'): RuleSpec => ({
            name: 'never-matches',
            priority,
            direction,
            access: deny ? 'Deny' : 'Allow',
            protocol: f.protocol === 'tcp' ? 'Tcp' : 'Udp',
            port: String(other),
          });
          const before = outcome(worldFiles(spec(a, b)), f);
          expect(outcome(worldFiles(spec([...a, extra('Outbound')], [...b, extra('Inbound')])), f)).toBe(
            before,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('an export with or without the default rules gives the same verdict', () => {
    fc.assert(
      fc.property(ruleList, ruleList, flow, (a, b, f) => {
        expect(outcome(worldFiles(spec(a, b, true)), f)).toBe(outcome(worldFiles(spec(a, b, false)), f));
      }),
      { numRuns: 150 },
    );
  });

  it('the az shape and the REST shape of the same resources give the same verdicts', () => {
    fc.assert(
      fc.property(ruleList, ruleList, flow, (a, b, f) => {
        const az = worldFiles(spec(a, b, true));
        const rest = Object.fromEntries(
          Object.entries(az).map(([k, v]) => [k, JSON.stringify(toRestShape(JSON.parse(v)))]),
        );
        expect(outcome(rest, f)).toBe(outcome(az, f));
      }),
      { numRuns: 150 },
    );
  });
});
