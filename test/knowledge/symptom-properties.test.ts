// Properties of the matcher the fuzz and acceptance suites lean on: any text gives a valid reply and never throws;
// a recognised message keeps its meaning when the addresses, ports, paths, timestamps and log prefixes around it
// change; a known message buried in 500 lines of noise is still found, on its line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYMPTOM_FACTS } from '../../knowledge/facts/symptoms.ts';
import { explain, matchSymptom, SymptomMatchSchema } from '../../knowledge/index.ts';

const octet = fc.integer({ min: 1, max: 254 });
const privateIp = fc.tuple(octet, octet, octet).map(([b, c, d]) => `10.${b}.${c}.${d}`);
const label = fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/);
const port = fc.integer({ min: 1024, max: 65000 });
const timestamp = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const path = fc.array(label, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);

/** A log prefix as jetpack, syslog, chef and Ansible print them. */
const prefix = fc.oneof(
  timestamp.map((t) => `${t.replace('T', ' ').slice(0, 23)} ERROR jetpack [MainThread] `),
  fc
    .tuple(label, fc.integer({ min: 100, max: 99999 }))
    .map(([h, pid]) => `Mar  2 14:07:31 ${h} slurmd[${pid}]: `),
  timestamp.map((t) => `[${t}] ERROR: `),
  label.map((h) => `fatal: [${h}]: FAILED! => `),
  fc.constant(''),
);

/** A line with no error in it: what healthy logs print around the failure. */
const noiseLine = fc.oneof(
  fc.tuple(timestamp, label, path).map(([t, w, p]) => `${t} INFO ${w}: reading ${p}/config.json`),
  fc
    .tuple(privateIp, port)
    .map(([ip, pt]) => `DEBUG sending status to https://${ip}:${pt}/cyclecloud (retries=3)`),
  label.map((w) => `Setting up ${w} (1.2.3-1ubuntu1) ...`),
  fc.tuple(label, label).map(([a, b]) => `Get:1 http://${a}.example.org/ubuntu ${b} InRelease [270 kB]`),
  label.map((w) => `TASK [${w} : Install packages] ***********************`),
  fc.tuple(label, fc.integer({ min: 1, max: 999 })).map(([w, n]) => `ok: [${w}] => changed=${n % 2 === 0}`),
);

/** Messages with addresses in them, and what may vary without changing what they are about. */
const TEMPLATES: Record<string, fc.Arbitrary<string>> = {
  'known, direct to CycleCloud': fc
    .tuple(privateIp, path)
    .map(([ip, p]) => `Timed out connecting to CycleCloud at https://${ip}:9443${p}`),
  'known, return proxy tunnel': fc
    .tuple(privateIp)
    .map(([ip]) => `Connection refused to CycleCloud through return-proxy tunnel at https://${ip}:37140`),
  'class, cluster name': fc
    .tuple(label, fc.integer({ min: 1, max: 99 }))
    .map(([c, n]) => `slurm_set_addr: Unable to resolve "${c}-hpc-pg0-${n}": Name or service not known`),
  'class, storage account': fc
    .tuple(label, path)
    .map(
      ([a, p]) =>
        `HTTPSConnectionPool(host='${a}.blob.core.windows.net', port=443): Max retries exceeded with url: ${p} (Caused by NewConnectionError('Failed to establish a new connection: [Errno 110] Connection timed out'))`,
    ),
  'class, package host 503': fc
    .tuple(path)
    .map(
      ([p]) => `E: Failed to fetch https://packages.microsoft.com${p}/InRelease  503  Service Unavailable`,
    ),
  'class, subnet join': fc
    .tuple(label, label)
    .map(
      ([rg, vnet]) =>
        `AuthorizationFailed: The client 'x' with object id 'x' does not have authorization to perform action 'Microsoft.Network/virtualNetworks/subnets/join/action' over scope '/subscriptions/1/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/compute'`,
    ),
  'class, IMDS through a proxy': fc
    .tuple(port)
    .map(
      ([pt]) =>
        `* Uses proxy env variable http_proxy == 'http://proxy.corp:${pt}'\n< HTTP/1.1 502 Bad Gateway from 169.254.169.254`,
    ),
};

function meaning(text: string) {
  const m = matchSymptom(text);
  return { layer: m.layer, id: m.id, errorClass: m.errorClass, link: m.link, causeKey: m.causeKey };
}

describe('any text', () => {
  it('gives a valid match and an explanation, never a throw', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.array(fc.string({ unit: 'grapheme', maxLength: 120 }), { maxLength: 40 }).map((l) => l.join('\n')),
      fc
        .array(fc.oneof(noiseLine, fc.constantFrom(...Object.keys(TEMPLATES))), { maxLength: 30 })
        .map((l) => l.join('\r\n')),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(SymptomMatchSchema.safeParse(matchSymptom(t)).success).toBe(true);
        expect(typeof explain(t).title).toBe('string');
      }),
      { numRuns: 200 },
    );
  });
});

describe('a recognised message keeps its meaning when what is around it changes', () => {
  it.each(Object.entries(TEMPLATES))('%s', (_name, template) => {
    const [first] = fc.sample(template, { numRuns: 1, seed: 7 });
    const baseline = meaning(first as string);
    expect(baseline.layer).not.toBe('none');
    fc.assert(
      fc.property(
        template,
        prefix,
        fc.array(noiseLine, { maxLength: 5 }),
        fc.array(noiseLine, { maxLength: 5 }),
        (message, pre, before, after) => {
          const text = [...before, `${pre}${message}`, ...after].join('\n');
          expect(meaning(text)).toEqual(baseline);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('a known message buried in noise', () => {
  const facts = SYMPTOM_FACTS.filter((f) => !f.qualifiers && !f.consequence);

  it('is found among 500 lines, on its own line', () => {
    fc.assert(
      fc.property(
        fc.array(noiseLine, { minLength: 500, maxLength: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.constantFrom(...facts),
        prefix,
        (noise, at, fact, pre) => {
          const lines = [...noise.slice(0, at), `${pre}${fact.message}`, ...noise.slice(at)];
          const m = matchSymptom(lines.join('\n'));
          expect(m.id).toBe(fact.id);
          expect(m.lines?.[0]?.line).toBe(at + 1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('noise alone is never a finding', () => {
    fc.assert(
      fc.property(fc.array(noiseLine, { minLength: 1, maxLength: 500 }), (noise) => {
        const m = matchSymptom(noise.join('\n'));
        expect(m.layer).toBe('none');
        expect(m.problems ?? []).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});
