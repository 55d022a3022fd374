/**
 * The planner (src/schema/selection.ts): what a connection's GraphQL selection asks of the store,
 * read before anything is fetched — the node properties, the to-many relations selected on the nodes
 * with their arguments (recursively), and whether edge statements are read. Then the whole way from
 * a query to the one statement `zones` runs.
 */
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/graph/ontology.ts';
import { ALL_PROPERTIES } from '../../../src/graph/relation-page.ts';
import { schema } from '../../../src/schema/index.ts';
import { connectionSelection, readsPageInfo, relatedArgs } from '../../../src/schema/selection.ts';
import { recordingStore, rootField } from './support.ts';

function plan(label: Label, query: string, variables: Record<string, unknown> = {}) {
  const { info, field } = rootField(query, variables);
  return connectionSelection(info, label, [field]);
}

const byKey = { field: 'key', direction: 'ASC' };

describe('connectionSelection', () => {
  it('zones { edges { node { id name approvedYear } } }: the properties only (id needs just the key)', () => {
    expect(plan('Zone', '{ zones { edges { node { id name approvedYear } } } }')).toEqual({
      properties: ['name', 'approvedYear'],
      relations: [],
    });
  });

  it.each<[string, string]>([
    ['a fragment on the node', '{ zones { edges { node { ...on Zone { name } } } } }'],
    ['a fragment on the edge', '{ zones { edges { ...E } } } fragment E on ZoneEdge { node { name } }'],
    [
      'a fragment on the connection',
      '{ zones { ...C } } fragment C on ZoneConnection { edges { node { name } } }',
    ],
  ])('%s: everything, and no relation planned', (_what, query) => {
    expect(plan('Zone', query)).toEqual(ALL_PROPERTIES);
  });

  it('zones { edges { node { name province { name } location { name } } } }: to-one relations are planned, one target each', () => {
    expect(plan('Zone', '{ zones { edges { node { name province { name } location { name } } } } }')).toEqual(
      {
        properties: ['name'],
        relations: [
          {
            responseName: 'province',
            relation: 'province',
            args: {
              where: null,
              orderBy: { field: 'key', direction: 'ASC' },
              page: { first: 1 },
              statements: false,
              selection: { properties: ['name'], relations: [] },
            },
          },
          {
            responseName: 'location',
            relation: 'location',
            args: {
              where: null,
              orderBy: { field: 'key', direction: 'ASC' },
              page: { first: 1 },
              statements: false,
              selection: { properties: ['name'], relations: [] },
            },
          },
        ],
      },
    );
  });

  it('__typename and evidence need only the key; a `<relation>Edge` is planned with its statements', () => {
    expect(
      plan('Zone', '{ zones { edges { node { __typename evidence { quote } cityEdge { since } } } } }'),
    ).toEqual({
      properties: [],
      relations: [
        {
          responseName: 'cityEdge',
          relation: 'city',
          args: {
            where: null,
            orderBy: { field: 'key', direction: 'ASC' },
            page: { first: 1 },
            statements: true,
            selection: { properties: [], relations: [] },
          },
        },
      ],
    });
    expect(
      plan('Zone', '{ zones { edges { node { cityEdge { cursor node { name } } } } } }').relations,
    ).toEqual([
      {
        responseName: 'cityEdge',
        relation: 'city',
        args: {
          where: null,
          orderBy: { field: 'key', direction: 'ASC' },
          page: { first: 1 },
          statements: false,
          selection: { properties: ['name'], relations: [] },
        },
      },
    ]);
  });

  it('a field the planner does not know (one added later, say) asks for every property', () => {
    expect(plan('Zone', '{ zones { edges { node { name somethingNew } } } }')).toEqual({
      properties: 'all',
      relations: [],
    });
  });

  it('zones { … node { cl: clusters(first: 2, where, orderBy) { edges { node { name technologies { … } } } } } }: nested, with arguments and variables', () => {
    const query = `query ($n: Int) {
      zones { edges { node {
        name
        cl: clusters(first: $n, where: {name: {contains: "bio"}}, orderBy: {field: NAME, direction: DESC}) {
          edges { node { name technologies { edges { since node { key } } } } }
        }
      } } }
    }`;
    expect(plan('Zone', query, { n: 2 })).toEqual({
      properties: ['name'],
      relations: [
        {
          responseName: 'cl',
          relation: 'clusters',
          args: {
            where: { name: { contains: 'bio' } },
            orderBy: { field: 'name', direction: 'DESC' },
            page: { first: 2, after: undefined, last: undefined, before: undefined },
            statements: false,
            pageInfo: false,
            selection: {
              properties: ['name'],
              relations: [
                {
                  responseName: 'technologies',
                  relation: 'technologies',
                  args: {
                    where: null,
                    orderBy: byKey,
                    page: { first: undefined, after: undefined, last: undefined, before: undefined },
                    statements: true,
                    pageInfo: false,
                    selection: { properties: ['key'], relations: [] },
                  },
                },
              ],
            },
          },
        },
      ],
    });
  });

  it('a response name selected twice is left to the field resolver; two aliases are two pages', () => {
    const twice = plan(
      'Zone',
      '{ zones { edges { node { clusters { totalCount } clusters { pageInfo { hasNextPage } } } } } }',
    );
    expect(twice.relations).toEqual([]);
    const aliased = plan(
      'Zone',
      '{ zones { edges { node { a: clusters(first: 1) { totalCount } b: companies { totalCount } } } } }',
    );
    expect(aliased.relations.map((r) => [r.responseName, r.relation])).toEqual([
      ['a', 'clusters'],
      ['b', 'companies'],
    ]);
  });

  it('arguments that do not coerce never reach the planner (validation refuses them); if they did, it throws', () => {
    const query = '{ zones { edges { node { clusters(orderBy: {field: NOPE}) { totalCount } } } } }';
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([
      'Value "NOPE" does not exist in "IndustryClusterOrderField" enum. Did you mean the enum value "NAME"?',
    ]);
    expect(() => plan('Zone', query)).toThrow(/invalid value/);
  });
});

