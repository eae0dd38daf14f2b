// The CI integrations a platform team wires in: the composite GitHub Action (action.yml + ci/action-check.sh, whose
// script part runs here as the runner would run it) and the pre-commit hook. Both YAML files are parsed for real.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions are written ${{ … }} literally.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scratch } from '../lint/support.ts';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
};

interface Step {
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

describe('action.yml', () => {
  const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
    name: string;
    description: string;
    inputs: Record<string, { description: string; default?: string }>;
    runs: { using: string; steps: Step[] };
  };

  it('is a composite action: set up Node, run ccnet check with paths/format/severity, upload SARIF', () => {
    expect(action.name).toBeTruthy();
    expect(action.runs.using).toBe('composite');
    for (const input of ['paths', 'format', 'severity'])
      expect(action.inputs[input]?.description).toBeTruthy();
    const uses = action.runs.steps.map((s) => s.uses ?? '');
    expect(uses[0]).toMatch(/^actions\/setup-node@v\d+$/);
    expect(uses).toContainEqual(expect.stringMatching(/^github\/codeql-action\/upload-sarif@v\d+$/));
    for (const step of action.runs.steps) if (step.run) expect(step.shell).toBe('bash');
    const check = action.runs.steps.find((s) => s.run?.includes('action-check.sh'));
    expect(check?.env).toMatchObject({
      CCNET_PATHS: '${{ inputs.paths }}',
      CCNET_FORMAT: '${{ inputs.format }}',
    });
    expect(existsSync(path.join(root, 'ci/action-check.sh'))).toBe(true);
  });

  it('its script writes a SARIF report and the exit code, and never fails before the upload', async () => {
    const { dir, write } = scratch('ccnet-action-');
    write('templates/ok.txt', '[cluster c]\n  [[node a]]\n  ImageName = cycle.image.ubuntu22\n');
    write(
      'templates/two.txt',
      '[cluster c]\n  [[node a]]\n  IsReturnProxy = true\n  [[node b]]\n  IsReturnProxy = true\n',
    );
    const output = path.join(dir, 'github-output');
    const env = {
      ...process.env,
      GITHUB_ACTION_PATH: root,
      GITHUB_OUTPUT: output,
      CCNET_PATHS: 'templates/*.txt',
      CCNET_FORMAT: 'sarif',
      CCNET_SEVERITY: 'warning',
      CCNET_OUTPUT: 'ccnet.sarif',
      CCNET_ARGS: '--no-config',
    };
    await run('bash', [path.join(root, 'ci/action-check.sh')], { cwd: dir, env, timeout: 60_000 });
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\n');
    const log = JSON.parse(readFileSync(path.join(dir, 'ccnet.sarif'), 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['CCN001']);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'templates/two.txt',
    );

    const annotate = await run('bash', [path.join(root, 'ci/action-check.sh')], {
      cwd: dir,
      env: { ...env, CCNET_FORMAT: 'github', CCNET_PATHS: 'templates/ok.txt' },
      timeout: 60_000,
    });
    expect(annotate.stdout).toContain('ccnet: 0 problems (0 errors, 0 warnings, 0 info) in 1 file');
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\nexit-code=0\n');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<
    Record<string, unknown>
  >;

  it('declares a node hook with the keys pre-commit requires, running a bin this package ships', async () => {
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    for (const key of ['id', 'name', 'entry', 'language']) expect(typeof hook?.[key]).toBe('string');
    expect(hook?.language).toBe('node');
    const [bin, ...args] = String(hook?.entry).split(' ');
    expect(pkg.bin[bin ?? '']).toBeDefined();
    const pattern = new RegExp(String(hook?.files));
    expect(pattern.test('infra/templates/slurm.txt')).toBe(true);
    expect(pattern.test('README.txt')).toBe(false);

    // pre-commit runs `entry` with the staged file names appended.
    const { dir, write } = scratch('ccnet-hook-');
    const file = write('templates/bad.txt', '[cluster c]\n  [[node a]]\n  junk\n');
    const result = await run(process.execPath, [path.join(root, pkg.bin[bin ?? ''] ?? ''), ...args, file], {
      cwd: dir,
    });
    expect(result.stdout).toContain(`${file}:3:3: warning: `);
  });
});
