/**
 * Root lists and batched relation reads as statements (src/graph/entity-store.ts), recorded without
 * Neo4j: `zones(…)`, `totalCount`, and a relation field for many parents at once.
 */
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../src/graph/cursor.ts';
import type { ListQuery } from '../../../src/graph/entity-store.ts';
import { relationsOf } from '../../../src/graph/relations.ts';
import { recordingStore, type Translation } from './support.ts';

async function list(query: Omit<ListQuery, 'maxPageSize'>): Promise<Translation> {
  const { store, statements } = recordingStore();
  await store.list({ maxPageSize: 100, ...query });
  const [statement] = statements;
  if (!statement || statements.length !== 1) throw new Error('list must run exactly one statement');
  return statement;
}

const clusters = relationsOf('Zone').find((r) => r.name === 'clusters');
if (!clusters) throw new Error('Zone.clusters is missing');

describe('EntityStore.list', () => {
  it('zones: every property, by key, the default page', async () => {
    expect(
      await list({ label: 'Zone', orderBy: { field: 'key', direction: 'ASC' }, page: {} }),
    ).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (this0:Zone) WITH this0, this0.key AS sortValue WITH this0, sortValue ORDER BY sortValue ASC, this0.key ASC LIMIT $param0 RETURN this0 { .* } AS node, sortValue ORDER BY sortValue ASC, this0.key ASC",
        "params": {
          "param0": 21,
        },
      }
    `);
  });

  it('zones(where: {name: {contains: "a"}}, orderBy: {field: NAME, direction: DESC}, first: 5, after) { edges { node { name } } }', async () => {
    expect(
      await list({
        label: 'Zone',
        where: { name: { contains: 'a' } },
        orderBy: { field: 'name', direction: 'DESC' },
        page: { first: 5, after: encodeCursor('Query.Zone', 'name DESC', 'Hefei', 'hefei') },
        selection: { properties: ['name'], relations: [] },
      }),
    ).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (this0:Zone) WHERE toLower(this0.name) CONTAINS toLower($param0) WITH this0, coalesce(this0.name, '') AS sortValue WHERE (sortValue < $param1 OR (sortValue = $param1 AND this0.key < $param2)) WITH this0, sortValue ORDER BY sortValue DESC, this0.key DESC LIMIT $param3 RETURN this0 { .key, .name } AS node, sortValue ORDER BY sortValue DESC, this0.key DESC",
        "params": {
          "param0": "a",
          "param1": "Hefei",
          "param2": "hefei",
          "param3": 6,
        },
      }
    `);
  });

  it('zones(orderBy: {field: APPROVED_YEAR}, last: 3, before): backwards, the order flipped', async () => {
    expect(
      await list({
        label: 'Zone',
        orderBy: { field: 'approvedYear', direction: 'ASC' },
        page: { last: 3, before: encodeCursor('Query.Zone', 'approvedYear ASC', 1991, 'x') },
      }),
    ).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (this0:Zone) WITH this0, coalesce(this0.approvedYear, 1e+300) AS sortValue WHERE (sortValue < $param0 OR (sortValue = $param0 AND this0.key < $param1)) WITH this0, sortValue ORDER BY sortValue DESC, this0.key DESC LIMIT $param2 RETURN this0 { .* } AS node, sortValue ORDER BY sortValue DESC, this0.key DESC",
        "params": {
          "param0": 1991,
          "param1": "x",
          "param2": 4,
        },
      }
    `);
  });

  it('zones { edges { node { name cl: clusters(first: 2) { edges { node { name } } } } } }: nested in the same statement', async () => {
    expect(
      await list({
        label: 'Zone',
        orderBy: { field: 'key', direction: 'ASC' },
        page: { first: 10 },
        selection: {
          properties: ['name'],
          relations: [
            {
              responseName: 'cl',
              relation: 'clusters',
              args: {
                orderBy: { field: 'key', direction: 'ASC' },
                page: { first: 2 },
                statements: false,
                selection: { properties: ['name'], relations: [] },
              },
            },
          ],
        },
      }),
    ).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (this0:Zone) WITH this0, this0.key AS sortValue WITH this0, sortValue ORDER BY sortValue ASC, this0.key ASC LIMIT $param0 CALL (this0) { MATCH (this0)<-[this1:LOCATED_IN]-(this2) WITH DISTINCT this2 WITH this2, this2.key AS var3 WITH this2, var3 ORDER BY var3 ASC, this2.key ASC LIMIT $param1 RETURN collect([[this2.key, this2.name], NULL, NULL, NULL, NULL]) AS var4 } RETURN this0 { .key, .name } AS node, sortValue, [var4] AS nested ORDER BY sortValue ASC, this0.key ASC",
        "params": {
          "param0": 11,
          "param1": 3,
        },
      }
    `);
  });
});

describe('EntityStore: counts and relations for many parents', () => {
  it('zones(where: {approvedYear: {lt: 1990}}) { totalCount }', async () => {
    const { store, statements } = recordingStore();
    await store.count('Zone', { approvedYear: { lt: 1990 } });
    expect(statements).toMatchInlineSnapshot(`
      [
        {
          "cypher": "MATCH (this0:Zone) WHERE this0.approvedYear < $param0 RETURN count(this0) AS count",
          "params": {
            "param0": 1990,
          },
        },
      ]
    `);
  });

  it('zone { clusters(first: 2) } for two zones: one statement', async () => {
    const { store, statements } = recordingStore();
    await store.related('Zone', clusters, ['a', 'b'], {
      orderBy: { field: 'key', direction: 'ASC' },
      page: { first: 2 },
      statements: false,
      maxPageSize: 100,
    });
    expect(statements).toMatchInlineSnapshot(`
      [
        {
          "cypher": "UNWIND $param0 AS parentKey MATCH (this0:Zone { key: parentKey }) CALL (this0) { MATCH (this0)<-[this1:LOCATED_IN]-(this2) WITH DISTINCT this2 WITH this2, this2.key AS var3 WITH this2, var3 ORDER BY var3 ASC, this2.key ASC LIMIT $param1 RETURN collect([this2 { .* }, NULL, NULL, NULL, NULL]) AS var4 } RETURN parentKey, var4 AS edges",
          "params": {
            "param0": [
              "a",
              "b",
            ],
            "param1": 3,
          },
        },
      ]
    `);
  });

  it('zone { clusters(where: {name: {eq: "x"}}) { totalCount } } for two zones', async () => {
    const { store, statements } = recordingStore();
    await store.relatedCount('Zone', clusters, ['a', 'b'], { name: { eq: 'x' } });
    expect(statements).toMatchInlineSnapshot(`
      [
        {
          "cypher": "UNWIND $param0 AS parentKey MATCH (this0:Zone { key: parentKey }) RETURN parentKey, COUNT { MATCH (this0)<-[this1:LOCATED_IN]-(this2) WHERE this2.name = $param1 RETURN DISTINCT this2 } AS count",
          "params": {
            "param0": [
              "a",
              "b",
            ],
            "param1": "x",
          },
        },
      ]
    `);
  });
});
