import { describe, expect, it } from 'vitest';
import { chunks, groupBy } from '../../src/util/collections.ts';

describe('collections', () => {
  it('chunks keeps order and cuts the last chunk short', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 3)).toEqual([]);
  });

  it('groupBy keeps the order groups and items were met in', () => {
    const groups = groupBy(['b1', 'a1', 'b2'], (s) => s[0]);
    expect([...groups]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1']],
    ]);
  });
});
