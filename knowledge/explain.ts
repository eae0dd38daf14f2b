// `explain <topic | rule id | error text>`: topics from facts/topics, rules from the rule table, pasted error
// messages through the symptom matcher. Anything else: the list of what ccnet can explain.

import { namesFor } from './evaluator/names.ts';
import { EVALUATOR_RULES, TEMPLATE_RULES } from './evaluator/rules.ts';
import { bastionConnect, bastionNsg, createBastion, jumpBoxConnect } from './evaluator/snippets/bastion.ts';
import {
  egressNsgRules,
  httpProxySettings,
  prestageProjects,
  storagePrivateDns,
} from './evaluator/snippets/egress.ts';
import { logSnippet } from './evaluator/snippets/logs.ts';
import { directNsgRules, findTheFilter, firewallRules, proxyNsgRules } from './evaluator/snippets/nsg.ts';
import {
  hubRouting,
  missingPeeringSide,
  peeringCommands,
  privateDnsLinks,
} from './evaluator/snippets/peering.ts';
import { proxyOnSnippets } from './evaluator/snippets/proxy.ts';
import { bashSnippet } from './evaluator/snippets/shell.ts';
import { shellVars } from './evaluator/snippets/vars.ts';
import { verifySnippet } from './evaluator/snippets/verify.ts';
import { gatewayTransit, siteToSiteVpn, vnetToVnetVpn } from './evaluator/snippets/vpn.ts';
import { explainAnswer } from './explain-answer.ts';
import { references, type SourceTag } from './facts/sources.ts';
import { SYMPTOM_FACTS } from './facts/symptoms.ts';
import { TOPICS, type TopicFact } from './facts/topics.ts';
import type { Reference, Snippet, SymptomMatch } from './model.ts';
import { searchKnowledge } from './search/index.ts';
import { matchSymptom, symptomById } from './symptoms/match.ts';

export interface Topic {
  id: string;
  title: string;
  summary: string;
}

interface ExplanationSection {
  heading: string;
  lines: string[];
  /** Source tags of what the section says (each among `references`), cited beside it. */
  sources?: string[];
}

export interface Explanation {
  /** answer: a fact found by searching for the words of a question. */
  kind: 'topic' | 'symptom' | 'rule' | 'answer' | 'unknown';
  title: string;
  sections: ExplanationSection[];
  snippets: Snippet[];
  references: Reference[];
  symptom?: SymptomMatch;
  /** How the text was understood, in plain words: an id, an error match, or a search and the words it matched. */
  foundBy?: string;
}

export function listTopics(): Topic[] {
  return TOPICS.map(({ id, title, summary }) => ({ id, title, summary }));
}

export function explain(topicOrText: string): Explanation {
  const text = typeof topicOrText === 'string' ? topicOrText : '';
  const key = normalizeKey(text);
  const topic = exactTopic(key);
  if (topic) return explainTopic(topic);
  const rule = TEMPLATE_RULES.find((r) => r.id.toLowerCase() === key);
  if (rule) return explainRule(rule.id);
  const byId = symptomById(key);
  if (byId) return explainSymptom(byId);
  // An error message beats a topic it happens to name ("Unable to setup return proxy").
  const match = matchSymptom(text);
  if (match.recognised) return explainSymptom(match);
  const named = topicNamedIn(key);
  if (named) return explainTopic(named);
  // Questions go to the search index; unrecognised error text is never answered with a look-alike fact.
  const found = looksLikeQuestion(text) ? searchKnowledge(text) : null;
  if (found?.answer)
    return explainAnswer(found.answer, found.words, { explainTopic, explainRule, explainSymptom });
  return unknown(text, match, found?.closest ?? []);
}

const QUESTION_WORDS = new Set(
  'what which how why where when who whom whose do does did can could should would is are was will explain tell show help list'.split(
    ' ',
  ),
);

/** A question or a few plain words, as opposed to pasted error text (punctuation of logs, or many lines). */
function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 300 || trimmed.includes('\n')) return false;
  if (trimmed.endsWith('?')) return true;
  const first = trimmed.split(/\s+/, 1)[0]?.toLowerCase() ?? '';
  if (QUESTION_WORDS.has(first)) return true;
  return trimmed.split(/\s+/).length <= 14 && !/[:()[\]{}=<>|\\]/.test(trimmed);
}

