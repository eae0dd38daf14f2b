// Every message of KNOWLEDGE.md's symptom table, pasted the way people paste them: real addresses, log prefixes,
// odd casing and spacing. Unknown text is never presented as a match.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYMPTOM_FACTS } from '../../knowledge/facts/symptoms.ts';
import { matchSymptom, SymptomMatchSchema } from '../../knowledge/index.ts';

function valid(text: string) {
  const m = matchSymptom(text);
  const parsed = SymptomMatchSchema.safeParse(m);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  return m;
}

const jetpack = (line: string) =>
  `2025-03-02 14:07:31,512 ERROR jetpack [MainThread] ${line}\n2025-03-02 14:07:31,513 INFO retrying in 30s`;

describe('the symptom table', () => {
  it('Timeout awaiting system boot-up', () => {
    const m = valid(jetpack('Timeout awaiting system boot-up'));
    expect(m.id).toBe('timeout-awaiting-bootup');
    expect(m.recognised).toBe(true);
    expect(m.cause).toMatch(/blocked|storage/i);
    expect(m.implies.link).toBe('node-to-cyclecloud');
  });

  it('Phase timeout expired while awaiting system boot-up (storage, not the network to CycleCloud)', () => {
    const m = valid('Node execute-1: PHASE TIMEOUT EXPIRED WHILE AWAITING SYSTEM BOOT-UP');
    expect(m.id).toBe('phase-timeout-bootup');
    expect(m.checks.join('\n')).toContain('/var/lib/waagent/custom-script/download/0/');
    expect(m.checks.join('\n')).toContain('404');
    expect(m.implies.link).toBeUndefined();
  });

  it('Timed out connecting to CycleCloud at a 9443 URL: CycleCloud 8, private address', () => {
    const m = valid(jetpack('Timed out connecting to CycleCloud at https://10.1.0.4:9443/cyclecloud'));
    expect(m.id).toBe('cyclecloud-connect-timeout');
    expect(m.extracted).toEqual({ url: 'https://10.1.0.4:9443/cyclecloud', host: '10.1.0.4', port: 9443 });
    expect(m.implies).toEqual({ link: 'node-to-cyclecloud', cyclecloudVersion: 8 });
    expect(m.implications.join('\n')).toMatch(/private address/);
    expect(m.cause).toMatch(/webServerHostname/);
  });

  it('Timed out connecting to CycleCloud at a URL without a port: no version claimed', () => {
    const m = valid('timed out connecting to cyclecloud at {https://52.170.3.9}');
    expect(m.extracted).toEqual({ url: 'https://52.170.3.9', host: '52.170.3.9' });
    expect(m.implies.cyclecloudVersion).toBeUndefined();
    expect(m.implications.join('\n')).toMatch(/public address/);
  });

  it('Connection refused ... return-proxy tunnel at :37140: a return proxy is in use', () => {
    const m = valid(
      jetpack('Connection refused to CycleCloud through return-proxy tunnel at https://10.2.0.5:37140'),
    );
    expect(m.id).toBe('return-proxy-refused');
    expect(m.extracted.port).toBe(37140);
    expect(m.extracted.host).toBe('10.2.0.5');
    expect(m.implications.join('\n')).toMatch(/return proxy is in use/);
    expect(m.implies.cyclecloudVersion).toBeUndefined();
  });

  it('Unable to setup return proxy: cannot connect to A.B.C.D:22 (private address: needs peering or a public IP)', () => {
    const m = valid('[cycle_server] WARN  Unable to setup return proxy: cannot connect to {10.3.0.7:22}');
    expect(m.id).toBe('return-proxy-setup-failed');
    expect(m.extracted).toEqual({ host: '10.3.0.7', port: 22 });
    expect(m.implications.join('\n')).toMatch(/private address/);
    expect(m.cause).toMatch(/KeyPairLocation/);
  });

  it('Unable to set up return proxy on a public address points at NSG 22 and the key', () => {
    const m = valid('unable to set up return proxy: Cannot connect to 20.55.1.2:22 (timed out)');
    expect(m.id).toBe('return-proxy-setup-failed');
    expect(m.implications.join('\n')).toMatch(/public address.*TCP 22/);
  });

  it('Timed out waiting for return proxy', () => {
    const m = valid(jetpack('Timed out waiting for return proxy'));
    expect(m.id).toBe('return-proxy-wait-timeout');
    expect(m.checks.join('\n')).toMatch(/proxy node/);
  });

  it('Staging Resources (urlopen error [Errno 104] Socket closed): retry', () => {
    const m = valid('Cluster slurm: Staging Resources (urlopen error [Errno 104] Socket closed)');
    expect(m.id).toBe('staging-socket-closed');
    expect(m.checks[0]).toMatch(/Retry/);
  });

  it('Unable to determine AccessKey for URL: listKeys permission or hierarchical namespace', () => {
    const m = valid(
      'Staging Resources (Unable to determine AccessKey for URL https://locker.blob.core.windows.net/cyclecloud)',
    );
    expect(m.id).toBe('staging-access-key');
    expect(m.cause).toMatch(/listKeys/);
    expect(m.cause).toMatch(/hierarchical namespace/);
  });

  it('Certificate validation failed for CycleCloud', () => {
    expect(valid('ERROR: Certificate validation failed for CycleCloud at https://10.0.0.4:9443').id).toBe(
      'certificate-validation-failed',
    );
  });

  it('Could not connect to ... with a CycleCloud port: 5672 means CycleCloud 7', () => {
    const m = valid('Could not connect to amqp://10.0.0.4:5672/');
    expect(m.id).toBe('could-not-connect');
    expect(m.implies.cyclecloudVersion).toBe(7);
    expect(m.extracted.port).toBe(5672);
  });

  it('37141 means CycleCloud 7 through a return proxy', () => {
    const m = valid('Could not connect to CycleCloud at https://10.0.0.9:37141');
    expect(m.implies.cyclecloudVersion).toBe(7);
  });

  it('spacing and line wrapping inside the message do not matter', () => {
    const m = valid('  Timed   out\n     connecting to    CycleCloud at https://cc.contoso.internal:9443.');
    expect(m.id).toBe('cyclecloud-connect-timeout');
    expect(m.extracted.host).toBe('cc.contoso.internal');
    expect(m.extracted.url).toBe('https://cc.contoso.internal:9443');
  });

  it('the more specific message wins when a log holds several', () => {
    const log = [
      'Timeout awaiting system boot-up',
      'Timed out connecting to CycleCloud at https://10.0.0.4:9443',
    ].join('\n');
    expect(valid(log).id).toBe('cyclecloud-connect-timeout');
  });

  it('every fact in the table is recognised from its own documented message', () => {
    for (const fact of SYMPTOM_FACTS) {
      const text = fact.qualifiers ? `${fact.message} https://10.0.0.4:9443` : fact.message;
      expect(valid(text).id, fact.message).toBe(fact.id);
    }
  });
});

