/**
 * Orders and paging directions (src/graph/paging.ts): the sort expression of each `orderBy`, the plan
 * of each combination of first/after and last/before, and the keyset condition a cursor becomes.
 */

import Cypher from '@neo4j/cypher-builder';
import { describe, expect, it } from 'vitest';
import { encodeCursor, type SortKind } from '../../../src/graph/cursor.ts';
import type { Label } from '../../../src/graph/ontology.ts';
import {
  cursorCondition,
  finishPage,
  type OrderBy,
  type PageArgs,
  PageEdge,
  PageError,
  planPage,
  sortExpression,
  sortKind,
} from '../../../src/graph/paging.ts';
import { toRecord } from '../../../src/graph/records.ts';
import { expression, predicate } from './support.ts';

describe('sortExpression: orderBy', () => {
  it.each<[string, Label | 'Entity', OrderBy, string]>([
    ['Zone {field: KEY}', 'Zone', { field: 'key', direction: 'ASC' }, 'n.key'],
    [
      'Zone {field: NAME} (missing sorts last)',
      'Zone',
      { field: 'name', direction: 'ASC' },
      "coalesce(n.name, '\uFFFF')",
    ],
    ['{field: NAME, direction: DESC}', 'Zone', { field: 'name', direction: 'DESC' }, "coalesce(n.name, '')"],
    [
      '{field: APPROVED_DATE} (dates are strings)',
      'Zone',
      { field: 'approvedDate', direction: 'ASC' },
      "coalesce(n.approvedDate, '\uFFFF')",
    ],
    [
      '{field: APPROVED_YEAR}',
      'Zone',
      { field: 'approvedYear', direction: 'ASC' },
      'coalesce(n.approvedYear, 1e+300)',
    ],
    [
      '{field: APPROVED_YEAR, direction: DESC}',
      'Zone',
      { field: 'approvedYear', direction: 'DESC' },
      'coalesce(n.approvedYear, -1e+300)',
    ],
    [
      '{field: VALUE} (a float)',
      'Indicator',
      { field: 'value', direction: 'DESC' },
      'coalesce(n.value, -1e+300)',
    ],
    [
      '{field: CLUSTERS_COUNT}',
      'Zone',
      { field: 'clustersCount', direction: 'DESC' },
      'COUNT { MATCH (n)<-[this0:LOCATED_IN]-(this1) RETURN DISTINCT this1 }',
    ],
    [
      '{field: ZONES_COUNT} on Place (multi-hop)',
      'Place',
      { field: 'zonesCount', direction: 'ASC' },
      'COUNT { MATCH (n)<-[:PART_OF*0..3]-(:Place)<-[this0:LOCATED_IN]-(this1:Zone) RETURN DISTINCT this1 }',
    ],
    ['any field of an Entity connection: by key', 'Entity', { field: 'name', direction: 'ASC' }, 'n.key'],
  ])('%s', (_input, label, order, expected) => {
    expect(expression((n) => sortExpression(label, order, n)).cypher).toBe(expected);
  });

  it.each<[string, string]>([
    ['a list property', 'aliases'],
    ['a to-one relation', 'locationCount'],
    ['an unknown field', 'nonsense'],
  ])('refuses %s', (_what, field) => {
    expect(() => sortExpression('Zone', { field, direction: 'ASC' }, new Cypher.Node())).toThrow(PageError);
  });
});

const byName: OrderBy = { field: 'name', direction: 'ASC' };
const ZONES = { list: 'Query.zones', target: 'Zone' } as const;
const cursor = encodeCursor('Query.zones', 'name ASC', 'Hefei', 'hefei');

