// ONE scenario suite for every adapter: each scenario is a conversation (answers by choice id, templates, error
// messages, back, restart, change) and what the user must end up with. `runScenarioSuite(name, makeDriver)` runs
// them all through a driver: the FlowRunner directly, the terminal chat over piped stdin, the Slack app via Bolt.
import { describe, expect, it } from 'vitest';
import { parseProfile, type TeamProfile } from '../../flows/profile.ts';
import type { EntryPoint, FactSource, FlowEvent, Reply } from '../../flows/types.ts';
import { MESSAGES, TEMPLATES } from './fixtures.ts';

export { MESSAGES, TEMPLATES };

import type { ConnectivityOption, SituationKey } from '../../knowledge/model.ts';

type ScenarioStep =
  | { answer: string }
  | { template: string; fileName?: string }
  | { symptom: string }
  | 'back'
  | 'restart'
  | { change: string };

interface ScenarioExpect {
  option: ConnectivityOption;
  /** Ports that must appear in the recommendation's required flows. */
  flowPorts?: number[];
  /** Ports that must not. */
  absentPorts?: number[];
  /** Rule ids that must be among the final diagnosis' findings. */
  findingRules?: string[];
  /** Text the user must have seen somewhere in the conversation. */
  text?: string[];
  /** The question ids asked, in order (repeats included). */
  asked?: string[];
  /** Where facts of the final diagnosis came from. */
  sources?: Partial<Record<SituationKey, FactSource>>;
}

export interface Scenario {
  name: string;
  entry?: EntryPoint;
  /** Team profile INI text. */
  profile?: string;
  steps: ScenarioStep[];
  expect: ScenarioExpect;
}

export interface ScenarioDriver {
  start(entry: EntryPoint | undefined, profile: TeamProfile | undefined): Promise<Reply[]>;
  send(event: FlowEvent): Promise<Reply[]>;
  /** Everything the user saw so far, as text. */
  transcript(): string;
  close?(): Promise<void>;
}

const CC8_DIRECT = { flowPorts: [9443, 22], absentPorts: [5672, 37140, 37141] };

