/**
 * Which operations graphql-jit compiles: all but those with a variable of an input object type, whose
 * coercion differs in graphql-jit 0.8 from graphql-js (src/http/graphql-jit.ts).
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compilableOperations } from '../../src/http/graphql-jit.ts';
import { schema } from '../../src/schema/index.ts';

describe('compiled execution', () => {
  it('compiles operations whose variables are scalars, enums or lists of them; interprets the others', () => {
    const compilable = compilableOperations(schema);
    const verdict = (query: string) => compilable(parse(query));
    expect(
      verdict('{ zones(first: 2, where: { approvedYear: { gte: 2000 } }) { edges { node { key } } } }'),
    ).toBe(true);
    expect(
      verdict(
        'query($key: String!, $types: [String!], $d: Direction) { neighborhood(key: $key, types: $types) { truncated } entity(key: $key) { relations(direction: $d) { edges { type } } } }',
      ),
    ).toBe(true);
    expect(verdict('query($where: ZoneWhere) { zones(where: $where) { totalCount } }')).toBe(false);
    expect(verdict('query($order: ZoneOrderBy) { zones(orderBy: $order) { totalCount } }')).toBe(false);
    expect(verdict('query($w: [CompanyWhere!]) { companies(where: { OR: $w }) { totalCount } }')).toBe(false);
  });
});
