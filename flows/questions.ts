// Every question the flows can ask, in the order the decision procedure needs them (KNOWLEDGE.md), with the facts
// each choice sets and when the question matters. Ids are stable: adapters send them back unchanged.
import type { Situation, SituationKey } from '../knowledge/model.ts';

export const ENTRY_QUESTION = 'entry';
export const ERROR_MESSAGE_QUESTION = 'errorMessage';
export const SYMPTOM_NEXT_QUESTION = 'symptomNext';

/** The main flow's questions; each id is the Situation key it fills. */
const MAIN_QUESTION_IDS = [
  'cyclecloudVersion',
  'serverLocation',
  'peering',
  'hubAndSpoke',
  'privateLink',
  'publicIpAllowed',
  'firewall',
  'proxyCandidateOs',
] as const satisfies readonly SituationKey[];

type MainQuestionId = (typeof MAIN_QUESTION_IDS)[number];
export type QuestionId =
  | typeof ENTRY_QUESTION
  | typeof ERROR_MESSAGE_QUESTION
  | typeof SYMPTOM_NEXT_QUESTION
  | MainQuestionId;

export interface ChoiceDef {
  id: string;
  label: string;
  hint?: string;
  /** What choosing it tells us; empty for "not sure". */
  facts: Partial<Situation>;
}

export interface Wording {
  text: string;
  hint?: string;
  /** Short name for "change an answer" lists. */
  topic: string;
  choices: ChoiceDef[];
}

export interface QuestionDef extends Wording {
  id: QuestionId;
  /** Other words for the same fact on some branch (the proxy OS question asks for the nodes' OS for user access). */
  wordingFor?(s: Situation): Wording | undefined;
  /** The Situation key the question fills (main questions only). */
  fact?: MainQuestionId;
  /** Whether the decision procedure needs this question on the branch `s` is on. */
  applies(s: Situation): boolean;
}

const nodeLink = (s: Situation) => s.link === undefined || s.link === 'node-to-cyclecloud';
const otherVnet = (s: Situation) => nodeLink(s) && s.serverLocation === 'other-vnet';
const onPremises = (s: Situation) => nodeLink(s) && s.serverLocation === 'on-premises';
/** Not peered with each other, and not for overlap: only then can a shared hub be what connects them. */
const notDirectlyPeered = (s: Situation) =>
  otherVnet(s) && (s.peering === 'none' || s.peering === 'policy' || s.peering === 'impossible');
/** Peering is ruled out by policy (or for a reason not given): a VPN may still connect them. */
const peeringForbidden = (s: Situation) => s.peering === 'policy' || s.peering === 'impossible';
/** No private path exists, so a VPN or a public IP decides (KNOWLEDGE.md 2b "cannot peer", 2c). */
const needsPrivatePath = (s: Situation) =>
  onPremises(s) || (otherVnet(s) && peeringForbidden(s) && s.hubAndSpoke !== true);
/** Overlapping address spaces: nothing routes between them, so only the public IP policy decides. */
const overlapping = (s: Situation) => otherVnet(s) && s.peering === 'overlap';
const publicIpDecides = (s: Situation) => (needsPrivatePath(s) && s.privateLink === 'none') || overlapping(s);
const returnProxyBranch = (s: Situation) => publicIpDecides(s) && s.publicIpAllowed === true;

const always = () => true;

export const ENTRY: QuestionDef = {
  id: ENTRY_QUESTION,
  text: 'What do you need help with?',
  topic: 'Starting point',
  choices: [
    {
      id: 'main',
      label: 'Nodes and CycleCloud: set up or fix the connection',
      hint: 'Nodes time out reaching CycleCloud, or you are planning a cluster',
      facts: {},
    },
    {
      id: 'symptom',
      label: 'I have an error message',
      hint: 'Paste it: ccnet names the cause and what to check',
      facts: {},
    },
    {
      id: 'user-access',
      label: "Users can't reach the nodes",
      hint: 'SSH or RDP to cluster nodes through a bastion or jump box',
      facts: { link: 'user-to-node' },
    },
  ],
  applies: always,
};

const ERROR_MESSAGE: QuestionDef = {
  id: ERROR_MESSAGE_QUESTION,
  text: 'Paste the error message (the whole line, as the node or CycleCloud shows it).',
  topic: 'Error message',
  choices: [{ id: 'skip', label: "I don't have it: start the guided check", facts: {} }],
  applies: always,
};

