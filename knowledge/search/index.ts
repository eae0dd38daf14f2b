// A small full-text index over what ccnet knows: topics and their sections, known messages, specific causes, links,
// ports and rules. No network, no model: MiniSearch (BM25 with prefix and fuzzy matching) over the canonical words
// of words.ts. A question is answered only when its words are mostly found in one fact; else the closest topics.
import MiniSearch from 'minisearch';
import { TEMPLATE_RULES } from '../evaluator/rules.ts';
import { CAUSE_FACTS } from '../facts/causes.ts';
import { LINK_FACTS } from '../facts/links.ts';
import { ENDPOINT_LABELS, PORT_FACTS } from '../facts/ports.ts';
import { SYMPTOM_FACTS } from '../facts/symptoms.ts';
import { TOPICS } from '../facts/topics.ts';
import { canonicalWord, contentWords, normalizeWords } from './words.ts';

type HitKind = 'topic' | 'section' | 'symptom' | 'cause' | 'link' | 'port' | 'rule';

interface SearchDoc {
  id: string;
  kind: HitKind;
  /** The thing to show: a topic id, a symptom id, a cause key, a link, a port fact id, a rule id. */
  target: string;
  /** For a section: its heading. */
  section?: string;
  title: string;
  text: string;
}

export interface SearchHit {
  doc: SearchDoc;
  score: number;
  /** The question's canonical words found in the fact. */
  matched: string[];
}

export interface SearchResult {
  /** The question's canonical words. */
  words: string[];
  /** The best fact when it covers enough of the question, else null. */
  answer: SearchHit | null;
  /** The closest topics, best first (at most three), for a question ccnet cannot answer. */
  closest: { id: string; title: string }[];
}

/** Share of the question's telling words the best fact must hold to be the answer. */
const MIN_COVERAGE = 0.5;
/** A word in more than this share of the facts tells nothing about which one is meant ("cyclecloud", "node"). */
const COMMON = 0.15;

function documents(): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const t of TOPICS) {
    docs.push({
      id: `topic:${t.id}`,
      kind: 'topic',
      target: t.id,
      title: t.title,
      text: [t.id.replace(/-/g, ' '), t.summary, ...t.aliases].join(' '),
    });
    for (const s of t.sections) {
      docs.push({
        id: `section:${t.id}:${s.heading}`,
        kind: 'section',
        target: t.id,
        section: s.heading,
        title: `${t.title}: ${s.heading}`,
        text: [t.title, ...t.aliases, s.heading, ...s.lines].join(' '),
      });
    }
  }
  for (const f of SYMPTOM_FACTS) {
    docs.push({
      id: `symptom:${f.id}`,
      kind: 'symptom',
      target: f.id,
      title: f.message,
      text: `${f.message} ${f.cause}`,
    });
  }
  const causes = new Set<string>();
  for (const c of CAUSE_FACTS) {
    if (causes.has(c.key)) continue;
    causes.add(c.key);
    docs.push({
      id: `cause:${c.key}`,
      kind: 'cause',
      target: c.key,
      title: c.key,
      text: `${c.cause} ${c.checks.join(' ')}`,
    });
  }
  for (const l of Object.values(LINK_FACTS)) {
    docs.push({
      id: `link:${l.link}`,
      kind: 'link',
      target: l.link,
      title: l.label,
      text: `${l.label} ${l.summary}`,
    });
  }
  for (const p of PORT_FACTS) {
    docs.push({
      id: `port:${p.id}`,
      kind: 'port',
      target: p.id,
      title: `${ENDPOINT_LABELS[p.from]} -> ${ENDPOINT_LABELS[p.to]} TCP ${p.port}`,
      text: `port ${p.port} ${ENDPOINT_LABELS[p.from]} ${ENDPOINT_LABELS[p.to]} ${p.purpose} ${p.versions.map((v) => `cyclecloud ${v}`).join(' ')}`,
    });
  }
  for (const r of TEMPLATE_RULES) {
    docs.push({
      id: `rule:${r.id}`,
      kind: 'rule',
      target: r.id,
      title: `${r.id}: ${r.title}`,
      text: `${r.title} ${r.catches} ${r.fix}`,
    });
  }
  return docs;
}

const KIND_BOOST: Readonly<Record<string, number>> = { topic: 1.5, section: 1.5, rule: 0.5, port: 0.7 };
const docKind = (id: string) => id.slice(0, id.indexOf(':'));

const tokenize = (text: string) => normalizeWords(text).split(/[^a-z0-9._/-]+/);
const processTerm = (term: string) => {
  const word = canonicalWord(term.replace(/^[._/-]+|[._/-]+$/g, ''));
  return word && word.length > 0 ? word : null;
};

interface Index {
  search: MiniSearch<SearchDoc>;
  docs: Map<string, SearchDoc>;
  /** Canonical words found in more than COMMON of the documents. */
  common: Set<string>;
}

let built: Index | null = null;

/** Built once on first use (a few hundred small documents, milliseconds). */
function index(): Index {
  if (built) return built;
  const docs = documents();
  const frequency = new Map<string, number>();
  for (const d of docs) {
    for (const w of new Set(tokenize(`${d.title} ${d.text}`).map(processTerm))) {
      if (w) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    }
  }
  const common = new Set([...frequency].filter(([, n]) => n / docs.length > COMMON).map(([w]) => w));
  const search = new MiniSearch<SearchDoc>({
    fields: ['title', 'text'],
    storeFields: ['id'],
    tokenize,
    processTerm,
    searchOptions: {
      boost: { title: 2 },
      prefix: (t) => t.length >= 5,
      fuzzy: (t) => (t.length >= 6 ? 0.2 : 0),
      // Topics answer questions; a rule or a port line is the answer only when nothing broader fits.
      boostDocument: (id) => KIND_BOOST[docKind(String(id))] ?? 1,
    },
  });
  search.addAll(docs);
  built = { search, docs: new Map(docs.map((d) => [d.id, d])), common };
  return built;
}

export function searchKnowledge(question: string): SearchResult {
  const words = contentWords(typeof question === 'string' ? question.slice(0, 2000) : '');
  if (words.length === 0) return { words, answer: null, closest: [] };
  const { search, docs, common } = index();
  // Coverage counts the telling words; a question of common words only is judged on all of them.
  const telling = words.filter((w) => !common.has(w));
  const judged = telling.length > 0 ? telling : words;
  const results = search.search(words.join(' '), { combineWith: 'OR' });
  const hits: SearchHit[] = results.flatMap((r) => {
    const doc = docs.get(String(r.id));
    if (!doc) return [];
    const matched = words.filter((w) => r.queryTerms.includes(w));
    return [{ doc, score: r.score, matched }];
  });
  // The answer covers most of the question; among those, the highest score (BM25 favours specific facts).
  const covering = hits.filter(
    (h) => judged.filter((w) => h.matched.includes(w)).length / judged.length >= MIN_COVERAGE,
  );
  const answer = covering[0] ?? null;
  const closest: { id: string; title: string }[] = [];
  for (const h of hits) {
    const topic = h.doc.kind === 'topic' || h.doc.kind === 'section' ? h.doc.target : null;
    if (topic === null || closest.some((c) => c.id === topic)) continue;
    closest.push({ id: topic, title: TOPICS.find((t) => t.id === topic)?.title ?? topic });
    if (closest.length === 3) break;
  }
  return { words, answer, closest };
}
