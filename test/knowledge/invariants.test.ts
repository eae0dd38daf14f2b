// One plan decides and everything agrees with it, over the whole Situation space (situation-space.ts) x corpus
// templates: no finding, step, do-now line or snippet says the opposite of the recommendation; the required
// connections are right for the version and the option; what filters the traffic picks the rules; overlapping
// address spaces never get a VPN; and every question the flow asks changes the answer wherever it is asked.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAIN_QUESTIONS_IN_ORDER } from '../../flows/questions.ts';
import { explain } from '../../knowledge/explain.ts';
import { TOPICS } from '../../knowledge/facts/topics.ts';
import { type Diagnosis, DiagnosisSchema, diagnose, type Situation } from '../../knowledge/index.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import type { ParsedTemplate } from '../../knowledge/template/types.ts';
import { corpusAvailable, readCorpus } from '../support/corpus.ts';
import { CLI_VARIANTS, flowSpace, valuesOf } from './situation-space.ts';

const TEMPLATE_FILES = [
  'Azure__cyclecloud-gridengine__templates__gridengine.txt',
  'Azure__cyclecloud-slurm__templates__slurm.txt',
  'Azure__cyclecloud-hpcpack__templates__hpcpack2019.txt',
];

interface ShellcheckComment {
  file: string;
  line: number;
  code: number;
  message: string;
}

interface Case {
  situation: Situation;
  template: string;
  parsed?: ParsedTemplate;
}

const space = flowSpace();
const templates: { name: string; parsed?: ParsedTemplate }[] = [
  { name: '(no template)' },
  ...(corpusAvailable
    ? TEMPLATE_FILES.map((name) => ({ name, parsed: parseTemplate(readCorpus(name)) }))
    : []),
];

/** What the user is told to do, in one list of texts with where each came from. */
function statements(d: Diagnosis): { where: string; text: string }[] {
  const r = d.recommendation;
  return [
    ...d.findings.map((f) => ({ where: `${f.rule} fix`, text: f.fix })),
    ...r.steps.map((text, i) => ({ where: `step ${i + 1}`, text })),
    ...r.doNow.lines.map((text, i) => ({ where: `do-now ${i + 1}`, text })),
    ...r.snippets.map((s) => ({ where: `snippet "${s.title}"`, text: s.code })),
  ];
}

/** Names of the parameters that switch a return proxy on in this template (`$ReturnProxy`). */
function proxyParameters(d: Diagnosis): string[] {
  return [...new Set((d.topology?.nodes ?? []).flatMap((n) => n.returnProxyParams))];
}

/** Turning the proxy on or giving it a public IP, in any of the words ccnet uses. */
function proxyOnClaims(parameters: readonly RegExp[], text: string): string[] {
  const claims: string[] = [];
  if (text.includes('IsReturnProxy = true')) claims.push('IsReturnProxy = true');
  if (text.includes('AssociatePublicIpAddress = true')) claims.push('AssociatePublicIpAddress = true');
  if (/\b(give|gets?)\b.{0,24}\ba public IP/i.test(text)) claims.push('give ... a public IP');
  for (const p of parameters) if (p.test(text)) claims.push(`${p.source.split('\\b')[1]} = true`);
  return claims;
}

function proxyOffClaims(text: string, proxyNode: string | undefined): string[] {
  const claims: string[] = [];
  if (/turn the return proxy off/i.test(text)) claims.push('turn the return proxy off');
  if (proxyNode && new RegExp(`IsReturnProxy = false on ${proxyNode}\\b`).test(text)) {
    claims.push(`IsReturnProxy = false on ${proxyNode}`);
  }
  return claims;
}

/** The node the return-proxy recommendation keeps or makes the proxy (named in the nodes -> proxy connection). */
function plannedProxy(d: Diagnosis): string | undefined {
  const to = d.recommendation.connections.find((c) => c.port === 37140)?.to;
  return to?.replace(/ \(return proxy\)$/, '');
}

