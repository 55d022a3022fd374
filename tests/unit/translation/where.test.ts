/**
 * `where` filters as Cypher (src/graph/where.ts): each case is the GraphQL-level filter on a root list
 * (`zones(where: …)`, variable `n`) and the condition and parameters it compiles to, pinned in
 * __snapshots__/where.test.ts.snap (review a changed snapshot as a change of the statements sent). A target's
 * label is left out of a pattern where the ontology implies it (Zone-[:LOCATED_IN]->Place).
 */
import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/graph/ontology.ts';
import { compileWhere, FilterError, type Where } from '../../../src/graph/where.ts';
import { predicate, type Translation } from './support.ts';

function compile(label: Label | 'Entity', where: Where | null | undefined): Translation {
  return predicate((n) => compileWhere(label, where, n));
}

describe('compileWhere: an explicit null', () => {
  it.each(['eq', 'ne', 'in', 'contains', 'gt', 'includes'])(
    'is refused on %s, naming isNull, rather than silently testing nothing (nameZh: {eq: null} returned every zone)',
    (op) => {
      expect(() => compile('Zone', { nameZh: { [op]: null } })).toThrow(FilterError);
      expect(() => compile('Zone', { nameZh: { [op]: null } })).toThrow(/use isNull: true/);
    },
  );

  // Nulls where the input types allow none: what a client may still send, and is refused.
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a property', { nameZh: null }, /nameZh: null asks nothing.*nameZh: \{ isNull: true \}/],
    ['a to-one relation', { city: null }, /city: null asks nothing.*NOT: \{ city: \{\} \}/],
    ['a to-many relation', { companies: null }, /companies: null asks nothing.*companies: \{ none: \{\} \}/],
    ['NOT', { NOT: null }, /NOT: null asks nothing/],
    ['AND', { AND: null }, /AND: null asks nothing/],
    ['some', { companies: { some: null } }, /companies: \{ some: null \} asks nothing/],
    ['count', { companies: { count: null } }, /companies: \{ count: null \} asks nothing/],
  ])(
    'is refused on %s, saying what to write ({nameZh: null} and {city: null} returned every zone)',
    (_what, where, message) => {
      expect(() => compile('Zone', where)).toThrow(FilterError);
      expect(() => compile('Zone', where)).toThrow(message);
    },
  );

  it('is refused on isNull itself, saying to choose true or false (isNull: null returned every zone)', () => {
    expect(() => compile('Zone', { nameZh: { isNull: null } })).toThrow(FilterError);
    expect(() => compile('Zone', { nameZh: { isNull: null } })).toThrow(
      /isNull: null.*isNull: true.*isNull: false/,
    );
  });
});

describe('compileWhere: scalar operators', () => {
  it.each<[string, Where]>([
    ['name: {eq: "Zhongguancun"}', { name: { eq: 'Zhongguancun' } }],
    ['kind: {ne: "national"}', { kind: { ne: 'national' } }],
    ['key: {in: ["a", "b"]}', { key: { in: ['a', 'b'] } }],
    ['name: {contains: "Park"}', { name: { contains: 'Park' } }],
    ['name: {startsWith: "Shen"}', { name: { startsWith: 'Shen' } }],
    ['nameZh: {endsWith: "园区"}', { nameZh: { endsWith: '园区' } }],
    ['approvedYear: {gt: 1990}', { approvedYear: { gt: 1990 } }],
    ['approvedYear: {gte: 1990}', { approvedYear: { gte: 1990 } }],
    ['approvedYear: {lt: 1990}', { approvedYear: { lt: 1990 } }],
    ['approvedYear: {lte: 1990}', { approvedYear: { lte: 1990 } }],
    ['aliases: {includes: "ZGC"}', { aliases: { includes: 'ZGC' } }],
    [
      'approvedYear: {gte: 1988, lt: 1992} (a range: one condition per bound)',
      { approvedYear: { gte: 1988, lt: 1992 } },
    ],
    ['nameZh: {isNull: true} (the property has no value)', { nameZh: { isNull: true } }],
    ['nameZh: {isNull: false} (the property has a value)', { nameZh: { isNull: false } }],
    ['approvedYear: {isNull: true}', { approvedYear: { isNull: true } }],
    ['aliases: {isNull: true}', { aliases: { isNull: true } }],
    [
      'approvedYear: {isNull: false, gte: 1991} (isNull with a bound)',
      { approvedYear: { isNull: false, gte: 1991 } },
    ],
    [
      'name: {eq: "A"}, approvedYear: {eq: 1991} (fields AND together)',
      { name: { eq: 'A' }, approvedYear: { eq: 1991 } },
    ],
  ])('Zone %s', (_input, where) => {
    expect(compile('Zone', where)).toMatchSnapshot();
  });

  it.each<[string, Where | null | undefined]>([
    ['no where', undefined],
    ['where: null', null],
    ['where: {}', {}],
  ])('%s is no condition', (_input, where) => {
    expect(compile('Zone', where)).toEqual({ cypher: '', params: {} });
  });

  it('Entity (relations reaching any label) filters on key and name only', () => {
    expect(compile('Entity', { key: { eq: 'k' }, name: { startsWith: 'S' } })).toEqual({
      cypher: '(n.key = $param0 AND toLower(n.name) STARTS WITH toLower($param1))',
      params: { param0: 'k', param1: 'S' },
    });
    expect(() => compile('Entity', { kind: { eq: 'x' } })).toThrow(FilterError);
  });
});