const SCENARIOS: Scenario[] = [
  {
    name: 'L1 same VNet, CycleCloud 8: direct on 9443',
    entry: 'main',
    steps: [{ answer: '8' }, { answer: 'same-vnet' }, { answer: 'nsg' }],
    expect: { option: 'direct', ...CC8_DIRECT, asked: ['cyclecloudVersion', 'serverLocation', 'firewall'] },
  },
  {
    name: 'L1 same VNet, CycleCloud 7: direct with AMQP 5672',
    entry: 'main',
    steps: [{ answer: '7' }, { answer: 'same-vnet' }, { answer: 'none' }],
    expect: { option: 'direct', flowPorts: [5672, 22], absentPorts: [37140] },
  },
  {
    name: 'L1 version unknown: CycleCloud 8 assumed and said so',
    entry: 'main',
    steps: [{ answer: 'unsure' }, { answer: 'same-vnet' }, { answer: 'unknown' }],
    expect: { option: 'direct', ...CC8_DIRECT, text: ['CycleCloud 8 assumed'] },
  },
  {
    name: 'L2 peered VNets (Connected): no hub question',
    entry: 'main',
    steps: [{ answer: '8' }, { answer: 'other-vnet' }, { answer: 'connected' }, { answer: 'nsg' }],
    expect: {
      option: 'vnet-peering',
      ...CC8_DIRECT,
      asked: ['cyclecloudVersion', 'serverLocation', 'peering', 'firewall'],
    },
  },
  {
    name: 'L2 one-way peering: complete the second direction',
    entry: 'main',
    steps: [{ answer: '8' }, { answer: 'other-vnet' }, { answer: 'one-way' }, { answer: 'nsg' }],
    expect: { option: 'vnet-peering', flowPorts: [9443], text: ['Initiated'] },
  },
  {
    name: 'L2 not peered yet: peer both directions',
    entry: 'main',
    steps: [
      { answer: '8' },
      { answer: 'other-vnet' },
      { answer: 'none' },
      { answer: 'no' },
      { answer: 'nsg' },
    ],
    expect: {
      option: 'vnet-peering',
      ...CC8_DIRECT,
      text: ['az network vnet peering create'],
      asked: ['cyclecloudVersion', 'serverLocation', 'peering', 'hubAndSpoke', 'firewall'],
    },
  },
  {
    name: 'L2 hub-and-spoke: connect the spokes, no firewall question',
    entry: 'main',
    steps: [{ answer: '8' }, { answer: 'other-vnet' }, { answer: 'none' }, { answer: 'yes' }],
    expect: {
      option: 'vnet-peering',
      flowPorts: [9443],
      text: ['hub'],
      asked: ['cyclecloudVersion', 'serverLocation', 'peering', 'hubAndSpoke'],
    },
  },
  {
    name: 'L2 spokes that cannot peer directly route through the hub',
    entry: 'main',
    steps: [{ answer: '8' }, { answer: 'other-vnet' }, { answer: 'policy' }, { answer: 'yes' }],
    expect: { option: 'vnet-peering', absentPorts: [37140] },
  },
  {
    name: 'overlapping address spaces, public IP allowed: return proxy, no hub or VPN question',
    entry: 'main',
    steps: [
      { answer: '8' },
      { answer: 'other-vnet' },
      { answer: 'overlap' },
      { answer: 'yes' },
      { answer: 'nsg' },
      { answer: 'linux' },
    ],
    expect: {
      option: 'return-proxy',
      flowPorts: [37140, 22],
      absentPorts: [5672, 37141],
      text: ['address spaces overlap'],
      asked: [
        'cyclecloudVersion',
        'serverLocation',
        'peering',
        'publicIpAllowed',
        'firewall',
        'proxyCandidateOs',
      ],
    },
  },
  {
    name: 'overlapping address spaces, no public IP: CycleCloud in the cluster VNet, never a VNet-to-VNet VPN',
    entry: 'main',
    steps: [
      { answer: '8' },
      { answer: 'other-vnet' },
      { answer: 'overlap' },
      { answer: 'no' },
      { answer: 'nsg' },
    ],
    expect: {
      option: 'direct',
      flowPorts: [9443, 22],
      absentPorts: [37140],
      text: ["Run CycleCloud in the cluster's VNet"],
      asked: ['cyclecloudVersion', 'serverLocation', 'peering', 'publicIpAllowed', 'firewall'],
    },
  },
  {
    name: 'L1 Azure Firewall in the path: a network rule for 9443',
    entry: 'main',
    steps: [{ answer: '8' }, { answer: 'same-vnet' }, { answer: 'azure-firewall' }],
    expect: { option: 'direct', flowPorts: [9443], text: ['Azure Firewall sits in the path'] },
  },
  {
    name: 'L1 cannot peer but a VPN exists: direct over it',
    entry: 'main',
    steps: [
      { answer: '8' },
      { answer: 'other-vnet' },
      { answer: 'policy' },
      { answer: 'no' },
      { answer: 'vpn' },
      { answer: 'nsg' },
    ],
    expect: { option: 'direct', ...CC8_DIRECT },
  },
  {
    name: 'L3 cannot peer, public IP allowed: return proxy on 37140',
    entry: 'main',
    steps: [
      { answer: '8' },
      { answer: 'other-vnet' },
      { answer: 'policy' },
      { answer: 'no' },
      { answer: 'none' },
      { answer: 'yes' },
      { answer: 'nsg' },
      { answer: 'linux' },
    ],
    expect: {
      option: 'return-proxy',
      flowPorts: [37140, 22],
      absentPorts: [37141, 5672],
      text: ['IsReturnProxy = true'],
      asked: [
        'cyclecloudVersion',
        'serverLocation',
        'peering',
        'hubAndSpoke',
        'privateLink',
        'publicIpAllowed',
        'firewall',
        'proxyCandidateOs',
      ],
    },
  },
  {
    name: 'L4 cannot peer, no public IP: VPN, and no proxy question',
    entry: 'main',
    steps: [
      { answer: '8' },
      { answer: 'other-vnet' },
      { answer: 'policy' },
      { answer: 'no' },
      { answer: 'none' },
      { answer: 'no' },
      { answer: 'nsg' },
    ],
    expect: {
      option: 'vpn',
      absentPorts: [37140],
      asked: [
        'cyclecloudVersion',
        'serverLocation',
        'peering',
        'hubAndSpoke',
        'privateLink',
        'publicIpAllowed',
        'firewall',
      ],
    },
  },
  {
    name: 'L1 on-premises over a site-to-site VPN',
    entry: 'main',
    steps: [{ answer: '8' }, { answer: 'on-premises' }, { answer: 'vpn' }, { answer: 'nsg' }],
    expect: {
      option: 'direct',
      ...CC8_DIRECT,
      asked: ['cyclecloudVersion', 'serverLocation', 'privateLink', 'firewall'],
    },
  },
  {
    name: 'L1 on-premises over ExpressRoute, CycleCloud 7',
    entry: 'main',
    steps: [{ answer: '7' }, { answer: 'on-premises' }, { answer: 'expressroute' }, { answer: 'nsg' }],
    expect: { option: 'direct', flowPorts: [5672] },
  },
  {
    name: 'L3 on-premises without VPN, CycleCloud 7: proxy forwards 37140 and 37141',
    entry: 'main',
    steps: [
      { answer: '7' },
      { answer: 'on-premises' },
      { answer: 'none' },
      { answer: 'yes' },
      { answer: 'nsg' },
      { answer: 'linux' },
    ],
    expect: { option: 'return-proxy', flowPorts: [37140, 37141, 22] },
  },
  {
    name: 'L4 on-premises, no VPN and no public IP',
    entry: 'main',
    steps: [
      { answer: '8' },
      { answer: 'on-premises' },
      { answer: 'none' },
      { answer: 'no' },
      { answer: 'none' },
    ],
    expect: { option: 'vpn', absentPorts: [37140] },
  },
  {
    name: 'L3 Windows proxy candidate: a separate Linux proxy node',
    entry: 'main',
    steps: [
      { answer: '8' },
      { answer: 'on-premises' },
      { answer: 'none' },
      { answer: 'yes' },
      { answer: 'nsg' },
      { answer: 'windows' },
    ],
    expect: { option: 'return-proxy', flowPorts: [37140], text: ['[[node proxy]]'] },
  },
  {
    name: "L6 users can't reach Linux nodes: bastion with SSH 22, only the node OS asked",
    entry: 'user-access',
    steps: [{ answer: 'linux' }],
    expect: { option: 'bastion', flowPorts: [22], absentPorts: [3389, 9443], asked: ['proxyCandidateOs'] },
  },
  {
    name: 'L6 Windows nodes, chosen at the first question: RDP 3389 too',
    steps: [{ answer: 'user-access' }, { answer: 'windows' }],
    expect: {
      option: 'bastion',
      flowPorts: [22, 3389],
      asked: ['entry', 'proxyCandidateOs'],
      text: ['Which OS do the cluster nodes run?'],
    },
  },
  {
    name: 'error message first: 9443 reveals CycleCloud 8, so the version is not asked',
    entry: 'symptom',
    steps: [
      { symptom: MESSAGES.timeout9443 },
      { answer: 'continue' },
      { answer: 'same-vnet' },
      { answer: 'nsg' },
    ],
    expect: {
      option: 'direct',
      ...CC8_DIRECT,
      asked: ['errorMessage', 'serverLocation', 'firewall'],
      sources: { cyclecloudVersion: 'symptom', serverLocation: 'answer' },
      text: ['Timed out connecting to CycleCloud'],
    },
  },
  {
    name: 'error message entry skipped: the main flow runs',
    steps: [
      { answer: 'symptom' },
      { answer: 'skip' },
      { answer: '8' },
      { answer: 'same-vnet' },
      { answer: 'nsg' },
    ],
    expect: {
      option: 'direct',
      asked: ['entry', 'errorMessage', 'cyclecloudVersion', 'serverLocation', 'firewall'],
    },
  },
  {
    name: 'error message pasted mid-flow answers the open question',
    entry: 'main',
    steps: [{ symptom: MESSAGES.timeout9443 }, { answer: 'same-vnet' }, { answer: 'nsg' }],
    expect: {
      option: 'direct',
      asked: ['cyclecloudVersion', 'serverLocation', 'firewall'],
      sources: { cyclecloudVersion: 'symptom' },
    },
  },
  {
    name: 'return-proxy message: the proxy listener is explained',
    entry: 'symptom',
    steps: [
      { symptom: MESSAGES.proxyRefused },
      { answer: 'continue' },
      { answer: '8' },
      { answer: 'on-premises' },
      { answer: 'vpn' },
      { answer: 'nsg' },
    ],
    expect: { option: 'direct', text: ['37140'] },
  },
  {
    name: 'template upload pre-answers the proxy OS and reports its findings',
    entry: 'main',
    steps: [
      { answer: '8' },
      { answer: 'on-premises' },
      { template: TEMPLATES.windowsProxy, fileName: 'hpcpack.txt' },
      { answer: 'none' },
      { answer: 'yes' },
      { answer: 'nsg' },
    ],
    expect: {
      option: 'return-proxy',
      findingRules: ['CCN003'],
      asked: [
        'cyclecloudVersion',
        'serverLocation',
        'privateLink',
        'privateLink',
        'publicIpAllowed',
        'firewall',
      ],
      sources: { proxyCandidateOs: 'template' },
    },
  },
  {
    name: 'template with the proxy on a nodearray: finding in the diagnosis',
    entry: 'main',
    steps: [
      { template: TEMPLATES.proxyOnNodearray, fileName: 'slurm.txt' },
      { answer: '8' },
      { answer: 'other-vnet' },
      { answer: 'policy' },
      { answer: 'no' },
      { answer: 'none' },
      { answer: 'yes' },
      { answer: 'nsg' },
      { answer: 'linux' },
    ],
    expect: { option: 'return-proxy', findingRules: ['CCN002'] },
  },
  {
    name: 'team profile answers the version and the firewall',
    entry: 'main',
    profile: '[defaults]\ncyclecloudVersion = 8\nfirewall = nsg\n',
    steps: [{ answer: 'same-vnet' }],
    expect: {
      option: 'direct',
      ...CC8_DIRECT,
      asked: ['serverLocation'],
      sources: { cyclecloudVersion: 'profile', firewall: 'profile', serverLocation: 'answer' },
    },
  },
  {
    name: 'back undoes the last answer and asks it again',
    entry: 'main',
    steps: [{ answer: '8' }, { answer: 'other-vnet' }, 'back', { answer: 'same-vnet' }, { answer: 'nsg' }],
    expect: {
      option: 'direct',
      asked: ['cyclecloudVersion', 'serverLocation', 'peering', 'serverLocation', 'firewall'],
    },
  },
  {
    name: 'back from the diagnosis re-asks the last question',
    entry: 'main',
    steps: [
      { answer: '8' },
      { answer: 'same-vnet' },
      { answer: 'nsg' },
      'back',
      { answer: 'azure-firewall' },
    ],
    expect: { option: 'direct', asked: ['cyclecloudVersion', 'serverLocation', 'firewall', 'firewall'] },
  },
  {
    name: 'restart forgets the answers',
    entry: 'main',
    steps: [
      { answer: '8' },
      { answer: 'on-premises' },
      'restart',
      { answer: '7' },
      { answer: 'same-vnet' },
      { answer: 'none' },
    ],
    expect: {
      option: 'direct',
      flowPorts: [5672],
      asked: [
        'cyclecloudVersion',
        'serverLocation',
        'privateLink',
        'cyclecloudVersion',
        'serverLocation',
        'firewall',
      ],
    },
  },
  {
    name: 'change one answer from the diagnosis: new branch, other answers kept',
    entry: 'main',
    steps: [
      { answer: '8' },
      { answer: 'same-vnet' },
      { answer: 'nsg' },
      { change: 'serverLocation' },
      { answer: 'on-premises' },
      { answer: 'none' },
      { answer: 'no' },
    ],
    expect: {
      option: 'vpn',
      asked: [
        'cyclecloudVersion',
        'serverLocation',
        'firewall',
        'serverLocation',
        'privateLink',
        'publicIpAllowed',
      ],
    },
  },
  {
    name: 'change a fact the team profile gave',
    entry: 'main',
    profile: '[defaults]\ncyclecloudVersion = 8\n',
    steps: [{ answer: 'same-vnet' }, { answer: 'nsg' }, { change: 'cyclecloudVersion' }, { answer: '7' }],
    expect: { option: 'direct', flowPorts: [5672], sources: { cyclecloudVersion: 'answer' } },
  },
];

