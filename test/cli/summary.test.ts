// `ccnet diagnose` opens with the next action: at most 20 lines at 80 columns, the option first, then "Do now",
// then what was assumed; `--verbose` has the rest.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitSnippet } from '../../cli/render/code.ts';
import { lineCount, renderDiagnosis, renderSummary, SUMMARY_MAX_LINES } from '../../cli/render/diagnosis.ts';
import { indent } from '../../cli/render/text.ts';
import { diagnose } from '../../knowledge/index.ts';
import { DiagnosisSchema, type Situation, type Snippet } from '../../knowledge/model.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { ccnet } from '../support/cli-io.ts';
import { CORPUS_DIR, corpusAvailable, readCorpus } from '../support/corpus.ts';

const GRIDENGINE = 'Azure__cyclecloud-gridengine__templates__gridengine.txt';
const SLURM = 'Azure__cyclecloud-slurm__templates__slurm.txt';
const EVIDENCE_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/evidence');

const TYPICAL: { name: string; argv: string[]; option: string }[] = [
  {
    name: 'another VNet, not peered yet',
    argv: ['--version', '8', '--server', 'other-vnet', '--peering', 'none', '--firewall', 'nsg'],
    option: 'VNet peering',
  },
  {
    name: 'on-premises over a VPN, a timeout pasted',
    argv: [
      '--server',
      'on-premises',
      '--private-link',
      'vpn',
      '--firewall',
      'azure-firewall',
      '--symptom',
      'Timed out connecting to CycleCloud at https://10.0.0.4:9443',
    ],
    option: 'Direct connection',
  },
  {
    name: 'CycleCloud 7 in the same VNet, nothing else known',
    argv: ['--version', '7', '--server', 'same-vnet'],
    option: 'Direct connection',
  },
];

/** The do-now snippet is on the screen whole, or a line says where it is: never half of it. */
function expectSnippetOrPointer(text: string, snippet: Snippet): void {
  const shown = indent(fitSnippet(snippet, 76), '    ');
  if (text.includes(shown)) return;
  expect(text).toMatch(/The commands to paste \(\d+ lines\): add --verbose\./);
  const firstCommand = snippet.code.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (firstCommand !== undefined) expect(text).not.toContain(firstCommand.slice(0, 30));
}

