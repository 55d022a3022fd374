/**
 * Turns what a user types into a safe Lucene query for the full-text index. Every character the
 * classic query parser treats as syntax becomes a space and the words AND/OR/NOT lose their meaning
 * (lower case), so any text is a plain search: "AND OR (" or a lone quote finds what it can instead of
 * failing with a syntax error. Latin words also match as prefixes ("Zhong" finds Zhongguancun);
 * Chinese text is left to the cjk analyzer, which matches it by overlapping character pairs.
 *
 * Size is bounded before any of this: a text over `maxLength` characters or with more than `maxTerms`
 * distinct words is refused (a 1 MB text once drove Neo4j into back-to-back GC). Within those limits
 * the query always fits Lucene's clause limit: words are cut to a length Lucene's automata and
 * tokenizer take, and if the words would still need too many clauses the most distinctive are kept.
 */
import { SEARCH_DEFAULTS } from './input-rules.ts';

/** Everything the classic Lucene query parser reads as syntax (&& and || are & and | twice). */
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|<>=]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const HAN = /\p{Script=Han}/u;

/**
 * Lucene refuses a query with more than 1,024 clauses (IndexSearcher.maxClauseCount); a clause on
 * the default field counts once per indexed property (name, nameZh, aliases, description).
 */
const LUCENE_MAX_CLAUSES = 1_024;
const INDEXED_PROPERTIES = 4;
/** Longer words are cut: a prefix over 1,000 characters is an "automaton too large", a Chinese word of 1,024+ pairs too many clauses. */
export const MAX_WORD_LENGTH = 100;

export interface SearchLimits {
  /** SEARCH_MAX_LENGTH: characters in the text. */
  maxLength: number;
  /** SEARCH_MAX_TERMS: distinct words in the text. */
  maxTerms: number;
}

export class SearchTextError extends Error {
  override name = 'SearchTextError';
}

export function toLuceneQuery(text: string, limits: SearchLimits = SEARCH_DEFAULTS): string {
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
        : `Search text "${text}" has no words to search for, only punctuation.`,
    );
  }
  if (words.length > limits.maxTerms) {
    throw new SearchTextError(
      `Search text has ${words.length} different words; it may have at most ${limits.maxTerms} words (SEARCH_MAX_TERMS). Search for the most distinctive ones.`,
    );
  }
  return withinClauseLimit(words).map(clause).join(' ');
}

/** At most MAX_WORD_LENGTH characters (whole code points: a cut never splits a surrogate pair). */
const cut = (word: string) =>
  word.length <= MAX_WORD_LENGTH ? word : [...word].slice(0, MAX_WORD_LENGTH).join('');

/** Whether a word is searched as a prefix too (see `clause`). */
const expands = (word: string) => (HAN.test(word) ? word.length === 1 : word.length >= 2);

/** Lucene clauses a word's `clause` costs: name plus every indexed property, twice when a prefix. */
export function clauseCost(word: string): number {
  return (1 + INDEXED_PROPERTIES) * (expands(word) ? 2 : 1);
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
 * A word anywhere, boosted where it is (or starts) a word of the name, so "Zhong" ranks Zhongguancun
 * itself above things that merely mention it. Single letters are not expanded as prefixes.
 */
function clause(word: string): string {
  // The index holds Chinese as character pairs: a lone character matches the pairs it starts.
  if (HAN.test(word))
    return word.length === 1 ? `(name:${word}*^2 OR ${word}*)` : `(name:${word}^2 OR ${word})`;
  const exact = `name:${word}^4 OR ${word}^2`;
  return expands(word) ? `(${exact} OR name:${word}*^2 OR ${word}*)` : `(${exact})`;
}
