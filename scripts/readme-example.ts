// Regenerates the README's example answer and its picture: the text between the `example` markers is what
// `ccnet diagnose` prints for the command shown above it, and docs/readme-path.png is its --diagram.
// `npm run docs:example`; test/docs/readme-example.test.ts fails when either is out of date.
import { readFile, writeFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/run.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The example, as the README shows it (run from the repository's folder). */
export const EXAMPLE_ARGS = [
  'diagnose',
  '--server',
  'other-vnet',
  '--peering',
  'connected',
  '--template',
  'docs/example-cluster.txt',
  '--symptom',
  'Timed out connecting to CycleCloud at https://10.0.4.4:9443',
];
export const EXAMPLE_PICTURE = 'docs/readme-path.png';
const START = '<!-- example:start -->';
const END = '<!-- example:end -->';

/** What the README's example prints, and (when asked) the picture it writes. */
export async function exampleOutput(diagram?: string): Promise<string> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const args = diagram !== undefined ? [...EXAMPLE_ARGS, '--diagram', diagram] : EXAMPLE_ARGS;
  await runCli(args, { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: {}, cwd: ROOT });
  return diagram !== undefined ? out.replace(/Diagram of the path written to .*\n$/, '') : out;
}

export function exampleBlock(output: string): string {
  const command = `npx ccnet ${EXAMPLE_ARGS.map((a) => (/\s|:/.test(a) ? `"${a}"` : a)).join(' ')} --diagram ${EXAMPLE_PICTURE}`;
  return `${START}\n\`\`\`console\n$ ${command}\n${output.trimEnd()}\n\`\`\`\n${END}`;
}

export function readmeBlock(readme: string): string | undefined {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  return start >= 0 && end > start ? readme.slice(start, end + END.length) : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const output = await exampleOutput(EXAMPLE_PICTURE);
  const file = `${ROOT}README.md`;
  const readme = await readFile(file, 'utf8');
  const block = readmeBlock(readme);
  if (block === undefined) throw new Error(`README.md has no ${START} … ${END} block`);
  await writeFile(file, readme.replace(block, exampleBlock(output)));
  console.log(`README.md example and ${EXAMPLE_PICTURE} regenerated`);
}