/** Every violated invariant, as "situation | template: what" lines, so a failure names the case. */
function violations(c: Case, d: Diagnosis): string[] {
  const out: string[] = [];
  const bad = (what: string) => out.push(`${JSON.stringify(c.situation)} | ${c.template}: ${what}`);
  const r = d.recommendation;
  const s = c.situation;
  const ports = (from: RegExp, to: RegExp) =>
    r.connections.filter((x) => from.test(x.from) && to.test(x.to)).map((x) => x.port);
  const allPorts = r.connections.map((x) => x.port);
  const nodeLink = s.link !== 'user-to-node';
  const version = s.cyclecloudVersion ?? 8;
  const proxyOn = r.option === 'return-proxy';

  // Connections right for the version and the option
  if (nodeLink && version === 8 && (allPorts.includes(5672) || allPorts.includes(37141))) {
    bad('CycleCloud 8 with 5672 or 37141 among the connections');
  }
  if (nodeLink && version === 7) {
    if (proxyOn && !ports(/nodes/, /return proxy/).includes(37141)) bad('CycleCloud 7 proxy without 37141');
    if (!proxyOn && !ports(/nodes/, /CycleCloud/).includes(5672)) bad('CycleCloud 7 without AMQP 5672');
  }
  if (proxyOn) {
    if (!ports(/nodes/, /return proxy/).includes(37140)) bad('return proxy without nodes -> proxy 37140');
    if (!ports(/CycleCloud/, /return proxy/).includes(22)) bad('return proxy without CycleCloud -> proxy 22');
  } else if (allPorts.includes(37140)) {
    bad(`37140 among the connections of ${r.option}`);
  }
  if (!nodeLink && (r.option !== 'bastion' || !allPorts.includes(22) || allPorts.includes(9443))) {
    bad('user access is not bastion with SSH 22 and without 9443');
  }

  // No statement contradicts the plan
  const proxyNode = proxyOn ? plannedProxy(d) : undefined;
  const parameters = proxyParameters(d).map((p) => new RegExp(`\\b${p} = true|"${p}":true`, 'i'));
  for (const { where, text } of statements(d)) {
    const claims = proxyOn
      ? proxyOffClaims(text, proxyNode)
      : nodeLink
        ? proxyOnClaims(parameters, text)
        : [];
    for (const claim of claims) bad(`${r.option}, but ${where} says "${claim}"`);
  }

  // The do-now part is short and its snippet is one of the answers
  if (r.doNow.lines.length < 1 || r.doNow.lines.length > 3) bad(`${r.doNow.lines.length} do-now lines`);
  if (r.doNow.lines.some((l) => l.length > 160)) bad('a do-now line longer than 160 characters');
  if (r.doNow.snippet && !r.snippets.some((x) => x.code === r.doNow.snippet?.code)) {
    bad('the do-now snippet is not among the snippets');
  }

  // What filters the traffic picks the rules (on the node link, where the flow asked it)
  const code = r.snippets.map((x) => x.code).join('\n');
  const hub = r.title.startsWith('Connect the spokes');
  if (nodeLink && !hub && !proxyOn) {
    const nsgRules = /az network nsg rule create .*--direction Inbound/.test(code);
    if (s.firewall === 'none' && nsgRules) bad('nothing filters, yet inbound NSG rules to add');
    if ((s.firewall === 'nsg' || s.firewall === undefined) && !nsgRules) bad('NSGs filter, no NSG rules');
    if (s.firewall === 'azure-firewall' && !code.includes('az network firewall network-rule create')) {
      bad('Azure Firewall filters, no firewall rule');
    }
    if (s.firewall === 'unknown' && !(code.includes('list-effective-nsg') && code.includes('test-ip-flow'))) {
      bad('not sure what filters, but no way to find out');
    }
  }

  // Overlapping address spaces: never a VPN or peering; long-running creates are waited for
  const overlap = s.peering === 'overlap' && s.serverLocation === 'other-vnet' && nodeLink;
  if (
    overlap &&
    (r.option === 'vpn' || r.option === 'vnet-peering' || code.includes('vpn-connection create'))
  ) {
    bad(`overlapping address spaces get ${r.option}`);
  }
  for (const snippet of r.snippets) {
    const connect = snippet.code.indexOf('az network vpn-connection create');
    const wait = snippet.code.indexOf('az network vnet-gateway wait');
    if (connect >= 0 && (wait < 0 || wait > connect || !snippet.code.includes('--created'))) {
      bad(`"${snippet.title}" connects a gateway it did not wait for`);
    }
  }
  if (r.option === 'bastion') {
    for (const needed of ['az network bastion ssh', 'AzureBastionSubnet', '--sku Standard']) {
      if (!code.includes(needed)) bad(`bastion without ${needed}`);
    }
  }
  if (
    s.peering === 'one-way' &&
    r.option === 'vnet-peering' &&
    !r.doNow.snippet?.code.includes('if ! az network vnet peering list')
  ) {
    bad('one-way peering without the check that finds the missing side');
  }

  // Bash snippets: no bare <...> (a shell redirection when pasted)
  for (const snippet of r.snippets.filter((x) => x.language === 'bash')) {
    const outsideQuotes = snippet.code.replace(/"<[^"\n]*>"/g, '""');
    if (/<[A-Za-z]/.test(outsideQuotes)) bad(`"${snippet.title}" has a bare <...> placeholder`);
  }

  // Every source cited beside a fact is a reference with a URL
  const cited = new Set(r.references.map((x) => x.source));
  const tags = [...r.whySources.flat(), ...r.stepSources.flat(), ...r.doNow.sources];
  for (const tag of tags) if (!cited.has(tag)) bad(`source ${tag} cited but not among the references`);
  if (r.whySources.length !== r.why.length || r.stepSources.length !== r.steps.length) {
    bad('sources not one per why/step');
  }
  return out;
}