function profileFrom(text: string): TeamProfile {
  const parsed = parseProfile(text, 'scenario.ini');
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.profile;
}

/** The reply whose choices the next answer picks from. */
function openQuestion(replies: readonly Reply[]): { questionId: string; choices: string[] } | null {
  for (let i = replies.length - 1; i >= 0; i--) {
    const reply = replies[i];
    if (reply?.kind === 'question')
      return { questionId: reply.questionId, choices: reply.choices.map((c) => c.id) };
    if (reply?.kind === 'symptom' && reply.questionId !== undefined && reply.choices.length > 0) {
      return { questionId: reply.questionId, choices: reply.choices.map((c) => c.id) };
    }
    if (reply?.kind === 'diagnosis') return null;
  }
  return null;
}

function stepEvent(step: ScenarioStep, last: readonly Reply[]): FlowEvent {
  if (step === 'back') return { type: 'BACK' };
  if (step === 'restart') return { type: 'RESTART' };
  if ('change' in step) return { type: 'CHANGE', questionId: step.change };
  if ('symptom' in step) return { type: 'SYMPTOM', text: step.symptom };
  if ('template' in step)
    return { type: 'TEMPLATE', fileName: step.fileName ?? 'cluster.txt', text: step.template };
  const open = openQuestion(last);
  if (!open?.choices.includes(step.answer)) {
    throw new Error(`No open question offers "${step.answer}" (open: ${JSON.stringify(open)})`);
  }
  return { type: 'ANSWER', questionId: open.questionId, choiceId: step.answer };
}

