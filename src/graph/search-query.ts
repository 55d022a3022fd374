/**
 * Turns what a user types into a safe Lucene query for the full-text index. Every Lucene operator
 * character is escaped and the words AND/OR/NOT lose their meaning, so any text is a plain search:
 * "AND OR (" or a lone quote finds what it can instead of failing with a syntax error. Latin words
 * also match as prefixes ("Zhong" finds Zhongguancun); Chinese text is left to the cjk analyzer,
 * which matches it by overlapping character pairs.
 */
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;
const HAN = /\p{Script=Han}/u;

export class SearchTextError extends Error {
  override name = 'SearchTextError';
}

export function toLuceneQuery(text: string): string {
  const words = text
    .replace(LUCENE_SPECIAL, ' ')
    .split(/\s+/)
    .filter(Boolean)
    // Lower case: the analyzers lower-case the index, and it disarms AND/OR/NOT.
    .map((word) => word.toLowerCase());
  if (words.length === 0) {
    throw new SearchTextError(
      text.trim() === ''
        ? 'Search text is empty: give at least one word, e.g. "Zhongguancun" or "中关村".'
        : `Search text "${text}" has no words to search for, only punctuation.`,
    );
  }
  return words.map(clause).join(' ');
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
  return word.length < 2 ? `(${exact})` : `(${exact} OR name:${word}*^2 OR ${word}*)`;
}
