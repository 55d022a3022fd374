import { describe, expect, it } from 'vitest';
import {
  clauseCost,
  MAX_WORD_LENGTH,
  SearchTextError,
  toLuceneQuery,
  withinClauseLimit,
} from '../../src/graph/search-query.ts';

describe('toLuceneQuery', () => {
  it('matches Latin words exactly and as prefixes, name matches weighing more', () => {
    expect(toLuceneQuery('Zhong')).toBe('(name:zhong^4 OR zhong^2 OR name:zhong*^2 OR zhong*)');
  });

  it('leaves Chinese to the cjk analyzer', () => {
    expect(toLuceneQuery('中关村')).toBe('(name:中关村^2 OR 中关村)');
  });

  it.each(['AND OR (', '"', 'a:b', 'x~', '[1 TO 2]', 'foo\\', '+-!(){}[]^"~*?:\\/&|'])(
    'disarms every operator in %s',
    (text) => {
      try {
        const query = toLuceneQuery(text);
        // What is left are lower-cased words in our own clauses: no operator of the user's survives.
        expect(query.replace(/\((name:\S+ OR )?\S+( OR name:\S+ OR \S+)?\)/g, '').trim()).toBe('');
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

  it('refuses more different words than the limit; repeats count once', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    expect(() => toLuceneQuery(words(17))).toThrow(
      /17 different words.*at most 16 words \(SEARCH_MAX_TERMS\)/,
    );
    expect(() => toLuceneQuery(words(16))).not.toThrow();
    expect(() => toLuceneQuery('torch '.repeat(30))).not.toThrow();
    expect(toLuceneQuery('torch TORCH torch')).toBe(toLuceneQuery('torch'));
  });

  it('takes other limits (as the config gives them)', () => {
    const limits = { maxLength: 10, maxTerms: 2 };
    expect(() => toLuceneQuery('abcdefghijk', limits)).toThrow(/at most 10 characters/);
    expect(() => toLuceneQuery('a b c', limits)).toThrow(/at most 2 words/);
    expect(toLuceneQuery('a b', limits)).toBe('(name:a^4 OR a^2) (name:b^4 OR b^2)');
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
      // Nothing but our own clauses, each around one word that holds no syntax character.
      const word = '([^\\s+\\-!(){}[\\]^"~*?:\\\\/&|<>=\\u0000-\\u001f]+)';
      const clause = [
        `\\(name:${word}\\^4 OR \\1\\^2 OR name:\\1\\*\\^2 OR \\1\\*\\)`,
        `\\(name:${word}\\^4 OR \\2\\^2\\)`,
        `\\(name:${word}\\^2 OR \\3\\)`,
        `\\(name:${word}\\*\\^2 OR \\4\\*\\)`,
      ].join('|');
      for (const part of query.split(' ('))
        expect(part.startsWith('(') ? part : `(${part}`).toMatch(new RegExp(`^(?:${clause})$`, 'u'));
    }
  });

  it('cuts a word past MAX_WORD_LENGTH (no "automaton too large", no 1,024 Chinese pairs)', () => {
    const query = toLuceneQuery('a'.repeat(5_000), { maxLength: 10_000, maxTerms: 16 });
    expect(query).toContain(`name:${'a'.repeat(MAX_WORD_LENGTH)}^4`);
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
});
