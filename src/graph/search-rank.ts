/**
 * Ranks the candidates search.cypher finds, and says for each hit what matched and where.
 *
 * Tiers, best first (a hit's `score` is its tier plus a fraction, so scores fall as ranks do):
 *   7  the text is the entity's name or Chinese name (compared as name keys: search-text.ts)
 *   6  the text is one of its aliases or the pinyin of a Chinese name
 *   5  the text starts a name, alias or pinyin ("Zhong", "天津滨海", "zhongguancun")
 *   4  the text is a whole phrase inside one ("Binhai High-tech", "张江高新区", "zhang jiang")
 *   3  every word of the text is in one name, alias or pinyin, in any order
 *   2  every word is in the description or in an evidence quote
 *   1  some words match anywhere
 * Within a tier: domain entities before Sources (Sources are only searched when `types` asks for them);
 * then how much of the name the text covers (tiers 3–5) or how well the words match, weighted by
 * their rarity (Lucene's BM25 score of the cjk index, tiers 1–3); then importance: the entity's number
 * of relations (its degree, evidence not counted); then its key. Nothing is left to chance.
 */
import type { Plain } from '../neo4j/values.ts';
import type { Label } from './ontology.ts';
import type { EntityRecord } from './records.ts';
import { labelOf, toRecord } from './records.ts';
import { isCommonWord } from './search-query.ts';
import {
  compact,
  compactMapped,
  HAN,
  type Mapped,
  nameKey,
  normalise,
  normaliseMapped,
} from './search-text.ts';

export type MatchedIn = 'NAME' | 'ALIAS' | 'DESCRIPTION' | 'EVIDENCE';
export type HighlightField = 'NAME' | 'NAME_ZH' | 'ALIAS' | 'PINYIN' | 'DESCRIPTION' | 'EVIDENCE';

export interface TextRange {
  /** UTF-16 offsets into `text`, end exclusive. */
  start: number;
  end: number;
}

export interface Highlight {
  field: HighlightField;
  text: string;
  ranges: TextRange[];
}

export interface EvidenceMatch {
  quote: string;
  paragraph: number | null;
  /** Key of the Source the quote is from. */
  sourceKey: string | null;
  /** The relation the quote states, or null when it is the entity's own evidence. */
  relation: { type: string; from: EntityRecord; to: EntityRecord } | null;
}

export interface RankedHit {
  score: number;
  tier: number;
  entity: EntityRecord;
  matchedIn: MatchedIn;
  highlights: Highlight[];
  evidence: EvidenceMatch | null;
  degree: number;
}

/** One row of search.cypher. */
export interface CandidateRow {
  kind: 'name' | 'text' | 'evidence';
  node: Record<string, Plain>;
  labels: string[];
  score: number;
  degree: number;
  evidence: {
    quote: string;
    paragraph: number | null;
    type: string;
    other: Record<string, Plain> | null;
    otherLabels: string[];
    sourceKey: string | null;
  } | null;
}

export const TIERS = {
  exactName: 7,
  exactAlias: 6,
  prefix: 5,
  phrase: 4,
  allWordsInName: 3,
  allWordsInText: 2,
  someWords: 1,
} as const;

interface Form {
  field: HighlightField;
  value: string;
  key: string;
  tight: string;
}

interface Query {
  key: string;
  tight: string;
  /** Normalised words of the text. */
  words: string[];
}

const strings = (value: Plain | undefined): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : [];

function formsOf(node: Record<string, Plain>): Form[] {
  const raw: [HighlightField, string][] = [
    ...strings(node.name).map((v): [HighlightField, string] => ['NAME', v]),
    ...strings(node.nameZh).map((v): [HighlightField, string] => ['NAME_ZH', v]),
    ...strings(node.aliases).map((v): [HighlightField, string] => ['ALIAS', v]),
    ...strings(node.pinyin).map((v): [HighlightField, string] => ['PINYIN', v]),
  ];
  return raw.map(([field, value]) => {
    const key = nameKey(value);
    return { field, value, key, tight: compact(key) };
  });
}

const isNameField = (field: HighlightField) => field === 'NAME' || field === 'NAME_ZH';

/** Whether `word` is a word of `text` (both normalised): whole, or the start of one; Chinese anywhere. */
function hasWord(text: string, word: string): boolean {
  if (HAN.test(word)) return text.includes(word);
  return ` ${text}`.includes(` ${word}`);
}

/** Whether `phrase` stands inside `text` as whole words (Chinese: anywhere). */
function hasPhrase(text: string, phrase: string): boolean {
  if (HAN.test(phrase)) return text.includes(phrase);
  return ` ${text} `.includes(` ${phrase} `);
}