export const SYMPTOM_NEXT: QuestionDef = {
  id: SYMPTOM_NEXT_QUESTION,
  text: 'Continue with the guided check?',
  topic: 'Error message',
  choices: [
    {
      id: 'continue',
      label: 'Continue with the guided check',
      // Shown only when the message settled nothing (replies.ts says "Already known: …" otherwise).
      hint: 'The message answers none of its questions: it asks them all',
      facts: {},
    },
  ],
  applies: always,
};

const MAIN_QUESTIONS: Record<MainQuestionId, QuestionDef> = {
  cyclecloudVersion: {
    id: 'cyclecloudVersion',
    fact: 'cyclecloudVersion',
    text: 'Which CycleCloud version runs the server?',
    hint: 'The web UI shows it under About.',
    topic: 'CycleCloud version',
    choices: [
      { id: '8', label: 'CycleCloud 8', hint: 'Nodes reach it on TCP 9443', facts: { cyclecloudVersion: 8 } },
      {
        id: '7',
        label: 'CycleCloud 7',
        hint: 'Retired in 2023; also needs AMQP 5672',
        facts: { cyclecloudVersion: 7 },
      },
      { id: 'unsure', label: 'Not sure', hint: 'ccnet assumes 8 and says so', facts: {} },
    ],
    applies: nodeLink,
  },
  serverLocation: {
    id: 'serverLocation',
    fact: 'serverLocation',
    text: 'Where does the CycleCloud server run?',
    topic: 'CycleCloud location',
    choices: [
      { id: 'same-vnet', label: "In the cluster's VNet", facts: { serverLocation: 'same-vnet' } },
      {
        id: 'other-vnet',
        label: 'In another Azure VNet',
        hint: 'Any region or subscription',
        facts: { serverLocation: 'other-vnet' },
      },
      {
        id: 'on-premises',
        label: 'On-premises',
        hint: 'Or anywhere outside Azure',
        facts: { serverLocation: 'on-premises' },
      },
    ],
    applies: nodeLink,
  },
  peering: {
    id: 'peering',
    fact: 'peering',
    text: 'Are the CycleCloud VNet and the cluster VNet peered with each other?',
    topic: 'VNet peering',
    choices: [
      {
        id: 'connected',
        label: 'Yes, both sides show Connected',
        facts: { peering: 'connected' },
      },
      {
        id: 'one-way',
        label: 'Only one side',
        hint: 'The portal shows Initiated on one side',
        facts: { peering: 'one-way' },
      },
      {
        id: 'none',
        label: 'Not yet, but they could be',
        hint: "Address spaces don't overlap and policy allows peering",
        facts: { peering: 'none' },
      },
      {
        id: 'overlap',
        label: 'No: their address spaces overlap',
        hint: 'Overlapping ranges cannot be peered or joined by a VPN; `az network vnet show -g RG -n VNET --query addressSpace` shows each range',
        facts: { peering: 'overlap' },
      },
      {
        id: 'policy',
        label: 'No: policy forbids peering',
        hint: 'The address spaces do not overlap, but peering is not allowed',
        facts: { peering: 'policy' },
      },
      {
        id: 'unsure',
        label: 'Not sure',
        hint: '`az network vnet peering list -g RG --vnet-name VNET -o table` on either VNet shows each peering and its state (Connected, Initiated, none); ccnet assumes peering is possible and says so',
        facts: {},
      },
    ],
    applies: otherVnet,
  },
  hubAndSpoke: {
    id: 'hubAndSpoke',
    fact: 'hubAndSpoke',
    text: 'Are both VNets peered only to a shared hub VNet (hub-and-spoke)?',
    hint: 'Peering is not transitive: two spokes do not reach each other through the hub by themselves.',
    topic: 'Hub-and-spoke',
    choices: [
      { id: 'yes', label: 'Yes, both are spokes of one hub', facts: { hubAndSpoke: true } },
      { id: 'no', label: 'No', facts: { hubAndSpoke: false } },
    ],
    applies: notDirectlyPeered,
  },
  privateLink: {
    id: 'privateLink',
    fact: 'privateLink',
    text: 'Is there a VPN or ExpressRoute between the CycleCloud network and the cluster VNet?',
    topic: 'VPN / ExpressRoute',
    choices: [
      { id: 'vpn', label: 'Site-to-site VPN', facts: { privateLink: 'vpn' } },
      { id: 'expressroute', label: 'ExpressRoute', facts: { privateLink: 'expressroute' } },
      { id: 'none', label: 'Neither', facts: { privateLink: 'none' } },
    ],
    applies: needsPrivatePath,
  },
  publicIpAllowed: {
    id: 'publicIpAllowed',
    fact: 'publicIpAllowed',
    text: 'May a cluster VM have a public IP address?',
    hint: 'A return proxy needs one so CycleCloud can reach it.',
    topic: 'Public IPs',
    choices: [
      { id: 'yes', label: 'Yes', facts: { publicIpAllowed: true } },
      {
        id: 'no',
        label: 'No',
        hint: 'A policy forbids public IPs on VMs',
        facts: { publicIpAllowed: false },
      },
    ],
    applies: publicIpDecides,
  },
  firewall: {
    id: 'firewall',
    fact: 'firewall',
    text: 'What filters traffic between the nodes and CycleCloud?',
    topic: 'Firewall',
    choices: [
      { id: 'none', label: 'Nothing', facts: { firewall: 'none' } },
      { id: 'nsg', label: 'Network security groups (NSGs)', facts: { firewall: 'nsg' } },
      {
        id: 'azure-firewall',
        label: 'Azure Firewall or another appliance',
        hint: 'Traffic is routed through it by a route table (UDR)',
        facts: { firewall: 'azure-firewall' },
      },
      { id: 'unknown', label: 'Not sure', facts: { firewall: 'unknown' } },
    ],
    // Spokes of one hub are connected through the hub's firewall whatever sits elsewhere.
    applies: (s) => nodeLink(s) && !(otherVnet(s) && s.hubAndSpoke === true),
  },
  proxyCandidateOs: {
    id: 'proxyCandidateOs',
    fact: 'proxyCandidateOs',
    text: 'Which OS runs the node that would be the return proxy (usually the scheduler)?',
    topic: 'Proxy node OS',
    choices: [
      { id: 'linux', label: 'Linux', facts: { proxyCandidateOs: 'linux' } },
      {
        id: 'windows',
        label: 'Windows',
        hint: 'The proxy must be Linux: ccnet adds a separate Linux node',
        facts: { proxyCandidateOs: 'windows' },
      },
    ],
    applies: (s) => returnProxyBranch(s) || s.link === 'user-to-node',
    // For people reaching nodes, the same fact decides whether RDP 3389 joins SSH 22.
    wordingFor: (s) =>
      s.link === 'user-to-node'
        ? {
            text: 'Which OS do the cluster nodes run?',
            topic: 'Node OS',
            choices: [
              { id: 'linux', label: 'Linux', hint: 'SSH on 22', facts: { proxyCandidateOs: 'linux' } },
              {
                id: 'windows',
                label: 'Windows (some or all)',
                hint: 'RDP on 3389 as well',
                facts: { proxyCandidateOs: 'windows' },
              },
            ],
          }
        : undefined,
  },
};

/** The question in the words of the branch the situation is on. */
export function worded(question: QuestionDef, s: Situation): Wording {
  return question.wordingFor?.(s) ?? question;
}

export const MAIN_QUESTIONS_IN_ORDER: readonly QuestionDef[] = MAIN_QUESTION_IDS.map(
  (id) => MAIN_QUESTIONS[id],
);

/** Every question, in the order the routing state tries them. */
export const ALL_QUESTIONS: readonly QuestionDef[] = [
  ENTRY,
  ERROR_MESSAGE,
  SYMPTOM_NEXT,
  ...MAIN_QUESTIONS_IN_ORDER,
];

const BY_ID = new Map<string, QuestionDef>(ALL_QUESTIONS.map((q) => [q.id, q]));

export function questionById(id: string): QuestionDef | undefined {
  return BY_ID.get(id);
}

export function isQuestionId(id: string): id is QuestionId {
  return BY_ID.has(id);
}

export function choiceOf(question: QuestionDef, choiceId: string): ChoiceDef | undefined {
  return question.choices.find((c) => c.id === choiceId);
}