describe('unrecognised text', () => {
  it.each([
    'ssh: Could not connect to host db01 port 22',
    // GoogleCloudPlatform/cluster-toolkit#1600 (slurm.conf names no node for this host; ccnet has no fact for it).
    "slurmd: fatal: Unable to determine this slurmd's NodeName",
    'ERROR 1045 (28000): Access denied for user',
    '',
    '   ',
  ])('%j is not a match and gets the general checklist', (text) => {
    const m = valid(text);
    expect(m).toMatchObject({
      id: 'unrecognised',
      recognised: false,
      cause: 'not recognised',
      implies: {},
      implications: [],
    });
    expect(m.checks.length).toBeGreaterThan(3);
    expect(m.message).toBeUndefined();
  });
});

describe('robustness', () => {
  it('never throws and always validates, for any text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        (text) => SymptomMatchSchema.safeParse(matchSymptom(text)).success,
      ),
    );
  });

  it('finds a known message wherever it sits in noise', () => {
    const noise = fc.string({ maxLength: 200 }).map((s) => s.replace(/[a-z]/gi, 'x'));
    fc.assert(
      fc.property(
        noise,
        noise,
        fc.constantFrom(...SYMPTOM_FACTS.filter((f) => !f.qualifiers)),
        (before, after, fact) => {
          return matchSymptom(`${before}\n${fact.message}\n${after}`).id === fact.id;
        },
      ),
    );
  });

  it('handles multi-megabyte pastes built to defeat backtracking', () => {
    const hostile = [
      'could not connect to '.repeat(100_000),
      `https://${'a.'.repeat(500_000)}`,
      `${'10.0.0.'.repeat(200_000)}:`,
      `Timed out connecting to CycleCloud at https://${'9'.repeat(1_000_000)}`,
      ' \t\n'.repeat(500_000),
    ];
    for (const text of hostile) expect(SymptomMatchSchema.safeParse(matchSymptom(text)).success).toBe(true);
    expect(matchSymptom(hostile[3] ?? '').id).toBe('cyclecloud-connect-timeout');
  });
});