/** The best name match of an entity: its tier, form and coverage (0–1), or null. */
function nameMatch(forms: Form[], q: Query): { tier: number; form: Form; coverage: number } | null {
  let best: { tier: number; form: Form; coverage: number } | null = null;
  const consider = (tier: number, form: Form) => {
    const coverage = Math.min(1, q.tight.length / Math.max(1, form.tight.length));
    if (!best || tier > best.tier || (tier === best.tier && coverage > best.coverage))
      best = { tier, form, coverage };
  };
  for (const form of forms) {
    if (!form.key) continue;
    if (form.key === q.key || form.tight === q.tight) {
      consider(isNameField(form.field) ? TIERS.exactName : TIERS.exactAlias, form);
    } else if (form.key.startsWith(q.key) || form.tight.startsWith(q.tight)) {
      consider(TIERS.prefix, form);
    } else if (
      hasPhrase(form.key, q.key) ||
      (form.field === 'PINYIN' && q.tight.length >= 3 && form.tight.includes(q.tight))
    ) {
      consider(TIERS.phrase, form);
    } else if (
      q.words.length > 0 &&
      q.words.every((w) => hasWord(form.key, w) || (form.field === 'PINYIN' && form.tight.includes(w)))
    ) {
      consider(TIERS.allWordsInName, form);
    }
  }
  return best;
}

/** Where each needle occurs in `value` (matched on normalised text), as ranges of the original. */
export function locate(value: string, needles: string[], tight = false): TextRange[] {
  const plain = normaliseMapped(value);
  const mapped: Mapped = tight ? compactMapped(plain) : plain;
  const ranges: TextRange[] = [];
  for (const needle of needles.map((n) => (tight ? compact(n) : n)).filter(Boolean)) {
    // A Chinese word the text does not hold whole matched by its character pairs (the cjk analyzer's).
    if (HAN.test(needle) && !mapped.text.includes(needle) && [...needle].length > 2) {
      ranges.push(...locate(value, pairs(needle), tight));
      continue;
    }
    let at = mapped.text.indexOf(needle);
    while (at >= 0) {
      const wordStart = HAN.test(needle) || tight || at === 0 || mapped.text[at - 1] === ' ';
      if (wordStart) {
        const start = mapped.from[at] as number;
        const end = trimEnd(value, mapped.from[at + needle.length] as number, start);
        ranges.push({ start, end });
      }
      at = mapped.text.indexOf(needle, at + Math.max(1, needle.length));
    }
  }
  return merge(ranges);
}