describe('ccnet diagnose, by default', () => {
  for (const check of TYPICAL) {
    it(`fits a screen with the next action first: ${check.name}`, async () => {
      const short = await ccnet(['diagnose', ...check.argv]);
      const long = await ccnet(['diagnose', '--verbose', ...check.argv]);
      const d = DiagnosisSchema.parse(
        JSON.parse((await ccnet(['diagnose', '--format', 'json', ...check.argv])).stdout),
      );
      expect(short.code).toBe(0);
      // At most 20 lines at 80 columns, all of it; the one snippet comes whole, or one line says how to get it.
      expect(lineCount(short.stdout.trimEnd(), 80)).toBeLessThanOrEqual(SUMMARY_MAX_LINES);
      expect(short.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(SUMMARY_MAX_LINES);
      const snippet = d.recommendation.doNow.snippet;
      if (snippet !== undefined) expectSnippetOrPointer(short.stdout, snippet);
      expect(short.stdout.split('\n')[0]).toContain(`Recommendation: ${check.option}`);
      expect(short.stdout).toMatch(/\nDo now\n {2}\S/);
      expect(short.stdout).toContain('add --verbose');
      // Everything the short answer leaves out is one flag away.
      expect(lineCount(long.stdout, 80)).toBeGreaterThan(SUMMARY_MAX_LINES);
      expect(long.stdout).toContain('Connections to allow');
      expect(long.stdout).toContain('References');
      // Prose wraps at 80 columns; only what has no place to break (a URL, a quoted value) may be wider.
      for (const line of long.stdout.split('\n')) {
        if (line.length > 80) expect(line.trim().replace(/"[^"]*"/g, '""'), line).not.toMatch(/\s/);
      }
    });
  }

  it('calls findings about the network given "Findings", not "Template", when no template was read', async () => {
    const r = await ccnet(['diagnose', '--server', 'same-vnet', '--version', '8', '--blocked-ports', '9443']);
    expect(r.stdout).toMatch(/\nFindings: 1 error — add --verbose to list them\.\n/);
    expect(r.stdout).not.toContain('Template');
  });

  it('says what it assumed, in words, on the short answer too', async () => {
    const r = await ccnet(['diagnose', '--server', 'other-vnet']);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('Assumed: CycleCloud 8 assumed.');
  });

  it.skipIf(!corpusAvailable)('says how many findings the template has and where to read them', async () => {
    const r = await ccnet([
      'diagnose',
      ...['--version', '8', '--server', 'other-vnet', '--peering', 'impossible'],
      ...['--private-link', 'none', '--public-ip', 'allowed'],
      ...['--template', path.join(CORPUS_DIR, GRIDENGINE)],
    ]);
    expect(r.stdout.split('\n')[0]).toContain('Recommendation: Return proxy');
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(
      /Template \S+gridengine\.txt: 1 error, 1 note — add --verbose/,
    );
  });
});

/** Every value of the fields that shape the answer most, with and without a template and a pasted error. */
function* situations(): Generator<Situation> {
  for (const link of [undefined, 'user-to-node', 'cyclecloud-egress'] as const)
    for (const cyclecloudVersion of [undefined, 7, 8] as const)
      for (const serverLocation of [undefined, 'same-vnet', 'other-vnet', 'on-premises'] as const)
        for (const peering of [undefined, 'connected', 'one-way', 'none', 'impossible'] as const)
          for (const privateLink of [undefined, 'vpn', 'none'] as const)
            for (const publicIpAllowed of [undefined, true, false] as const) {
              const s: Situation = {};
              if (link) s.link = link;
              if (cyclecloudVersion) s.cyclecloudVersion = cyclecloudVersion;
              if (serverLocation) s.serverLocation = serverLocation;
              if (peering) s.peering = peering;
              if (privateLink) s.privateLink = privateLink;
              if (publicIpAllowed !== undefined) s.publicIpAllowed = publicIpAllowed;
              yield s;
            }
}

describe('the short answer', () => {
  it.skipIf(!corpusAvailable)('stays within 20 lines at 80 columns across situations and templates', () => {
    const templates = [undefined, parseTemplate(readCorpus(GRIDENGINE))];
    let worst = 0;
    for (const situation of situations())
      for (const template of templates)
        for (const symptom of [undefined, 'Timed out connecting to CycleCloud at https://10.0.0.4:9443']) {
          const d = diagnose({
            situation,
            ...(template ? { template } : {}),
            ...(symptom ? { symptom } : {}),
          });
          const text = renderSummary(d, {
            color: false,
            width: 80,
            more: 'add --verbose',
            file: 'cluster.txt',
          });
          worst = Math.max(worst, lineCount(text.trimEnd(), 80));
          expect(text).toContain('Do now');
          const snippet = d.recommendation.doNow.snippet;
          if (snippet !== undefined) expectSnippetOrPointer(text, snippet);
        }
    expect(worst).toBeLessThanOrEqual(SUMMARY_MAX_LINES);
  });

  it.skipIf(!corpusAvailable)(
    'stays within 20 lines with exports, a template and a paste at once, still saying what it assumed',
    async () => {
      const exports = ['forced-tunnel', 'initiated', 'peered'].map((dir) => {
        const folder = path.join(EVIDENCE_FIXTURES, dir);
        return readdirSync(folder).flatMap((f) => ['--evidence', path.join(folder, f)]);
      });
      // Long paths as people type them: the template line wraps.
      const templates = [[], ...[GRIDENGINE, SLURM].map((t) => ['--template', path.join(CORPUS_DIR, t)])];
      const pastes = [[], ['--symptom', 'Unable to connect to https://10.0.1.4:9443: Connection timed out']];
      let worst = 0;
      for (const evidence of exports)
        for (const template of templates)
          for (const paste of pastes) {
            const argv = ['diagnose', ...evidence, ...template, ...paste];
            const short = await ccnet(argv);
            expect(short.stderr).toBe('');
            worst = Math.max(worst, lineCount(short.stdout.trimEnd(), 80));
            const d = DiagnosisSchema.parse(JSON.parse((await ccnet([...argv, '--format', 'json'])).stdout));
            expect(short.stdout).toContain('Do now');
            if (d.assumptions.length > 0) expect(short.stdout).toContain('Assumed:');
          }
      expect(worst).toBeLessThanOrEqual(SUMMARY_MAX_LINES);
    },
  );

  it('fits a snippet to 80 columns without changing a command: continuations, comments on their own lines', () => {
    const d = diagnose({
      situation: { cyclecloudVersion: 8, serverLocation: 'other-vnet', peering: 'none' },
      template: parseTemplate(
        '[cluster c]\n[[node defaults]]\nSubnetId = a-resource-group-with-a-long-name/a-virtual-network-named-at-length/compute\n[[node scheduler]]\n',
      ),
    });
    const snippet = d.recommendation.doNow.snippet;
    if (snippet === undefined) throw new Error('the peering answer has a snippet');
    const shown = fitSnippet(snippet, 76);
    // --verbose shows it the same way, at its own indent.
    expect(renderDiagnosis(d, { color: false, width: 80 })).toContain(indent(fitSnippet(snippet, 78)));
    // The same commands, once the continuations are joined and the comments (whole-line or trailing) dropped.
    const commands = (code: string) =>
      code
        .replace(/ \\\n {2}/g, ' ')
        .split('\n')
        .map((l) => l.replace(/\s+#[^"']*$/, '').trimEnd())
        .filter((l) => l !== '' && !l.trimStart().startsWith('#'));
    expect(commands(shown)).toEqual(commands(snippet.code));
    // The words of every comment are all still there.
    const commentWords = (code: string) =>
      code
        .split('\n')
        .flatMap((l) => (/#(.*)$/.exec(l.replace(/"[^"]*"/g, ''))?.[1] ?? '').split(/\s+/))
        .filter(Boolean)
        .sort();
    expect(commentWords(shown)).toEqual(commentWords(snippet.code));
    // Wider than 76 only where there is no place to break: one word, or a comment of one word.
    for (const line of shown.split('\n')) {
      if (line.length > 76)
        expect(
          line
            .trim()
            .replace(/^# /, '')
            .replace(/"[^"]*"/g, '""'),
          line,
        ).not.toMatch(/\s/);
    }
  });
});

describe('ccnet diagnose --diagram', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-diagram-'));

  it('writes the picture of the path as SVG or PNG and says where', async () => {
    const svgFile = path.join(dir, 'path.svg');
    const r = await ccnet(['diagnose', '--server', 'other-vnet', '--peering', 'none', '--diagram', svgFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Diagram of the path written to ${svgFile}`);
    const svg = readFileSync(svgFile, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('data-link="peering"');
    const pngFile = path.join(dir, 'path.png');
    const json = await ccnet(['diagnose', '--server', 'same-vnet', '--format', 'json', '--diagram', pngFile]);
    expect(JSON.parse(json.stdout).recommendation.option).toBe('direct');
    expect(json.stderr).toContain(`written to ${pngFile}`);
    expect(readFileSync(pngFile).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('refuses a name that is neither .svg nor .png, and a folder it cannot write to, in one line', async () => {
    const bad = await ccnet(['diagnose', '--diagram', path.join(dir, 'path.jpg')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      `ccnet diagnose: --diagram ${path.join(dir, 'path.jpg')}: the name must end in .svg or .png\n`,
    );
    const nowhere = path.join(dir, 'no', 'such', 'folder', 'x.svg');
    const unwritable = await ccnet(['diagnose', '--diagram', nowhere]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toBe(
      `ccnet diagnose: --diagram ${nowhere}: cannot write it: the folder ${path.dirname(nowhere)} does not exist (ENOENT)\n`,
    );
  });
});