export function runScenarioSuite(
  name: string,
  makeDriver: () => ScenarioDriver | Promise<ScenarioDriver>,
  scenarios: readonly Scenario[] = SCENARIOS,
): void {
  describe(`flow scenarios through ${name}`, () => {
    for (const scenario of scenarios) {
      it(scenario.name, async () => {
        const driver = await makeDriver();
        try {
          await play(driver, scenario);
        } finally {
          await driver.close?.();
        }
      });
    }
  });
}

async function play(driver: ScenarioDriver, scenario: Scenario): Promise<void> {
  let last = await driver.start(scenario.entry, scenario.profile ? profileFrom(scenario.profile) : undefined);
  const seen = [...last];
  for (const step of scenario.steps) {
    last = await driver.send(stepEvent(step, last));
    seen.push(...last);
  }
  const notices = seen.filter((r) => r.kind === 'notice');
  expect(notices, 'no notice (invalid, stale or expired) during a scripted conversation').toEqual([]);
  const final = last.at(-1);
  if (final?.kind !== 'diagnosis')
    throw new Error(`The conversation ended on ${JSON.stringify(final)?.slice(0, 300)}`);
  const { expect: want } = scenario;
  const recommendation = final.diagnosis.recommendation;
  expect(recommendation.option).toBe(want.option);
  const ports = recommendation.connections.map((f) => f.port);
  for (const port of want.flowPorts ?? []) expect(ports, `flows include ${port}`).toContain(port);
  for (const port of want.absentPorts ?? []) expect(ports, `flows exclude ${port}`).not.toContain(port);
  const rules = final.diagnosis.findings.map((f) => f.rule);
  for (const rule of want.findingRules ?? []) expect(rules).toContain(rule);
  if (want.asked) {
    expect(seen.flatMap((r) => (r.kind === 'question' ? [r.questionId] : []))).toEqual(want.asked);
  }
  if (want.sources) expect(final.sources).toMatchObject(want.sources);
  const transcript = driver.transcript();
  for (const text of want.text ?? []) expect(transcript).toContain(text);
}

/** Every string and number in replies, one per line: the runner driver's transcript. */
export function replyText(replies: readonly Reply[]): string {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(replies);
  return out.join('\n');
}
