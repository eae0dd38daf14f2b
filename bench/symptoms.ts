// npm run bench:symptoms: the paste matcher on a 1 MB jetpack/chef/cloud-init style log with a few real errors in it,
// on a 1 MB log of nothing but error lines (the worst case), and on a 10-line paste. Several rounds, medians.
// Last line: `ms per MB: X (target <= 50)`.
import { matchSymptom } from '../knowledge/index.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const MB = 1024 * 1024;

const HEALTHY = [
  '2025-03-02 14:07:31,512 INFO jetpack [MainThread] Converging node with run list recipe[cyclecloud]',
  '[2025-03-02T14:07:32+00:00] INFO: Processing directory[/opt/cycle/jetpack/logs] action create (cyclecloud::default line 12)',
  'Get:1 http://azure.archive.ubuntu.com/ubuntu jammy InRelease [270 kB]',
  'Setting up libssl3:amd64 (3.0.2-0ubuntu1.10) ...',
  'cloud-init[1021]: Cloud-init v. 23.1.2 running modules:final at Sun, 02 Mar 2025 14:07:35 +0000',
  'TASK [slurm : Install slurm packages] ******************************************',
  'Downloading https://locker.blob.core.windows.net/cyclecloud/projects/slurm/3.0.9/blobs/slurm.tgz',
  'jetpack: sending status to https://10.1.0.4:9443/cyclecloud (timeout=30)',
];
const ERRORS = [
  'srun: error: slurm_set_addr: Unable to resolve "hpc-pg0-3": Name or service not known',
  'E: Failed to fetch https://packages.microsoft.com/ubuntu/22.04/prod/dists/jammy/InRelease  503  Service Unavailable',
  "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='ccstore01.blob.core.windows.net', port=443): Max retries exceeded (Caused by NewConnectionError('Failed to establish a new connection: [Errno 110] Connection timed out'))",
  'ERROR jetpack: Timed out connecting to CycleCloud at https://10.1.0.4:9443',
];

function log(size: number, every: number): string {
  const lines: string[] = [];
  let bytes = 0;
  let errors = 0;
  for (let i = 0; bytes < size; i++) {
    const line =
      every > 0 && i % every === every - 1
        ? (ERRORS[errors++ % ERRORS.length] as string)
        : (HEALTHY[i % HEALTHY.length] as string);
    lines.push(line);
    bytes += line.length + 1;
  }
  return lines.join('\n');
}

const cases = [
  { name: '1 MB log, an error every 500 lines', text: log(MB, 500), perMb: true },
  { name: '1 MB of nothing but error lines', text: log(MB, 1), perMb: true },
  { name: '10-line paste', text: [...HEALTHY, ...ERRORS.slice(0, 2)].join('\n'), perMb: false },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

// Warm up the JIT, then interleave the cases round by round.
for (const c of cases) matchSymptom(c.text);
const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let r = 0; r < rounds; r++) {
  for (const c of cases) {
    const start = process.hrtime.bigint();
    matchSymptom(c.text);
    times.get(c.name)?.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}

let typical = 0;
for (const c of cases) {
  const ms = median(times.get(c.name) ?? []);
  const mb = c.text.length / MB;
  const perMb = ms / mb;
  if (c.name.startsWith('1 MB log')) typical = perMb;
  console.log(
    `${c.name.padEnd(40)} ${ms.toFixed(2).padStart(8)} ms${c.perMb ? `  (${perMb.toFixed(1)} ms per MB)` : ''}  problems: ${matchSymptom(c.text).problems?.length ?? 0}`,
  );
}
console.log(`ms per MB: ${typical.toFixed(1)} (target <= 50)`);
