/**
 * Turns what a user types into the three safe Lucene queries of a search (search.cypher):
 *
 * - `names`, for the `entity_names` index (keyword analyzer over the stored name keys, search-text.ts):
 *   the whole text in its key form, exactly and as a prefix of a name or of a name's later words
 *   ("zhangjiang" of "shanghaizhangjianggaoxin…", the compact pinyin of 上海张江高新…);
 * - `text`, for `entity_text` (cjk analyzer over name, nameZh, aliases and description): each word,
 *   name matches weighing more; Latin words also as prefixes ("Zhong" finds Zhongguancun); Chinese
 *   is matched by the analyzer's overlapping character pairs;
 * - `evidence`, for `evidence_text` (cjk analyzer over the quotes of evidence and relations): each word.
 *
 * Every character the classic query parser treats as syntax becomes a space and the words AND/OR/NOT
 * lose their meaning (lower case), so any text is a plain search: "AND OR (" or a lone quote finds what
 * it can instead of failing with a syntax error.
 *
 * Size is bounded before any of this: a text over `maxLength` characters (SEARCH_MAX_LENGTH) is refused.
 * Within it every text is answered: past `maxTerms` different words (SEARCH_MAX_TERMS) the most
 * distinctive are kept (the longest, common English words last), words are cut to a length Lucene's
 * automata take, and if the words would still need too many clauses the most distinctive are kept.
 */
import { SEARCH_DEFAULTS } from './input-rules.ts';
import { compact, HAN, nameKey } from './search-text.ts';

/** Everything the classic Lucene query parser reads as syntax (&& and || are & and | twice). */
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|<>=]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** What the keyword index may not see in a term: anything but letters, digits and spaces. */
const NOT_TERM = /[^\p{L}\p{N} ]/gu;

/**
 * Lucene refuses a query with more than 1,024 clauses (IndexSearcher.maxClauseCount, counted over
 * the whole query); a clause on the default field counts once per indexed property.
 */
const LUCENE_MAX_CLAUSES = 1_024;
const INDEXED_PROPERTIES = 4;
/** name, nameZh and aliases are also asked by name (boosted). */
const NAMED_PROPERTIES = 3;
/** Longer words are cut: a prefix over 1,000 characters is an "automaton too large", a Chinese word of 1,024+ pairs too many clauses. */
export const MAX_WORD_LENGTH = 100;
/** The longest text the keyword index is asked about whole (longer texts are asked by their words only). */
export const MAX_NAME_LENGTH = 200;

/** Common English words: kept last when a text has more words than SEARCH_MAX_TERMS. */
const COMMON = new Set(
  'a an and are as at be by for from has have in into is it its of on or that the this to was were which with'.split(
    ' ',
  ),
);

/** Whether a word is a common English word (searched, but not needed for a match). */
export const isCommonWord = (word: string) => COMMON.has(word);

export interface SearchLimits {
  /** SEARCH_MAX_LENGTH: characters in the text. */
  maxLength: number;
  /** SEARCH_MAX_TERMS: distinct words searched (the most distinctive are kept). */
  maxTerms: number;
}

export class SearchTextError extends Error {
  override name = 'SearchTextError';
}

export interface SearchQueries {
  /** The words searched, lower case, in the order typed (at most SEARCH_MAX_TERMS). */
  words: string[];
  /** True when words were left out (more than SEARCH_MAX_TERMS, or past Lucene's clause limit). */
  trimmed: boolean;
  /** For `entity_names`; null when the text is too long to be a name. */
  names: string | null;
  text: string;
  evidence: string;
}

/** The three queries of a search (see the top of this file). */
export function toSearchQueries(text: string, limits: SearchLimits = SEARCH_DEFAULTS): SearchQueries {
  const all = searchWords(text, limits);
  const distinct = mostDistinctive(all, limits.maxTerms);
  const kept = withinClauseLimit(distinct);
  return {
    words: kept,
    trimmed: kept.length < all.length,
    names: namesQuery(text),
    text: kept.map(clause).join(' '),
    evidence: kept.map(plainClause).join(' '),
  };
}

/** The `entity_text` query alone (what search asked before names and evidence had their own). */
export function toLuceneQuery(text: string, limits: SearchLimits = SEARCH_DEFAULTS): string {
  return toSearchQueries(text, limits).text;
}

