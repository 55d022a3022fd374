/**
 * The questions of the search relevance benchmark, built from the seed data itself (no list written by
 * hand): for every entity, the texts a person would type to find it, each with the entities it must
 * bring first. Used by `npm run bench:search` and by tests/integration/api/search-relevance.test.ts.
 *
 * Kinds of question:
 *   name          its English name, as stored
 *   nameZh        its Chinese name
 *   alias         each alias (short forms, abbreviations, former names: data/reference/aliases.json)
 *   partial       its name without the generic ending it shares with many names ("Tianjin Binhai" of
 *                 "Tianjin Binhai High-tech Industrial Development Zone")
 *   partialZh     the same for the Chinese name ("天津滨海" of "天津滨海高新技术产业开发区")
 *   pinyin        toneless pinyin of the Chinese name, syllables apart ("zhong guan cun ke ji yuan qu")
 *   pinyinPartial toneless pinyin of partialZh, written as one word ("tianjinbinhai")
 *
 * A generic ending is the longest word ending (for Chinese, character ending) that at least
 * GENERIC_MIN names share and that leaves something. Sources are asked for with `types: [SOURCE]`
 * (search leaves them out otherwise); every other entity without `types`.
 *
 * A text can be a question for several entities: "Jilin" names the province and the city, "Ningbo" the
 * zone and the city, "Shanghai Zhangjiang" is the partial name of the zone and of the demonstration
 * zone. Such a question is answered by any of them (`expected` holds them all); the report counts them.
 */
import type { FactDocument, NodeFact } from '../src/graph/facts.ts';
import type { Label } from '../src/graph/ontology.ts';
import { compact, HAN, nameKey, pinyinOf } from '../src/graph/search-text.ts';

export const QUESTION_KINDS = [
  'name',
  'nameZh',
  'alias',
  'partial',
  'partialZh',
  'pinyin',
  'pinyinPartial',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
/** Kinds that must be answered first every time (hit@1 = 100 %). */
export const EXACT_KINDS: readonly QuestionKind[] = ['name', 'nameZh', 'alias'];

export const GENERIC_MIN = 8;

export interface Question {
  kind: QuestionKind;
  text: string;
  /** The entity the question was built from, "Label:key". */
  entity: string;
  label: Label;
  /** Every entity that answers it. */
  expected: string[];
  types: Label[] | null;
}

const ref = (node: NodeFact) => `${node.label}:${node.key}`;

/** The longest generic ending of each name (in units: words, or Chinese characters). */
function genericEndings(names: string[][], join: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const units of names) {
    for (let n = 1; n < units.length; n++) {
      const ending = units.slice(units.length - n).join(join);
      counts.set(ending, (counts.get(ending) ?? 0) + 1);
    }
  }
  return counts;
}

function partialOf(units: string[], counts: Map<string, number>, join: string): string | null {
  for (let n = units.length - 1; n >= 1; n--) {
    if ((counts.get(units.slice(units.length - n).join(join)) ?? 0) >= GENERIC_MIN) {
      return units.slice(0, units.length - n).join(join);
    }
  }
  return null;
}

const latinWords = (name: string) => name.split(/\s+/).filter(Boolean);
const hanChars = (name: string) => [...name];

export function buildQuestions(doc: FactDocument): Question[] {
  const latin = doc.nodes.map((n) => latinWords(n.name));
  const latinCounts = genericEndings(latin, ' ');
  const chinese = doc.nodes.filter((n) => n.nameZh).map((n) => hanChars(n.nameZh as string));
  const chineseCounts = genericEndings(chinese, '');

  const raw: Omit<Question, 'expected'>[] = [];
  for (const node of doc.nodes) {
    const base = {
      entity: ref(node),
      label: node.label,
      types: node.label === 'Source' ? (['Source'] as Label[]) : null,
    };
    const add = (kind: QuestionKind, text: string | null | undefined) => {
      if (text?.trim()) raw.push({ ...base, kind, text });
    };
    add('name', node.name);
    add('nameZh', node.nameZh);
    for (const alias of node.aliases ?? []) add('alias', alias);
    const partial = partialOf(latinWords(node.name), latinCounts, ' ');
    if (partial && nameKey(partial).length >= 3) add('partial', partial);
    if (node.nameZh && HAN.test(node.nameZh)) {
      const partialZh = partialOf(hanChars(node.nameZh), chineseCounts, '');
      if (partialZh && [...partialZh].length >= 2) {
        add('partialZh', partialZh);
        add('pinyinPartial', compact(pinyinOf(partialZh)));
      }
      add('pinyin', pinyinOf(node.nameZh));
    }
  }

  // Who answers a text: for the exact kinds, every entity with that name, Chinese name or alias; for
  // the others, every entity the same kind of question was built from with the same text.
  const exactOwners = new Map<string, Set<string>>();
  const kindOwners = new Map<string, Set<string>>();
  const keyOf = (q: Omit<Question, 'expected'>) => `${q.types?.join(',') ?? ''}|${compact(nameKey(q.text))}`;
  for (const q of raw) {
    const map = EXACT_KINDS.includes(q.kind) ? exactOwners : kindOwners;
    const key = EXACT_KINDS.includes(q.kind) ? keyOf(q) : `${q.kind}|${keyOf(q)}`;
    if (!map.has(key)) map.set(key, new Set());
    map.get(key)?.add(q.entity);
  }
  const seen = new Set<string>();
  const questions: Question[] = [];
  for (const q of raw) {
    const id = `${q.kind}|${q.entity}|${q.text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const owners = EXACT_KINDS.includes(q.kind)
      ? exactOwners.get(keyOf(q))
      : new Set([...(kindOwners.get(`${q.kind}|${keyOf(q)}`) ?? []), ...(exactOwners.get(keyOf(q)) ?? [])]);
    questions.push({ ...q, expected: [...(owners ?? [q.entity])].sort() });
  }
  return questions;
}

export interface Answer {
  question: Question;
  /** 1-based rank of the first expected entity among the hits, or null when absent. */
  rank: number | null;
  /** 1-based rank of the entity the question was built from (strict: a shared text's other owners do not count). */
  ownRank: number | null;
  top: string | null;
  ms: number;
}

export interface Figures {
  questions: number;
  shared: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** MRR counting only the entity each question was built from. */
  strictMrr: number;
}

export function figures(answers: Answer[]): Figures {
  const n = answers.length || 1;
  return {
    questions: answers.length,
    shared: answers.filter((a) => a.question.expected.length > 1).length,
    hit1: answers.filter((a) => a.rank === 1).length / n,
    hit3: answers.filter((a) => a.rank !== null && a.rank <= 3).length / n,
    mrr: answers.reduce((sum, a) => sum + (a.rank ? 1 / a.rank : 0), 0) / n,
    strictMrr: answers.reduce((sum, a) => sum + (a.ownRank ? 1 / a.ownRank : 0), 0) / n,
  };
}

export function ownRankOf(question: Question, hits: string[]): number | null {
  const at = hits.indexOf(question.entity);
  return at < 0 ? null : at + 1;
}

export function rankOf(question: Question, hits: string[]): number | null {
  const at = hits.findIndex((hit) => question.expected.includes(hit));
  return at < 0 ? null : at + 1;
}

export const SEARCH_QUESTION_QUERY = `query($text: String!, $types: [EntityType!], $first: Int) {
  search(text: $text, types: $types, first: $first) { entity { __typename key } }
}`;

/** The EntityType enum value of a label (IndustryCluster → INDUSTRY_CLUSTER). */
export const enumOf = (label: Label) => label.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