/** The overlapping character pairs of a word: 张江高新 → 张江, 江高, 高新. */
function pairs(word: string): string[] {
  const chars = [...word];
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/** An end that does not take in the spaces or punctuation between the match and the next word. */
function trimEnd(value: string, end: number, start: number): number {
  let e = end;
  while (e > start && /[^\p{L}\p{N}]/u.test(value[e - 1] as string)) e--;
  return e;
}

function merge(ranges: TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TextRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

function highlightOf(field: HighlightField, value: string, q: Query, tier: number): Highlight {
  if (tier === TIERS.exactName || tier === TIERS.exactAlias) {
    return { field, text: value, ranges: [{ start: 0, end: value.length }] };
  }
  const whole = locate(value, [q.key]);
  if (whole.length) return { field, text: value, ranges: whole };
  const byWords = locate(value, q.words);
  if (byWords.length) return { field, text: value, ranges: byWords };
  // Pinyin typed without spaces ("zhangjiang"), or a compact match.
  return { field, text: value, ranges: locate(value, [q.tight], true) };
}

/** The hit's record, without the search-only property (the names as the index reads them). */
const record = (node: Record<string, Plain>, labels: string[]): EntityRecord => {
  const { searchNames: _, ...props } = node;
  return toRecord(labelOf(labels), props);
};

interface Gathered {
  entity: EntityRecord;
  node: Record<string, Plain>;
  label: Label;
  degree: number;
  textScore: number;
  nameScore: number;
  evidence: { row: NonNullable<CandidateRow['evidence']>; score: number }[];
}

/** The candidates ranked (best first, at most `first`), each with what matched and where. */
export function rankCandidates(
  rows: CandidateRow[],
  text: string,
  first: number,
  searched?: string[],
): RankedHit[] {
  const key = nameKey(text);
  // The words searched (the most distinctive of a long text), without common English words unless
  // that is all there is: "of zhongguancun the" needs "zhongguancun" in a name, not "of".
  const typed = [
    ...new Set(
      normalise((searched ?? [text]).join(' '))
        .split(' ')
        .filter(Boolean),
    ),
  ];
  const words = typed.filter((w) => !isCommonWord(w));
  const q: Query = { key, tight: compact(key), words: words.length ? words : typed };
  const byEntity = new Map<string, Gathered>();
  for (const row of rows) {
    const label = labelOf(row.labels);
    const id = `${label}:${String(row.node.key)}`;
    let gathered = byEntity.get(id);
    if (!gathered) {
      gathered = {
        entity: record(row.node, row.labels),
        node: row.node,
        label,
        degree: Number(row.degree ?? 0),
        textScore: 0,
        nameScore: 0,
        evidence: [],
      };
      byEntity.set(id, gathered);
    }
    const score = Number(row.score ?? 0);
    if (row.kind === 'text') gathered.textScore = Math.max(gathered.textScore, score);
    else if (row.kind === 'name') gathered.nameScore = Math.max(gathered.nameScore, score);
    else if (row.evidence) gathered.evidence.push({ row: row.evidence, score });
  }
  const all = [...byEntity.values()];
  const maxText = Math.max(1e-9, ...all.map((g) => g.textScore));
  const maxEvidence = Math.max(1e-9, ...all.flatMap((g) => g.evidence.map((e) => e.score)));

  const hits = all.map((g) => hitOf(g, q, maxText, maxEvidence));
  hits.sort(
    (a, b) =>
      b.score - a.score ||
      b.degree - a.degree ||
      (a.entity.key < b.entity.key ? -1 : a.entity.key > b.entity.key ? 1 : 0) ||
      a.entity.__label.localeCompare(b.entity.__label),
  );
  // Highlights (the slow part: a map back to the original text) only for the hits returned.
  return hits.slice(0, first).map(({ highlight, ...hit }) => ({ ...hit, highlights: highlight() }));
}

type Unlit = Omit<RankedHit, 'highlights'> & { highlight: () => Highlight[] };

function hitOf(g: Gathered, q: Query, maxText: number, maxEvidence: number): Unlit {
  const domain = g.label === 'Source' ? 0 : 1;
  const scored = (tier: number, within: number) =>
    tier + domain * 0.5 + 0.49 * Math.max(0, Math.min(1, within));
  const base = { entity: g.entity, degree: g.degree, evidence: null };

  const name = nameMatch(formsOf(g.node), q);
  if (name) {
    const within =
      name.tier >= TIERS.exactAlias
        ? 0
        : name.tier === TIERS.allWordsInName
          ? 0.5 * name.coverage + 0.5 * (g.textScore / maxText)
          : name.coverage;
    return {
      ...base,
      tier: name.tier,
      score: scored(name.tier, within),
      matchedIn: isNameField(name.form.field) ? 'NAME' : 'ALIAS',
      highlight: () => [highlightOf(name.form.field, name.form.value, q, name.tier)],
    };
  }

  const description = strings(g.node.description)[0];
  const descriptionKey = description ? normalise(description) : '';
  const inDescription = q.words.filter((w) => hasWord(descriptionKey, w));
  const bestEvidence = [...g.evidence].sort((a, b) => b.score - a.score)[0];
  const evidenceKey = bestEvidence ? normalise(bestEvidence.row.quote ?? '') : '';
  const inEvidence = q.words.filter((w) => hasWord(evidenceKey, w));

  const descriptionAll = description && inDescription.length === q.words.length;
  const evidenceAll = bestEvidence && inEvidence.length === q.words.length;
  // The description when it holds every word (or more of them), else the quote.
  const useEvidence =
    bestEvidence &&
    (evidenceAll ? !descriptionAll : inEvidence.length > inDescription.length || !description);
  if (useEvidence && bestEvidence) {
    const e = bestEvidence.row;
    const tier = evidenceAll ? TIERS.allWordsInText : TIERS.someWords;
    const quote = e.quote ?? '';
    return {
      ...base,
      tier,
      score: scored(tier, bestEvidence.score / maxEvidence),
      matchedIn: 'EVIDENCE',
      highlight: () => [{ field: 'EVIDENCE', text: quote, ranges: locate(quote, q.words) }],
      evidence: {
        quote,
        paragraph: e.paragraph == null ? null : Number(e.paragraph),
        sourceKey: e.sourceKey ?? null,
        relation:
          e.type === 'SOURCED_FROM' || !e.other
            ? null
            : { type: e.type, from: g.entity, to: record(e.other, e.otherLabels) },
      },
    };
  }
  if (description && inDescription.length > 0) {
    const tier = descriptionAll ? TIERS.allWordsInText : TIERS.someWords;
    return {
      ...base,
      tier,
      score: scored(tier, g.textScore / maxText),
      matchedIn: 'DESCRIPTION',
      highlight: () => [{ field: 'DESCRIPTION', text: description, ranges: locate(description, q.words) }],
    };
  }
  // Some words in a name (by the index's analysis: prefixes, Chinese character pairs).
  const forms = formsOf(g.node);
  const form = forms.find((f) => q.words.some((w) => f.key.includes(w) || f.tight.includes(w))) ?? forms[0];
  const nameField = form ? form.field : 'NAME';
  return {
    ...base,
    tier: TIERS.someWords,
    score: scored(TIERS.someWords, Math.max(g.textScore / maxText, g.nameScore > 0 ? 0.1 : 0)),
    matchedIn: isNameField(nameField) ? 'NAME' : 'ALIAS',
    highlight: () =>
      form ? [{ field: nameField, text: form.value, ranges: locate(form.value, q.words) }] : [],
  };
}