/** The distinct words of a text, lower case, operators disarmed; refuses what cannot be searched. */
function searchWords(text: string, limits: SearchLimits): string[] {
  // Before any other work on the text: its length is all a huge one costs.
  if (text.length > limits.maxLength) {
    throw new SearchTextError(
      `Search text is ${text.length} characters long; it may have at most ${limits.maxLength} characters (SEARCH_MAX_LENGTH). Search for a few distinctive words.`,
    );
  }
  const words = [
    ...new Set(
      text
        .replace(LUCENE_SPECIAL, ' ')
        .replace(CONTROL, ' ')
        .split(/\s+/)
        .filter(Boolean)
        // Lower case: the analyzers lower-case the index, and it disarms AND/OR/NOT/TO.
        .map((word) => cut(word.toLowerCase())),
    ),
  ];
  if (words.length === 0) {
    throw new SearchTextError(
      text.trim() === ''
        ? 'Search text is empty: give at least one word, e.g. "Zhongguancun" or "中关村".'
        : `Search text "${text.slice(0, 40)}" has no words to search for, only punctuation.`,
    );
  }
  return words;
}

/** The `max` most distinctive words, in their order: Chinese and longer words first, common words last. */
export function mostDistinctive(words: string[], max: number): string[] {
  if (words.length <= max) return words;
  const weight = (word: string) =>
    (COMMON.has(word) ? 0 : 1_000) + (HAN.test(word) ? 500 : 0) + [...word].length;
  const kept = new Set(
    words
      .map((word, index) => ({ word, index }))
      .sort((a, b) => weight(b.word) - weight(a.word) || a.index - b.index)
      .slice(0, max)
      .map((w) => w.word),
  );
  return words.filter((word) => kept.has(word));
}

/** At most MAX_WORD_LENGTH characters (whole code points: a cut never splits a surrogate pair). */
const cut = (word: string) =>
  word.length <= MAX_WORD_LENGTH ? word : [...word].slice(0, MAX_WORD_LENGTH).join('');

/** Whether a word is searched as a prefix too (see `clause`). */
const expands = (word: string) => (HAN.test(word) ? [...word].length === 1 : word.length >= 2);

/** Lucene clauses a word's `clause` costs: per field, one per character pair of a Chinese word, twice when a prefix. */
export function clauseCost(word: string): number {
  const terms = HAN.test(word) ? Math.max(1, [...word].length - 1) : 1;
  return (NAMED_PROPERTIES + INDEXED_PROPERTIES) * terms * (expands(word) ? 2 : 1);
}

/**
 * The words whose clauses fit Lucene's limit, in their order. When they do not all fit, the longest
 * are kept: a longer word is rarer, so it says more about what is sought.
 */
export function withinClauseLimit(words: string[], budget = LUCENE_MAX_CLAUSES - 24): string[] {
  const total = words.reduce((sum, word) => sum + clauseCost(word), 0);
  if (total <= budget) return words;
  const kept = new Set<string>();
  let used = 0;
  for (const word of [...words].sort((a, b) => b.length - a.length)) {
    if (used + clauseCost(word) > budget) continue;
    kept.add(word);
    used += clauseCost(word);
  }
  return words.filter((word) => kept.has(word));
}

/**
 * A word anywhere, boosted where it is (or starts) a word of a name, so "Zhong" ranks Zhongguancun
 * itself above things that merely mention it. Single letters are not expanded as prefixes.
 */
function clause(word: string): string {
  const named = (w: string, boost: number) =>
    `name:${w}^${boost} OR nameZh:${w}^${boost} OR aliases:${w}^${boost}`;
  // The index holds Chinese as character pairs: a lone character matches the pairs it starts.
  if (HAN.test(word))
    return expands(word) ? `(${named(`${word}*`, 2)} OR ${word}*)` : `(${named(word, 2)} OR ${word})`;
  const exact = `${named(word, 4)} OR ${word}^2`;
  return expands(word) ? `(${exact} OR ${named(`${word}*`, 2)} OR ${word}*)` : `(${exact})`;
}

/** A word in a quote: no boosts, Latin words of 3+ letters also as prefixes. */
function plainClause(word: string): string {
  return !HAN.test(word) && word.length >= 3 ? `(${word} OR ${word}*)` : `(${word})`;
}

/**
 * The whole text against the stored name keys: exactly (key form or compact) and as a prefix (of a
 * name, or of the rest of a name from one of its words on: search-text.ts's searchNames). Keys hold letters, digits and single spaces only, so the
 * terms need no escaping but their spaces (in a prefix or wildcard term).
 */
export function namesQuery(text: string): string | null {
  const key = nameKey(text.slice(0, MAX_NAME_LENGTH * 2))
    .replace(NOT_TERM, ' ')
    .trim();
  if (!key || key.length > MAX_NAME_LENGTH) return null;
  const tight = compact(key);
  const clauses = [`"${key}"^8`];
  if (tight !== key) clauses.push(`"${tight}"^8`);
  const han = HAN.test(tight);
  if (tight.length >= 2 || han) clauses.push(`${tight}*^4`);
  return clauses.join(' OR ');
}
