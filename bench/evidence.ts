// npm run bench:evidence: 1,000 flows through four NSGs of 500 rules each (source NIC and subnet, destination
// subnet and NIC), read from az-shaped exports. Prints flows/s with rules compiled once (target >= 50,000), and the
// same-run ratio against compiling the rules for every flow, interleaved over rounds; medians.
import {
  EvidenceIndex,
  type FlowSpec,
  mergeEvidence,
  readEvidenceText,
  verifyFlow,
} from '../knowledge/evidence/index.ts';

const FLOWS = 1000;
const RULES = 500;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const SUB =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/bench-rg/providers/Microsoft.Network';

// A small deterministic PRNG (mulberry32), so every run measures the same rules and flows.
let seed = 0x5eed;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

function prefix(): string {
  return pick([
    () => `10.${int(0, 1)}.${int(0, 15)}.${int(0, 255)}`,
    () => `10.${int(0, 1)}.${int(0, 15)}.0/24`,
    () => `${int(11, 200)}.${int(0, 255)}.${int(0, 255)}.0/${pick([16, 20, 24, 28])}`,
    () => pick(['VirtualNetwork', 'Internet', 'AzureLoadBalancer', '*']),
  ])();
}

function ports(): Record<string, unknown> {
  const one = () => (random() < 0.5 ? String(int(1, 65535)) : `${int(1000, 30000)}-${int(30001, 60000)}`);
  if (random() < 0.05) return { destinationPortRange: '*', destinationPortRanges: [] };
  if (random() < 0.3) return { destinationPortRange: '', destinationPortRanges: [one(), one(), one()] };
  return { destinationPortRange: one(), destinationPortRanges: [] };
}

function nsg(name: string): Record<string, unknown> {
  const used = { Inbound: new Set<number>(), Outbound: new Set<number>() };
  const rules = Array.from({ length: RULES }, (_, i) => {
    const direction = i % 2 === 0 ? 'Inbound' : 'Outbound';
    let priority = int(100, 4096);
    while (used[direction].has(priority)) priority = int(100, 4096);
    used[direction].add(priority);
    const many = random() < 0.3;
    return {
      access: random() < 0.5 ? 'Allow' : 'Deny',
      ...(many
        ? { sourceAddressPrefixes: [prefix(), prefix(), prefix()] }
        : { sourceAddressPrefix: prefix(), sourceAddressPrefixes: [] }),
      destinationAddressPrefix: prefix(),
      ...ports(),
      direction,
      id: `${SUB}/networkSecurityGroups/${name}/securityRules/r${i}`,
      name: `r${i}`,
      priority,
      protocol: pick(['Tcp', 'Udp', '*', 'Tcp']),
      sourcePortRange: '*',
      type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    };
  });
  return {
    id: `${SUB}/networkSecurityGroups/${name}`,
    name,
    securityRules: rules,
    type: 'Microsoft.Network/networkSecurityGroups',
  };
}

function vnet(
  name: string,
  space: string,
  subnet: string,
  subnetPrefix: string,
  remote: string,
  remoteSpace: string,
) {
  return {
    addressSpace: { addressPrefixes: [space] },
    id: `${SUB}/virtualNetworks/${name}`,
    name,
    subnets: [
      {
        addressPrefix: subnetPrefix,
        id: `${SUB}/virtualNetworks/${name}/subnets/${subnet}`,
        name: subnet,
        networkSecurityGroup: { id: `${SUB}/networkSecurityGroups/${subnet}-nsg` },
        type: 'Microsoft.Network/virtualNetworks/subnets',
      },
    ],
    type: 'Microsoft.Network/virtualNetworks',
    virtualNetworkPeerings: [
      {
        id: `${SUB}/virtualNetworks/${name}/virtualNetworkPeerings/to-${remote}`,
        name: `to-${remote}`,
        peeringState: 'Connected',
        remoteAddressSpace: { addressPrefixes: [remoteSpace] },
        remoteVirtualNetwork: { id: `${SUB}/virtualNetworks/${remote}` },
        type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
      },
    ],
  };
}

function nic(name: string, ip: string, vnetName: string, subnet: string) {
  return {
    id: `${SUB}/networkInterfaces/${name}`,
    ipConfigurations: [
      {
        name: 'ipconfig1',
        primary: true,
        privateIPAddress: ip,
        subnet: { id: `${SUB}/virtualNetworks/${vnetName}/subnets/${subnet}` },
      },
    ],
    name,
    networkSecurityGroup: { id: `${SUB}/networkSecurityGroups/nic-nsg` },
    type: 'Microsoft.Network/networkInterfaces',
  };
}

