// npm run bench:cli: how long the `ccnet` command takes to start, against `node -e 0` in the same run.
// Each round runs the three commands in rotating order (the machine is shared and noisy), BENCH_ROUNDS rounds, medians.
// Last line: `ratio start ccnet/node: X  ratio check ccnet/node: Y` (targets X <= 2.5, Y <= 3).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = fileURLToPath(new URL('../bin/ccnet.js', import.meta.url));
const template = fileURLToPath(
  new URL('../../shared/corpus/templates/Azure__cyclecloud-slurm__templates__slurm.txt', import.meta.url),
);
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);

// Measure the bundle npm ci builds, built from the tree as it is now.
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (!existsSync(template)) {
  console.log(`corpus template not found at ${template}: nothing to measure`);
  process.exit(0);
}

const commands = [
  { name: 'node', args: ['-e', '0'], times: [] as number[] },
  { name: 'start', args: [bin, '--help'], times: [] as number[] },
  { name: 'check', args: [bin, 'check', template], times: [] as number[] },
];

function timeOnce(args: string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // check exits 1 when the template has errors; anything else means the command broke.
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return ms;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

for (const c of commands) timeOnce(c.args); // warm the file cache
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < commands.length; i++) {
    const c = commands[(round + i) % commands.length];
    if (c) c.times.push(timeOnce(c.args));
  }
}

for (const c of commands) {
  console.log(
    `${c.name.padEnd(6)} median ${median(c.times).toFixed(1)} ms  min ${Math.min(...c.times).toFixed(1)} ms  max ${Math.max(...c.times).toFixed(1)} ms  (${c.times.length} runs: node ${c.args.join(' ')})`,
  );
}
const [node, start, check] = commands.map((c) => median(c.times));
const ratio = (x = 0) => (x / (node ?? 1)).toFixed(2);
console.log(`ratio start ccnet/node: ${ratio(start)}  ratio check ccnet/node: ${ratio(check)}`);
