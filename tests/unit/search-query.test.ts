import { describe, expect, it } from 'vitest';
import {
  clauseCost,
  MAX_WORD_LENGTH,
  mostDistinctive,
  namesQuery,
  SearchTextError,
  toLuceneQuery,
  toSearchQueries,
  withinClauseLimit,
} from '../../src/graph/search-query.ts';

describe('toLuceneQuery', () => {
  it('matches Latin words exactly and as prefixes, name matches weighing more', () => {
    expect(toLuceneQuery('Zhong')).toBe(
      '(name:zhong^4 OR nameZh:zhong^4 OR aliases:zhong^4 OR zhong^2 OR name:zhong*^2 OR nameZh:zhong*^2 OR aliases:zhong*^2 OR zhong*)',
    );
  });

  it('leaves Chinese to the cjk analyzer, name matches weighing more', () => {
    expect(toLuceneQuery('中关村')).toBe('(name:中关村^2 OR nameZh:中关村^2 OR aliases:中关村^2 OR 中关村)');
  });

  it.each(['AND OR (', '"', 'a:b', 'x~', '[1 TO 2]', 'foo\\', '+-!(){}[]^"~*?:\\/&|'])(
    'disarms every operator in %s',
    (text) => {
      try {
        const query = toLuceneQuery(text);
        expect(ourTermsOnly(query)).toBe(true);
        expect(query).not.toMatch(/\b(AND|NOT)\b/);
      } catch (error) {
        expect(error).toBeInstanceOf(SearchTextError);
      }
    },
  );

  it('refuses empty text with a clear message', () => {
    expect(() => toLuceneQuery('  ')).toThrow(/Search text is empty/);
  });
});

