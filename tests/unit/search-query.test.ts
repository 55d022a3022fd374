import { describe, expect, it } from 'vitest';
import { SearchTextError, toLuceneQuery } from '../../src/graph/search-query.ts';

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