function run(c: Case): Diagnosis {
  return diagnose(c.parsed ? { situation: c.situation, template: c.parsed } : { situation: c.situation });
}

interface Walk {
  count: number;
  found: string[];
  /** Every distinct bash snippet the space produced, with one case that produced it. */
  bash: Map<string, string>;
}

let walked: Walk | undefined;

/** The whole space, diagnosed once for every test of this file. */
function walkSpace(): Walk {
  if (walked) return walked;
  const w: Walk = { count: 0, found: [], bash: new Map() };
  for (const t of templates) {
    for (const point of space) {
      for (const variant of CLI_VARIANTS) {
        const situation = { ...point.situation, ...variant };
        const c: Case = { situation, template: t.name, ...(t.parsed ? { parsed: t.parsed } : {}) };
        const d = run(c);
        w.count++;
        if (!t.parsed && variant === CLI_VARIANTS[0]) {
          const parsed = DiagnosisSchema.safeParse(d);
          if (!parsed.success) w.found.push(`${JSON.stringify(situation)}: not a valid Diagnosis`);
        }
        w.found.push(...violations(c, d));
        for (const snippet of d.recommendation.snippets) {
          if (snippet.language === 'bash' && !w.bash.has(snippet.code)) {
            w.bash.set(snippet.code, `${JSON.stringify(situation)} | ${t.name}: "${snippet.title}"`);
          }
        }
      }
    }
  }
  walked = w;
  return w;
}

/** Why the shellcheck test cannot run here, or null; CI installs shellcheck (.ci/run). */
const shellcheckSkip = (() => {
  const r = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? 'shellcheck not installed (apt-get install shellcheck)' : null;
})();
if (shellcheckSkip !== null)
  console.log(`[ccnet tests] shellcheck on the snippets skipped: ${shellcheckSkip}`);

let snippetDir: string | undefined;
let written: { file: string; origin: string }[] | undefined;
afterAll(() => {
  if (snippetDir !== undefined) rmSync(snippetDir, { recursive: true, force: true });
});

