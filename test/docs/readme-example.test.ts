// The README's example answer is what ccnet prints for the command it shows, and its picture is that command's
// --diagram: `npm run docs:example` regenerates both; this fails when either is stale.
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { diagramOf, renderSvg } from '../../diagram/index.ts';
import { diagnose } from '../../knowledge/index.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import {
  EXAMPLE_ARGS,
  EXAMPLE_PICTURE,
  exampleBlock,
  exampleOutput,
  readmeBlock,
} from '../../scripts/readme-example.ts';

const root = new URL('../../', import.meta.url);

describe("the README's example", () => {
  it('is what `ccnet diagnose` prints for the command shown, in at most 20 lines', async () => {
    const readme = await readFile(new URL('README.md', root), 'utf8');
    const output = await exampleOutput();
    expect(readmeBlock(readme), 'run `npm run docs:example`').toBe(exampleBlock(output));
    expect(output.split('\n')[0]).toMatch(/^Recommendation: /);
    expect(output).toContain('\nDo now\n');
    expect(output.trimEnd().split('\n').length).toBeLessThanOrEqual(20);
  });

  it('has the picture that command draws, at the size it draws it', async () => {
    const png = PNG.sync.read(await readFile(new URL(EXAMPLE_PICTURE, root)));
    const at = (flag: string) => EXAMPLE_ARGS[EXAMPLE_ARGS.indexOf(flag) + 1] ?? '';
    const template = parseTemplate(await readFile(new URL(at('--template'), root), 'utf8'));
    const situation = { serverLocation: 'other-vnet' as const, peering: 'connected' as const };
    expect([at('--server'), at('--peering')]).toEqual([situation.serverLocation, situation.peering]);
    const d = diagnose({ situation, template, symptom: at('--symptom') });
    const svg = renderSvg(diagramOf({ diagnosis: d, situation }));
    expect([png.width, png.height]).toEqual([svg.width * 2, svg.height * 2]);
    expect(svg.svg).toContain('data-broken="true"');
  });
});