/** True when a query holds nothing but our clauses: fields we name, words without syntax, our boosts. */
function ourTermsOnly(query: string): boolean {
  const inner = query.replace(/^\(|\)$/g, '').split(/\) \(/);
  return inner.every((clause) =>
    clause.split(' OR ').every((term) =>
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may survive.
      /^(?:(?:name|nameZh|aliases):)?[^\s+\-!(){}[\]^"~*?:\\/&|<>=\u0000-\u001f]+\*?(?:\^\d)?$/u.test(term),
    ),
  );
}

describe('toLuceneQuery bounds the text before any work (SEARCH_MAX_LENGTH, SEARCH_MAX_TERMS)', () => {
  it('refuses a text over the length limit, naming the limit and its variable, without echoing it', () => {
    for (const text of ['ab '.repeat(333_333), 'x'.repeat(201)]) {
      let message = '';
      try {
        toLuceneQuery(text);
      } catch (error) {
        expect(error).toBeInstanceOf(SearchTextError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/at most 200 characters \(SEARCH_MAX_LENGTH\)/);
      expect(message.length).toBeLessThan(300);
    }
    expect(() => toLuceneQuery('x'.repeat(200))).not.toThrow();
  });

  it('keeps the most distinctive words past the word limit instead of refusing; repeats count once', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    const queries = toSearchQueries(`${words(20)} zhongguancun the of`);
    expect(queries.words).toHaveLength(16);
    expect(queries.trimmed).toBe(true);
    expect(queries.words).toContain('zhongguancun');
    expect(queries.words).not.toContain('the');
    expect(() => toLuceneQuery(words(16))).not.toThrow();
    expect(toLuceneQuery('torch TORCH torch')).toBe(toLuceneQuery('torch'));
  });

  it('keeps Chinese words and long words first, common English words last', () => {
    expect(mostDistinctive(['the', 'a', 'zhangjiang', '张江', 'of', 'park'], 3)).toEqual([
      'zhangjiang',
      '张江',
      'park',
    ]);
  });

  it('takes other limits (as the config gives them)', () => {
    const limits = { maxLength: 10, maxTerms: 2 };
    expect(() => toLuceneQuery('abcdefghijk', limits)).toThrow(/at most 10 characters/);
    expect(toSearchQueries('ab bc cde', limits).words).toEqual(['ab', 'cde']);
    expect(toLuceneQuery('a b', limits)).toBe(
      '(name:a^4 OR nameZh:a^4 OR aliases:a^4 OR a^2) (name:b^4 OR nameZh:b^4 OR aliases:b^4 OR b^2)',
    );
  });
});

describe('toLuceneQuery fits any text within the limits into Lucene', () => {
  const SYNTAX = '+-!(){}[]^"~*?:\\/&|<>= \t\n\u3000\u0000\u001c';

  /** A random text of the characters Lucene reads as syntax, letters, digits and Chinese. */
  function randomText(seed: number): string {
    const alphabet = `${SYNTAX}abcXYZ019中关村`;
    let x = seed;
    let text = '';
    for (let i = 0; i < 200; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      text += alphabet[x % alphabet.length];
    }
    return text;
  }

  it('leaves no character of Lucene syntax from the user in 500 random texts', () => {
    for (let seed = 1; seed <= 500; seed++) {
      let query: string;
      try {
        query = toLuceneQuery(randomText(seed), { maxLength: 200, maxTerms: 100 });
      } catch (error) {
        expect(error).toBeInstanceOf(SearchTextError);
        continue;
      }
      expect(ourTermsOnly(query), query).toBe(true);
    }
  });

  it('cuts a word past MAX_WORD_LENGTH (no "automaton too large", no 1,024 Chinese pairs)', () => {
    const query = toLuceneQuery('a'.repeat(5_000), { maxLength: 10_000, maxTerms: 16 });
    expect(query).toContain(`name:${'a'.repeat(MAX_WORD_LENGTH)}^4`);
    expect(namesQuery('a'.repeat(5_000))).toBeNull();
    expect(query).not.toContain('a'.repeat(MAX_WORD_LENGTH + 1));
    const chinese = toLuceneQuery('中'.repeat(3_000), { maxLength: 10_000, maxTerms: 16 });
    expect(chinese).not.toContain('中'.repeat(MAX_WORD_LENGTH + 1));
  });

  it('keeps the most distinctive (longest) words when the clauses would pass Lucene’s limit', () => {
    const words = [...Array.from({ length: 150 }, (_, i) => `w${i}`), 'zhongguancun', 'torch'];
    const kept = withinClauseLimit(words);
    expect(kept.reduce((sum, w) => sum + clauseCost(w), 0)).toBeLessThanOrEqual(1_000);
    expect(kept).toContain('zhongguancun');
    expect(kept).toContain('torch');
    expect(kept.length).toBeLessThan(words.length);
    // Kept in the order typed.
    expect(kept).toEqual(words.filter((w) => kept.includes(w)));
    // Never more than the limit allows, whatever the configured SEARCH_MAX_TERMS.
    const query = toLuceneQuery(words.slice(0, 100).join(' '), { maxLength: 10_000, maxTerms: 100 });
    expect(query.match(/\(/g)?.length).toBeLessThanOrEqual(100);
  });

  it('counts a Chinese word by its character pairs', () => {
    expect(clauseCost('中关村科技园区')).toBe(7 * 6);
    const kept = withinClauseLimit(['中'.repeat(100), '中关村']);
    expect(kept.reduce((sum, w) => sum + clauseCost(w), 0)).toBeLessThanOrEqual(1_000);
  });
});

describe('namesQuery (the entity_names keyword index)', () => {
  it('asks for the whole text as a name key: exactly, compact, as a prefix and inside', () => {
    expect(namesQuery('Zhongguancun Science-Park')).toBe(
      '"zhongguancun science park"^8 OR "zhongguancunsciencepark"^8 OR zhongguancunsciencepark*^4',
    );
    expect(namesQuery('北京市')).toBe('"北京"^8 OR 北京*^4');
    expect(namesQuery('z')).toBe('"z"^8');
  });

  it('leaves nothing of Lucene syntax', () => {
    for (const text of ['AND OR (', '"x" y*', 'a\\b', '中关村 AND (torch']) {
      const query = namesQuery(text) ?? '';
      expect(query.replace(/"[\p{L}\p{N} ]+"\^8|[\p{L}\p{N}]+\*\^4| OR /gu, '')).toBe('');
    }
    expect(namesQuery('***')).toBeNull();
  });
});