describe('compileWhere: AND, OR, NOT', () => {
  it.each<[string, Where]>([
    [
      'AND: [{name: {endsWith: "Zone"}}, {aliases: {includes: "y"}}]',
      {
        AND: [{ name: { endsWith: 'Zone' } }, { aliases: { includes: 'y' } }],
      },
    ],
    [
      'OR: [{approvedYear: {lt: 1990}}, {approvedYear: {gt: 2010}}]',
      {
        OR: [{ approvedYear: { lt: 1990 } }, { approvedYear: { gt: 2010 } }],
      },
    ],
    ['OR: [] (no alternative holds)', { OR: [] }],
    ['AND: [] (nothing to hold)', { AND: [] }],
    [
      'NOT: {approvedYear: {lt: 1990}} (a missing property counts as not matching the inner filter)',
      { NOT: { approvedYear: { lt: 1990 } } },
    ],
    [
      'NOT: {OR: [{kind: {eq: "a"}}, {AND: [{kind: {eq: "b"}}, {NOT: {name: {eq: "c"}}}]}]}',
      {
        NOT: {
          OR: [
            { kind: { eq: 'a' } },
            {
              AND: [{ kind: { eq: 'b' } }, { NOT: { name: { eq: 'c' } } }],
            },
          ],
        },
      },
    ],
    [
      'OR: [], NOT: {…}, AND: […] (in the order given)',
      {
        OR: [],
        NOT: { approvedYear: { lt: 1990 } },
        AND: [{ name: { endsWith: 'x' } }],
      },
    ],
  ])('Zone %s', (_input, where) => {
    expect(compile('Zone', where)).toMatchSnapshot();
  });
});

describe('compileWhere: relations', () => {
  it.each<[string, Label, Where]>([
    [
      'Zone clusters: {some: {name: {contains: "bio"}}}',
      'Zone',
      {
        clusters: { some: { name: { contains: 'bio' } } },
      },
    ],
    [
      'Zone designations: {none: {key: {eq: "torch-demo"}}}',
      'Zone',
      {
        designations: { none: { key: { eq: 'torch-demo' } } },
      },
    ],
    ['Zone companies: {count: {gte: 2}}', 'Zone', { companies: { count: { gte: 2 } } }],
    [
      'Zone clusters: {some: {}, none: {}, count: {gt: 0, lte: 9}} (one condition each)',
      'Zone',
      { clusters: { some: {}, none: {}, count: { gt: 0, lte: 9 } } },
    ],
    [
      'Zone location: {name: {eq: "Beijing"}} (to-one: a nested filter)',
      'Zone',
      { location: { name: { eq: 'Beijing' } } },
    ],
    [
      'Zone province: {name: {eq: "Guangdong"}} (a pattern with its own condition: AND)',
      'Zone',
      { province: { name: { eq: 'Guangdong' } } },
    ],
    ['Zone city: {} (condition of the pattern only)', 'Zone', { city: {} }],
    ['Place zones: {count: {lt: 5}} (a multi-hop pattern)', 'Place', { zones: { count: { lt: 5 } } }],
    [
      'Policy ledTo: {some: {key: {eq: "torch"}}} (any label at the other end)',
      'Policy',
      {
        ledTo: { some: { key: { eq: 'torch' } } },
      },
    ],
    [
      'Zone designations: {some: {zones: {count: {gt: 3}}}} (nested: fresh variables)',
      'Zone',
      {
        designations: {
          some: { zones: { count: { gt: 3 } } },
        },
      },
    ],
    [
      'Zone clusters: {some: {technologies: {some: {key: {in: ["ai"]}}}}}, province: {key: {eq: "gd"}}',
      'Zone',
      {
        clusters: {
          some: {
            technologies: {
              some: { key: { in: ['ai'] } },
            },
          },
        },
        province: { key: { eq: 'gd' } },
      },
    ],
  ])('%s', (_input, label, where) => {
    expect(compile(label, where)).toMatchSnapshot();
  });

  it('refuses a field that is neither a property nor a relation', () => {
    expect(() => compile('Zone', { nonsense: { eq: 1 } })).toThrow(
      new FilterError('Zone has no field nonsense to filter on'),
    );
  });
});