function normalizeKey(text: string): string {
  return text
    .trim()
    .replace(/^[`'"]+|[`'"]+$/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

function exactTopic(key: string): TopicFact | undefined {
  const dashed = key.replace(/[ _]/g, '-');
  return TOPICS.find((t) => t.id === key || t.id === dashed || t.aliases.includes(key));
}

/** A short question naming exactly one topic ("return proxy setup", "what about peering?"). */
function topicNamedIn(key: string): TopicFact | undefined {
  if (key === '' || key.split(' ').length > 5) return undefined;
  const padded = ` ${key.replace(/[^a-z0-9.-]+/g, ' ')} `;
  const named = TOPICS.filter((t) => [t.id, ...t.aliases].some((name) => padded.includes(` ${name} `)));
  return named.length === 1 ? named[0] : undefined;
}

/** A topic; `first` names the section that answers the question, shown before the rest. */
function explainTopic(topic: TopicFact, first?: string): Explanation {
  const answer = first === undefined ? undefined : topic.sections.find((s) => s.heading === first);
  const rest = topic.sections.filter((s) => s !== answer);
  return {
    kind: 'topic',
    title: topic.title,
    sections: [
      ...(answer
        ? [{ heading: `Answer: ${answer.heading}`, lines: [...answer.lines], sources: [...answer.sources] }]
        : []),
      { heading: 'In short', lines: [topic.summary] },
      ...rest.map((s) => ({ heading: s.heading, lines: [...s.lines], sources: [...s.sources] })),
    ],
    snippets: TOPIC_SNIPPETS[topic.id]?.() ?? [],
    references: references(topic.sections.flatMap((s) => s.sources)),
  };
}

function explainRule(id: string): Explanation {
  const rule = TEMPLATE_RULES.find((r) => r.id === id);
  const own = EVALUATOR_RULES.find((r) => r.id === id);
  const sources: readonly SourceTag[] = own?.sources ?? [];
  return {
    kind: 'rule',
    title: rule ? `${rule.id}: ${rule.title}` : id,
    sections: rule
      ? [
          { heading: 'Severity', lines: [rule.severity] },
          { heading: 'What it catches', lines: [rule.catches], sources: [...sources] },
          { heading: 'Fix', lines: [rule.fix], sources: [...sources] },
        ]
      : [],
    snippets: [],
    references: references(sources),
  };
}

function explainSymptom(match: SymptomMatch): Explanation {
  const sections: ExplanationSection[] = [
    { heading: 'Message', lines: [match.message ?? match.headline ?? match.id] },
    { heading: 'Cause', lines: [match.cause], sources: match.references.map((r) => r.source) },
    { heading: 'Confidence', lines: [confidenceOf(match)] },
  ];
  if ((match.lines ?? []).length > 0) {
    sections.push({
      heading: 'Decisive lines',
      lines: (match.lines ?? []).map((l) => `${l.line}: ${l.text}`),
    });
  }
  if (match.implications.length > 0)
    sections.push({ heading: 'What the message tells', lines: [...match.implications] });
  const { host, port, url } = match.extracted;
  const found = [url ? `URL: ${url}` : '', host ? `Host: ${host}` : '', port ? `Port: ${port}` : ''].filter(
    Boolean,
  );
  if (found.length > 0) sections.push({ heading: 'From your text', lines: found });
  sections.push({ heading: 'Checks', lines: [...match.checks] });
  for (const [i, p] of (match.problems ?? []).slice(1).entries()) {
    sections.push({
      heading: `Problem ${i + 2}: ${p.headline}`,
      lines: [...p.lines.map((l) => `${l.line}: ${l.text}`), p.cause, ...p.checks],
    });
  }
  return {
    kind: 'symptom',
    title: match.message ?? match.headline ?? match.id,
    sections,
    snippets: symptomSnippets(match),
    references: match.references,
    symptom: match,
    foundBy: match.headline ?? (match.layer === 'known' ? 'known message' : 'error text'),
  };
}

/** Which layer matched, and whether the cause is the documented one or the likely one. */
function confidenceOf(match: SymptomMatch): string {
  if (match.layer === 'known') {
    return match.certain
      ? 'known message: the documentation gives this cause'
      : 'known message: the documentation gives several causes; check them in order';
  }
  if (match.layer === 'class') {
    return `${match.headline ?? 'error class'}: the likely cause, not a certain one; the checks decide`;
  }
  return 'not recognised';
}

function symptomSnippets(match: SymptomMatch): Snippet[] {
  const url = match.extracted.url;
  const snippets: Snippet[] = [];
  // The curl runs on a node: a failure a person's browser or the CycleCloud VM saw is not checked from there.
  const fromNode = match.link === undefined || match.link.startsWith('node-');
  if (url && fromNode) {
    const target = [{ name: 'TARGET_URL', value: url, hint: 'from the pasted message' }];
    const lines = [
      '# On the node, as the cyclecloud user: any HTTP answer means the path is open',
      'curl -k -m 10 "$TARGET_URL"',
      '# Once it answers: terminate and restart the node',
    ];
    snippets.push(bashSnippet('Check from the node', target, lines, ['CI']));
  } else if (match.id === 'phase-timeout-bootup' || match.id === 'timeout-awaiting-bootup') {
    snippets.push(verifySnippet(match.implies.cyclecloudVersion ?? 8, 'direct', shellVars(generic())));
  }
  if (SYMPTOM_FACTS.find((f) => f.id === match.id)?.nodeLink) snippets.push(logSnippet());
  return snippets;
}

function unknown(
  text: string,
  match: SymptomMatch,
  closest: readonly { id: string; title: string }[],
): Explanation {
  const trimmed = text.trim();
  if (trimmed === '') {
    return {
      kind: 'unknown',
      title: 'What ccnet can explain',
      sections: catalogue(),
      snippets: [],
      references: [],
    };
  }
  // Pasted error text gets the general checklist and a pointer to the catalogue, not the catalogue itself: a hundred
  // lines of topics, messages and rules under a log nobody recognised bury the checklist. Plain words may be a
  // topic ccnet names otherwise, so they still get the whole list.
  const pasted = !looksLikeQuestion(text);
  return {
    kind: 'unknown',
    title: unknownTitle(trimmed),
    // Text that may be an error message still gets the general checklist, never a guessed match.
    symptom: match,
    foundBy: 'not recognised: no known message, error class or fact',
    sections: [
      ...(closest.length > 0
        ? [{ heading: 'Closest topics', lines: closest.map((c) => `${c.id}: ${c.title}`) }]
        : []),
      ...(pasted
        ? [
            {
              heading: 'What ccnet can explain',
              lines: [
                'explain with no text lists every topic; explain <topic> (e.g. explain ports) or a rule id (CCN001) answers one.',
              ],
            },
          ]
        : catalogue()),
    ],
    snippets: [],
    references: [],
  };
}

/** The text quoted on one line (a log's line breaks would split the title), or the count of lines read. */
function unknownTitle(trimmed: string): string {
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '').length;
  if (lines > 1) return `No error message ccnet knows in these ${lines} lines`;
  const flat = trimmed.replace(/\s+/g, ' ');
  const shown = flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
  return `"${shown}" is not a topic, a rule or an error message ccnet knows`;
}

function catalogue(): ExplanationSection[] {
  return [
    { heading: 'Topics', lines: TOPICS.map((t) => `${t.id}: ${t.summary}`) },
    { heading: 'Error messages', lines: SYMPTOM_FACTS.map((s) => `${s.id}: ${s.message}`) },
    { heading: 'Rules', lines: TEMPLATE_RULES.map((r) => `${r.id}: ${r.title}`) },
  ];
}

const generic = () => namesFor(null, null);
const vars = () => shellVars(generic());

const TOPIC_SNIPPETS: Record<string, () => Snippet[]> = {
  ports: () => [directNsgRules(8, generic(), vars(), false)],
  direct: () => [directNsgRules(8, generic(), vars(), false), verifySnippet(8, 'direct', vars())],
  'return-proxy': () => [
    ...proxyOnSnippets(null, generic(), 'linux'),
    proxyNsgRules(8, generic(), vars(), false),
  ],
  peering: () => [
    peeringCommands(generic(), vars()),
    missingPeeringSide(generic(), vars()),
    privateDnsLinks(generic(), vars()),
  ],
  'hub-and-spoke': () => [
    peeringCommands(generic(), vars()),
    hubRouting(generic(), vars(), true),
    firewallRules(8, generic(), vars(), 'direct'),
  ],
  vpn: () => [
    siteToSiteVpn(generic(), vars()),
    vnetToVnetVpn(generic(), vars()),
    gatewayTransit(generic(), vars()),
  ],
  bastion: () => [
    createBastion(vars()),
    bastionConnect(generic(), vars()),
    bastionNsg(generic(), vars()),
    jumpBoxConnect(generic(), vars()),
  ],
  nsg: () => [
    directNsgRules(8, generic(), vars(), false),
    proxyNsgRules(8, generic(), vars(), false),
    findTheFilter(8, vars(), 'direct', true),
  ],
  'locked-down': () => [egressNsgRules(vars()), prestageProjects(vars())],
  'http-proxy': () => httpProxySettings(generic()),
  'private-endpoints': () => [storagePrivateDns(generic(), vars())],
  dns: () => [storagePrivateDns(generic(), vars())],
  storage: () => [verifySnippet(8, 'direct', vars())],
  logs: () => [logSnippet()],
};