const nics = [
  ...Array.from({ length: 40 }, (_, i) =>
    nic(`node-${i}`, `10.1.${Math.floor(i / 200)}.${4 + (i % 200)}`, 'spoke', 'compute'),
  ),
  ...Array.from({ length: 4 }, (_, i) => nic(`cc-${i}`, `10.0.1.${4 + i}`, 'hub', 'cyclecloud')),
];
const files = {
  'vnets.json': JSON.stringify([
    vnet('hub', '10.0.0.0/16', 'cyclecloud', '10.0.1.0/24', 'spoke', '10.1.0.0/16'),
    vnet('spoke', '10.1.0.0/16', 'compute', '10.1.0.0/20', 'hub', '10.0.0.0/16'),
  ]),
  'nsgs.json': JSON.stringify([nsg('cyclecloud-nsg'), nsg('compute-nsg'), nsg('nic-nsg')]),
  'nics.json': JSON.stringify(nics),
};
const evidence = mergeEvidence(
  Object.entries(files).map(([name, text]) => {
    const read = readEvidenceText(name, text);
    if (!read.ok) throw new Error(`${name}: ${read.problem}`);
    return read.evidence;
  }),
);
const addresses = nics.map((n) => n.ipConfigurations[0]?.privateIPAddress as string);
const flows: FlowSpec[] = Array.from({ length: FLOWS }, () => {
  const source = pick(addresses);
  let destination = pick(addresses);
  while (destination === source) destination = pick(addresses);
  return {
    source,
    destination,
    port: pick([22, 443, 9443, 37140, int(1, 65535)]),
    protocol: pick(['tcp', 'udp'] as const),
  };
});

// CPU time, not wall time: the machine is shared, and a process waiting for a core is not doing ccnet's work.
function run(
  index: () => EvidenceIndex,
  count = flows.length,
): { ms: number; wallMs: number; verdicts: Record<string, number> } {
  const verdicts: Record<string, number> = { allow: 0, deny: 0, unknown: 0 };
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const flow of flows.slice(0, count)) {
    const v = verifyFlow(index(), flow);
    if ('problem' in v) throw new Error(v.problem);
    verdicts[v.verdict] = (verdicts[v.verdict] ?? 0) + 1;
  }
  const used = process.cpuUsage(cpu);
  return {
    ms: (used.user + used.system) / 1000,
    wallMs: Number(process.hrtime.bigint() - start) / 1e6,
    verdicts,
  };
}

const warm = new EvidenceIndex(evidence);
const compiledOnce = () => warm;
// A fresh index per flow compiles the four NSGs again for every flow: what ccnet would cost without precompiling.
// It is measured on the first COLD flows of the same list and reported per flow.
const compiledPerFlow = () => new EvidenceIndex(evidence);
const COLD = 20;

for (let i = 0; i < 3; i++) {
  run(compiledOnce);
  run(compiledPerFlow, 5);
}
const once: number[] = [];
const onceWall: number[] = [];
const perFlow: number[] = [];
let verdicts: Record<string, number> = {};
for (let i = 0; i < ROUNDS; i++) {
  const a = run(compiledOnce);
  verdicts = a.verdicts;
  once.push(a.ms);
  onceWall.push(a.wallMs);
  perFlow.push((run(compiledPerFlow, COLD).ms * FLOWS) / COLD);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const rate = (ms: number) => Math.round(FLOWS / (ms / 1000));

console.log(`${FLOWS} flows, 4 NSGs x ${RULES} rules on each path, ${ROUNDS} rounds (medians of CPU time)`);
console.log(
  `verdicts: ${Object.entries(verdicts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);
console.log(
  `rules compiled once:     ${rate(median(once)).toLocaleString('en-US').padStart(9)} flows/s  (${median(once).toFixed(1)} ms per 1,000)`,
);
console.log(
  `rules compiled per flow: ${rate(median(perFlow)).toLocaleString('en-US').padStart(9)} flows/s  (${COLD} flows a round, scaled to 1,000)`,
);
console.log(
  `(wall clock, compiled once: ${rate(median(onceWall)).toLocaleString('en-US')} flows/s on this machine's load)`,
);
console.log(`ratio per-flow/once: ${(median(perFlow) / median(once)).toFixed(1)}`);
console.log(`flows/s: ${rate(median(once))} (target >= 50000)`);