describe('planPage: paging directions', () => {
  it.each<[string, PageArgs, object]>([
    [
      '(no arguments): the default page',
      {},
      { limit: 21, direction: 'ASC', cursor: null, backwards: false, requested: 20 },
    ],
    ['first: 5', { first: 5 }, { limit: 6, direction: 'ASC', cursor: null, backwards: false, requested: 5 }],
    [
      'first: 5, after',
      { first: 5, after: cursor },
      {
        limit: 6,
        direction: 'ASC',
        cursor: { list: 'Query.zones', field: 'name ASC', value: 'Hefei', key: 'hefei' },
        backwards: false,
        requested: 5,
      },
    ],
    [
      'last: 3 (the order flipped)',
      { last: 3 },
      { limit: 4, direction: 'DESC', cursor: null, backwards: true, requested: 3 },
    ],
    [
      'last: 3, before',
      { last: 3, before: cursor },
      {
        limit: 4,
        direction: 'DESC',
        cursor: { list: 'Query.zones', field: 'name ASC', value: 'Hefei', key: 'hefei' },
        backwards: true,
        requested: 3,
      },
    ],
    [
      'before alone: backwards by the default page',
      { before: cursor },
      {
        limit: 21,
        direction: 'DESC',
        cursor: { list: 'Query.zones', field: 'name ASC', value: 'Hefei', key: 'hefei' },
        backwards: true,
        requested: 20,
      },
    ],
    ['first: 0', { first: 0 }, { limit: 1, direction: 'ASC', cursor: null, backwards: false, requested: 0 }],
  ])('%s', (_input, page, plan) => {
    expect(planPage(page, byName, 100, ZONES)).toEqual(plan);
  });

  it('flips DESC to ASC for last', () => {
    expect(planPage({ last: 2 }, { field: 'name', direction: 'DESC' }, 100, ZONES).direction).toBe('ASC');
  });

  it.each<[string, PageArgs, string]>([
    ['first: 101', { first: 101 }, 'first must be between 0 and 100 (MAX_PAGE_SIZE); got 101'],
    ['last: -1', { last: -1 }, 'last must be between 0 and 100 (MAX_PAGE_SIZE); got -1'],
    ['first and last', { first: 1, last: 1 }, 'Give either first or last, not both'],
    [
      'first with before',
      { first: 1, before: cursor },
      'before goes with last (paging backwards); with first, use after',
    ],
    [
      'last with after',
      { last: 1, after: cursor },
      'after goes with first (paging forwards); with last, use before',
    ],
    [
      'after and before without first or last',
      { after: cursor, before: cursor },
      'after and before together are not supported: page forwards with first and after, or backwards with last and before',
    ],
  ])('refuses %s', (_input, page, message) => {
    expect(() => planPage(page, byName, 100, ZONES)).toThrow(new PageError(message));
  });
});

describe('cursorCondition', () => {
  it.each<[string, PageArgs, string, Record<string, unknown>]>([
    ['no cursor', { first: 2 }, '', {}],
    [
      'first, after: greater than the cursor, ties by key',
      { first: 2, after: cursor },
      '(sortValue > $param0 OR (sortValue = $param0 AND n.key > $param1))',
      { param0: 'Hefei', param1: 'hefei' },
    ],
    [
      'last, before: less than the cursor',
      { last: 2, before: cursor },
      '(sortValue < $param0 OR (sortValue = $param0 AND n.key < $param1))',
      { param0: 'Hefei', param1: 'hefei' },
    ],
  ])('%s', (_input, page, expected, values) => {
    const plan = planPage(page, byName, 100, ZONES);
    const sortValue = new Cypher.NamedVariable('sortValue');
    expect(predicate((n) => cursorCondition(plan, sortValue, n))).toEqual({
      cypher: expected,
      params: values,
    });
  });
});

describe('finishPage', () => {
  const edges = ['a', 'b', 'c'].map(
    (key) => new PageEdge(toRecord('Zone', { key, name: key }), [], 'Query.zones', 'name ASC', key),
  );
  const keys = (page: ReturnType<typeof finishPage>) => page.edges.map((e) => e.node.key);

  it('forwards: one row more than asked means a next page', () => {
    const page = finishPage(edges, planPage({ first: 2 }, byName, 100, ZONES), false);
    expect([keys(page), page.hasNextPage, page.hasPreviousPage]).toEqual([['a', 'b'], true, false]);
  });

  it('backwards: rows come in reverse order and are put back; the extra row means a previous page', () => {
    const page = finishPage(
      [...edges].reverse(),
      planPage({ last: 2, before: cursor }, byName, 100, ZONES),
      true,
    );
    expect([keys(page), page.hasNextPage, page.hasPreviousPage]).toEqual([['b', 'c'], true, true]);
  });

  it('refuses a cursor made for the other direction', () => {
    expect(() =>
      planPage({ first: 2, after: cursor }, { field: 'name', direction: 'DESC' }, 100, ZONES),
    ).toThrow(
      'This cursor belongs to a list ordered by name ASC, not by name DESC: page with the orderBy it was made for.',
    );
  });

  it('encodes an edge cursor from its order field and direction, sort value and key', () => {
    expect(edges[1]?.cursor).toBe(encodeCursor('Query.zones', 'name ASC', 'b', 'b'));
  });
});

describe('sortKind: what a cursor of an order must hold', () => {
  it.each<[Label | 'Entity', OrderBy, SortKind]>([
    ['Zone', { field: 'name', direction: 'ASC' }, 'text'],
    ['Zone', { field: 'key', direction: 'DESC' }, 'text'],
    ['Zone', { field: 'approvedYear', direction: 'ASC' }, 'number'],
    ['Zone', { field: 'companiesCount', direction: 'DESC' }, 'number'],
    ['Entity', { field: 'relations', direction: 'ASC' }, 'text'],
  ])('%s by %o sorts by %s', (label, order, kind) => {
    expect(sortKind(label, order)).toBe(kind);
  });

  it('refuses a cursor holding the other kind, naming the field and what it sorts by', () => {
    const text = encodeCursor('Query.zones', 'approvedYear ASC', 'Hefei', 'hefei');
    expect(() => planPage({ after: text }, { field: 'approvedYear', direction: 'ASC' }, 100, ZONES)).toThrow(
      /approvedYear sorts by number, but this cursor holds text/,
    );
  });
});