describe('relatedArgs: whether edge statements are read', () => {
  it.each<[string, string, boolean]>([
    ['cursor and node only', '{ zones { edges { cursor node { key } } } }', false],
    ['no edges', '{ zones { totalCount pageInfo { hasNextPage } } }', false],
    ['since', '{ zones { edges { since } } }', true],
    ['date', '{ zones { edges { date } } }', true],
    ['role', '{ zones { edges { role } } }', true],
    ['evidence', '{ zones { edges { evidence { quote } } } }', true],
    ['statements', '{ zones { edges { statements { type } } } }', true],
    ['a fragment on the edge', '{ zones { edges { ...on ZoneEdge { cursor } } } }', true],
  ])('%s: %s', (_what, query, statements) => {
    const { info, field } = rootField(query);
    expect(relatedArgs(info, 'Zone', 'connection', {}, [field]).statements).toBe(statements);
  });
});

describe('relatedArgs: whether the row beyond the page is fetched (pageInfo)', () => {
  it.each<[string, string, boolean]>([
    ['edges only', '{ zones { edges { node { key } } } }', false],
    ['totalCount', '{ zones { totalCount } }', false],
    ['pageInfo', '{ zones { pageInfo { hasNextPage } } }', true],
    ['pageInfo beside edges', '{ zones { edges { cursor } pageInfo { endCursor } } }', true],
    ['a fragment that may select it', '{ zones { ...on ZoneConnection { totalCount } } }', true],
  ])('%s: %s', (_what, query, pageInfo) => {
    const { info, field } = rootField(query);
    expect(relatedArgs(info, 'Zone', 'connection', {}, [field]).pageInfo).toBe(pageInfo);
    expect(readsPageInfo([field])).toBe(pageInfo);
  });
});

describe('from query to statement', () => {
  it('zones(first: 3) { edges { node { name clusters(first: 2) { edges { node { name } } } } } }', async () => {
    const { info, field } = rootField(
      '{ zones(first: 3) { edges { node { name clusters(first: 2) { edges { node { name } } } } } } }',
    );
    const { store, statements } = recordingStore();
    await store.list({
      label: 'Zone',
      orderBy: { field: 'key', direction: 'ASC' },
      page: { first: 3 },
      maxPageSize: 100,
      selection: connectionSelection(info, 'Zone', [field]),
    });
    expect(statements).toMatchInlineSnapshot(`
      [
        {
          "cypher": "MATCH (this0:Zone) WITH this0, this0.key AS sortValue WITH this0, sortValue ORDER BY sortValue ASC, this0.key ASC LIMIT $param0 CALL (this0) { MATCH (this0)<-[this1:LOCATED_IN]-(this2) WITH DISTINCT this2 WITH this2, this2.key AS var3 WITH this2, var3 ORDER BY var3 ASC, this2.key ASC LIMIT $param1 RETURN collect([[this2.key, this2.name], NULL, NULL, NULL, NULL]) AS var4 } RETURN this0 { .key, .name } AS node, sortValue, [var4] AS nested ORDER BY sortValue ASC, this0.key ASC",
          "params": {
            "param0": 4,
            "param1": 2,
          },
        },
      ]
    `);
  });
});
