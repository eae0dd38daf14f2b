// A question in plain words answered from the search index: the topic with the section that answers it first, the
// known message, the specific cause, the link, the port or the rule it found — saying which words it matched.
import type { Explanation } from './explain.ts';
import { CAUSE_FACTS } from './facts/causes.ts';
import { LINK_FACTS } from './facts/links.ts';
import { ENDPOINT_LABELS, PORT_FACTS } from './facts/ports.ts';
import { references } from './facts/sources.ts';
import { TOPICS, type TopicFact } from './facts/topics.ts';
import type { SymptomMatch } from './model.ts';
import type { SearchHit } from './search/index.ts';
import { symptomById } from './symptoms/match.ts';
import type { NetworkLink } from './symptoms/schema.ts';

/** The explanations of a topic, a rule and a known message, built by explain.ts. */
export interface Explainers {
  explainTopic(topic: TopicFact, first?: string): Explanation;
  explainRule(id: string): Explanation;
  explainSymptom(match: SymptomMatch): Explanation;
}

export function explainAnswer(hit: SearchHit, words: readonly string[], x: Explainers): Explanation {
  const foundBy = `found by searching ccnet's facts for your words: matched ${hit.matched.join(', ')} of ${words.join(', ')}`;
  const answer = build(hit, x);
  return { ...answer, foundBy };
}

function build(hit: SearchHit, x: Explainers): Explanation {
  const { doc } = hit;
  switch (doc.kind) {
    case 'topic':
    case 'section': {
      const topic = TOPICS.find((t) => t.id === doc.target);
      if (topic) return x.explainTopic(topic, doc.section);
      break;
    }
    case 'symptom': {
      const match = symptomById(doc.target);
      if (match) return x.explainSymptom(match);
      break;
    }
    case 'rule':
      return x.explainRule(doc.target);
    case 'cause': {
      const cause = CAUSE_FACTS.find((c) => c.key === doc.target);
      if (cause) {
        return {
          kind: 'answer',
          title: firstSentence(cause.cause),
          sections: [
            { heading: 'Answer', lines: [cause.cause], sources: [...cause.sources] },
            { heading: 'Checks', lines: [...cause.checks] },
            { heading: 'On the links', lines: cause.links.map((l) => LINK_FACTS[l].label) },
          ],
          snippets: [],
          references: references(cause.sources),
        };
      }
      break;
    }
    case 'link': {
      const link = LINK_FACTS[doc.target as NetworkLink];
      if (link) {
        const causes = [
          ...new Set(CAUSE_FACTS.filter((c) => c.links.includes(link.link)).map((c) => c.cause)),
        ];
        return {
          kind: 'answer',
          title: link.label,
          sections: [
            { heading: 'Answer', lines: [link.summary] },
            { heading: 'What breaks it', lines: causes.slice(0, 6).map(firstSentence) },
          ],
          snippets: [],
          references: references(link.sources),
        };
      }
      break;
    }
    case 'port': {
      const port = PORT_FACTS.find((p) => p.id === doc.target);
      if (port) {
        return {
          kind: 'answer',
          title: `${ENDPOINT_LABELS[port.from]} -> ${ENDPOINT_LABELS[port.to]}: TCP ${port.port}`,
          sections: [
            {
              heading: 'Answer',
              lines: [
                `${ENDPOINT_LABELS[port.from]} -> ${ENDPOINT_LABELS[port.to]} on TCP ${port.port}: ${port.purpose} (CycleCloud ${port.versions.join(' and ')}).`,
              ],
            },
          ],
          snippets: [],
          references: references(port.sources),
        };
      }
      break;
    }
  }
  return x.explainTopic(TOPICS[0] as TopicFact);
}

function firstSentence(text: string): string {
  const end = text.search(/[.:](\s|$)/);
  return end > 0 ? text.slice(0, end + 1).replace(/:$/, '.') : text;
}
