/**
 * Root lists and batched relation reads as statements (src/graph/entity-store.ts), recorded without
 * Neo4j: `zones(…)`, `totalCount`, and a relation field for many parents at once.
 */
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../src/graph/cursor.ts';
import type { ListQuery } from '../../../src/graph/entity-store.ts';
import { relationsOf } from '../../../src/graph/relations.ts';
import { cypher, recordingStore, type Translation } from './support.ts';

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
    expect(await list({ label: 'Zone', orderBy: { field: 'key', direction: 'ASC' }, page: {} })).toEqual({
      cypher: cypher(`
        MATCH (n:\`Zone\`) WHERE true
        WITH n, n.key AS sortValue
        WHERE true
        WITH n, sortValue ORDER BY sortValue ASC, n.key ASC LIMIT $p0
        RETURN n {.*} AS node, sortValue
        ORDER BY sortValue ASC, n.key ASC`),
      params: { p0: 21 },
    });
  });

  it('zones(where: {name: {contains: "a"}}, orderBy: {field: NAME, direction: DESC}, first: 5, after) { edges { node { name } } }', async () => {
    expect(
      await list({
        label: 'Zone',
        where: { name: { contains: 'a' } },
        orderBy: { field: 'name', direction: 'DESC' },
        page: { first: 5, after: encodeCursor('name', 'Hefei', 'hefei') },
        selection: { properties: ['name'], relations: [] },
      }),
    ).toEqual({
      cypher: cypher(`
        MATCH (n:\`Zone\`) WHERE toLower(n.name) CONTAINS toLower($p0)
        WITH n, coalesce(n.name, '') AS sortValue
        WHERE (sortValue < $p1 OR (sortValue = $p1 AND n.key < $p2))
        WITH n, sortValue ORDER BY sortValue DESC, n.key DESC LIMIT $p3
        RETURN n {.key, .name} AS node, sortValue
        ORDER BY sortValue DESC, n.key DESC`),
      params: { p0: 'a', p1: 'Hefei', p2: 'hefei', p3: 6 },
    });
  });

  it('zones(orderBy: {field: APPROVED_YEAR}, last: 3, before): backwards, the order flipped', async () => {
    expect(
      await list({
        label: 'Zone',
        orderBy: { field: 'approvedYear', direction: 'ASC' },
        page: { last: 3, before: encodeCursor('approvedYear', 1991, 'x') },
      }),
    ).toEqual({
      cypher: cypher(`
        MATCH (n:\`Zone\`) WHERE true
        WITH n, coalesce(n.approvedYear, 1.0e300) AS sortValue
        WHERE (sortValue < $p0 OR (sortValue = $p0 AND n.key < $p1))
        WITH n, sortValue ORDER BY sortValue DESC, n.key DESC LIMIT $p2
        RETURN n {.*} AS node, sortValue
        ORDER BY sortValue DESC, n.key DESC`),
      params: { p0: 1991, p1: 'x', p2: 4 },
    });
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
    ).toEqual({
      cypher: cypher(`
        MATCH (n:\`Zone\`) WHERE true
        WITH n, n.key AS sortValue
        WHERE true
        WITH n, sortValue ORDER BY sortValue ASC, n.key ASC LIMIT $p1
        CALL (n) {
          MATCH (n)<-[r1:LOCATED_IN]-(m0) WHERE true
          WITH DISTINCT m0
          WITH m0, m0.key AS sortValue3
          WHERE true
          WITH m0, sortValue3 ORDER BY sortValue3 ASC, m0.key ASC LIMIT $p0
          RETURN collect([m0 {.key, .name}, null, null, null, null]) AS edges5
        }
        RETURN n {.key, .name} AS node, sortValue, [edges5] AS nested
        ORDER BY sortValue ASC, n.key ASC`),
      params: { p0: 3, p1: 11 },
    });
  });
});

describe('EntityStore: counts and relations for many parents', () => {
  it('zones(where: {approvedYear: {lt: 1990}}) { totalCount }', async () => {
    const { store, statements } = recordingStore();
    await store.count('Zone', { approvedYear: { lt: 1990 } });
    expect(statements).toEqual([
      {
        cypher: 'MATCH (n:`Zone`) WHERE n.approvedYear < $p0 RETURN count(n) AS count',
        params: { p0: 1990 },
      },
    ]);
  });

  it('zone { clusters(first: 2) } for two zones: one statement', async () => {
    const { store, statements } = recordingStore();
    await store.related('Zone', clusters, ['a', 'b'], {
      orderBy: { field: 'key', direction: 'ASC' },
      page: { first: 2 },
      statements: false,
      maxPageSize: 100,
    });
    expect(statements).toEqual([
      {
        cypher: cypher(`UNWIND $keys AS parentKey
          MATCH (n:\`Zone\` {key: parentKey})
          CALL (n) {
            MATCH (n)<-[r1:LOCATED_IN]-(m0) WHERE true
            WITH DISTINCT m0
            WITH m0, m0.key AS sortValue3
            WHERE true
            WITH m0, sortValue3 ORDER BY sortValue3 ASC, m0.key ASC LIMIT $p0
            RETURN collect([m0 {.*}, null, null, null, null]) AS edges5
          }
          RETURN parentKey, edges5 AS edges`),
        params: { p0: 3, keys: ['a', 'b'] },
      },
    ]);
  });

  it('zone { clusters(where: {name: {eq: "x"}}) { totalCount } } for two zones', async () => {
    const { store, statements } = recordingStore();
    await store.relatedCount('Zone', clusters, ['a', 'b'], { name: { eq: 'x' } });
    expect(statements).toEqual([
      {
        cypher: cypher(`UNWIND $keys AS parentKey
          MATCH (n:\`Zone\` {key: parentKey})
          RETURN parentKey, COUNT { MATCH (n)<-[r:LOCATED_IN]-(m) WHERE m.name = $p0 RETURN DISTINCT m } AS count`),
        params: { p0: 'x', keys: ['a', 'b'] },
      },
    ]);
  });
});