/** Every distinct bash snippet of the space and of explain, one file each, plus a control that must fail. */
function snippetFiles(): { file: string; origin: string }[] {
  if (written !== undefined) return written;
  const snippets = new Map(walkSpace().bash);
  for (const topic of TOPICS) {
    for (const snippet of explain(topic.id).snippets) {
      if (snippet.language === 'bash') snippets.set(snippet.code, `explain ${topic.id}: "${snippet.title}"`);
    }
  }
  expect(snippets.size).toBeGreaterThan(20);
  // A control: the old placeholder style must be caught, so a silent harness cannot pass.
  const control = 'az network nsg rule create -g <cyclecloud-rg> --nsg-name <cyclecloud-nsg>';
  snippets.set(control, 'control');
  const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-snippets-'));
  snippetDir = dir;
  written = [...snippets].map(([code, origin], i) => {
    const file = path.join(dir, `snippet-${i}.sh`);
    writeFileSync(file, `#!/usr/bin/env bash\n${code}\n`);
    return { file, origin };
  });
  return written;
}

describe('the Situation space', () => {
  if (!corpusAvailable)
    console.warn('[ccnet tests] invariants run without corpus templates: ../shared is absent');

  it(`holds every invariant for ${space.length} flow situations x ${CLI_VARIANTS.length} CLI variants x ${templates.length} template variants`, () => {
    const { count, found } = walkSpace();
    expect(count).toBe(space.length * CLI_VARIANTS.length * templates.length);
    // One example of each kind of violation, so a failure reads as a list of distinct problems
    const kinds = new Map<string, string>();
    for (const v of found) {
      const kind = v.replace(/^.*?: /, '').replace(/"[^"]*"/g, '"…"');
      if (!kinds.has(kind)) kinds.set(kind, v);
    }
    expect([...kinds.values()], `${found.length} violations`).toEqual([]);
  });

  it('gives only bash snippets that parse (bash -n)', () => {
    const files = snippetFiles();
    // One bash runs `bash -n` on each file (a process per snippet from node would cost seconds).
    const loop =
      'for f in "$@"; do out=$(bash -n "$f" 2>&1) || printf "%s\\t%s\\n" "$f" "$(printf %s "$out" | tr "\\n" " ")"; done';
    const checked = spawnSync('bash', ['-c', loop, 'bash', ...files.map((f) => f.file)], {
      encoding: 'utf8',
    });
    const byFile = new Map(files.map((f) => [f.file, f.origin]));
    const syntax = checked.stdout
      .split('\n')
      .filter((l) => l.includes('\t'))
      .map((l) => {
        const [file = '', message = ''] = l.split('\t');
        return `${byFile.get(file)}: ${message}`;
      });
    expect(syntax.filter((p) => p.startsWith('control: ')).join('')).toMatch(/unexpected token/);
    expect(syntax.filter((p) => !p.startsWith('control: '))).toEqual([]);
  });

  it.skipIf(shellcheckSkip !== null)('gives only bash snippets that pass shellcheck', () => {
    const files = snippetFiles();
    const r = spawnSync('shellcheck', ['-s', 'bash', '-f', 'json1', ...files.map((f) => f.file)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const origins = new Map(files.map((f) => [f.file, f.origin]));
    const comments = (JSON.parse(r.stdout || '{"comments":[]}') as { comments: ShellcheckComment[] })
      .comments;
    const problems = comments.map(
      (c) => `${origins.get(c.file)} line ${c.line - 1}: SC${c.code} ${c.message}`,
    );
    expect(problems.some((p) => p.startsWith('control line 1: SC1073'))).toBe(true);
    const real = problems.filter((p) => !p.startsWith('control '));
    expect(real.slice(0, 20), `${real.length} shellcheck comments on ${files.length - 1} snippets`).toEqual(
      [],
    );
  });

  it('catches the contradictions the issue reported (the checker is not vacuous)', () => {
    const grid = templates.find((t) => t.name.includes('gridengine'))?.parsed;
    const peer: Case = {
      situation: { cyclecloudVersion: 8, serverLocation: 'other-vnet', peering: 'none', firewall: 'nsg' },
      template: 'gridengine',
      ...(grid ? { parsed: grid } : {}),
    };
    const clean = run(peer);
    expect(violations(peer, clean)).toEqual([]);
    const reported = structuredClone(clean);
    reported.findings.push({
      rule: 'CCN004',
      severity: 'error',
      message: 'scheduler has no public IP',
      fix: 'Set UsePublicNetwork = true so the proxy gets a public IP.',
    });
    expect(violations(peer, reported).join('\n')).toContain('says "give ... a public IP"');

    const proxyCase: Case = {
      ...peer,
      situation: { ...peer.situation, peering: 'policy', publicIpAllowed: true },
    };
    const proxy = structuredClone(run(proxyCase));
    proxy.recommendation.steps.push('Turn the return proxy off on scheduler.');
    expect(violations(proxyCase, proxy).join('\n')).toContain('turn the return proxy off');

    const noFilter: Case = { ...peer, situation: { ...peer.situation, firewall: 'none' } };
    const withRules = structuredClone(run(noFilter));
    withRules.recommendation.snippets.push({
      title: 'NSG rules',
      language: 'bash',
      code: 'az network nsg rule create -g "$CC_RG" --nsg-name "$CC_NSG" -n x --priority 200 --direction Inbound',
    });
    expect(violations(noFilter, withRules).join('\n')).toContain('nothing filters');

    const overlap: Case = {
      situation: {
        cyclecloudVersion: 8,
        serverLocation: 'other-vnet',
        peering: 'overlap',
        publicIpAllowed: false,
      },
      template: '-',
    };
    const vpn = structuredClone(run(overlap));
    vpn.recommendation.option = 'vpn';
    vpn.recommendation.snippets.push({
      title: 'VPN',
      language: 'bash',
      code: 'az network vpn-connection create -g "$CC_RG"\nfoo <cyclecloud-rg>',
    });
    const found = violations(overlap, vpn).join('\n');
    expect(found).toContain('overlapping address spaces get vpn');
    expect(found).toContain('connects a gateway it did not wait for');
    expect(found).toContain('bare <...> placeholder');
  });

  it('changes the answer with every question the flow asks, wherever it asks it', () => {
    const key = (s: Situation) => JSON.stringify(Object.entries(s).sort(([a], [b]) => a.localeCompare(b)));
    const byKey = new Map(space.map((p) => [key(p.situation), p]));
    const diagnosis = new Map<string, string>();
    const answer = (s: Situation) => {
      const k = key(s);
      let d = diagnosis.get(k);
      if (d === undefined) {
        d = JSON.stringify(diagnose({ situation: s }));
        diagnosis.set(k, d);
      }
      return d;
    };
    const ignored: string[] = [];
    let compared = 0;
    for (const q of MAIN_QUESTIONS_IN_ORDER) {
      const fact = q.fact;
      if (!fact) continue;
      for (const point of space) {
        if (!point.asked.has(q.id) || point.situation[fact] !== undefined) continue;
        // The same situation with each answer the flow offers (and none): all must differ.
        const offered = valuesOf(q).filter((v) => !(fact === 'peering' && v.peering === 'impossible'));
        const variants = offered
          .map((facts) => ({ ...point.situation, ...facts }))
          .filter((s) => byKey.has(key(s)));
        const answers = new Map(variants.map((s) => [answer(s), s]));
        compared += variants.length;
        if (answers.size < variants.length) {
          ignored.push(
            `${q.id} at ${JSON.stringify(point.situation)}: ${variants.length} answers, ${answers.size} diagnoses`,
          );
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    const byQuestion = new Map<string, string>();
    for (const v of ignored) {
      const q = v.split(' ')[0] ?? '';
      if (!byQuestion.has(q)) byQuestion.set(q, v);
    }
    expect([...byQuestion.values()], `${ignored.length} places where an answer changes nothing`).toEqual([]);
  });
});
