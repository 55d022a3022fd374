/**
 * Relation connections as Cypher subqueries (src/graph/relation-page.ts): `zone { clusters(…) { … } }`
 * becomes one `CALL (n) { … }` per relation, nested for relations selected on the targets.
 */
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../src/graph/cursor.ts';
import type { Label } from '../../../src/graph/ontology.ts';
import {
  type NodeSelection,
  nestedRelations,
  projection,
  type RelatedArgs,
  relationPage,
} from '../../../src/graph/relation-page.ts';
import { type RelationDef, relationsOf } from '../../../src/graph/relations.ts';
import { cypher, newScope, type Translation } from './support.ts';

function relation(label: Label, name: string): RelationDef {
  const found = relationsOf(label).find((r) => r.name === name);
  if (!found) throw new Error(`${label} has no relation ${name}`);
  return found;
}

function compile(label: Label, name: string, args: RelatedArgs): Translation & { result: string } {
  const scope = newScope();
  const page = relationPage(relation(label, name), 'n', args, scope);
  return { cypher: cypher(page.cypher), params: scope.params.values, result: page.result };
}

const byKey = { field: 'key', direction: 'ASC' } as const;
/** How each edge's statements are read: with their type and source. */
const statementsOf = (x: string, rels: string) =>
  `[${x} IN ${rels} | ${x} {.*, type: type(${x}), sourceKey: coalesce(${x}.sourceKey, CASE type(${x}) WHEN 'SOURCED_FROM' THEN endNode(${x}).key END)}]`;

describe('relationPage', () => {
  it('zone { clusters { edges { since node { …all } } } }: the default page, statements grouped per target', () => {
    expect(compile('Zone', 'clusters', { orderBy: byKey, page: {} })).toEqual({
      cypher: cypher(`CALL (n) {
        MATCH (n)<-[r1:LOCATED_IN]-(m0) WHERE true
        WITH m0, r1 ORDER BY r1.sourceKey, r1.quote WITH m0, collect(r1) AS rels2
        WITH m0, rels2, m0.key AS sortValue3
        WHERE true
        WITH m0, rels2, sortValue3 ORDER BY sortValue3 ASC, m0.key ASC LIMIT $p0
        RETURN collect([m0 {.*}, null, null, ${statementsOf('x4', 'rels2')}, null]) AS edges5
      }`),
      params: { p0: 21 },
      result: 'edges5',
    });
  });

  it('zone { clusters(first: 2, where: {name: {contains: "bio"}}) { edges { node { name } } } }: no statements read', () => {
    expect(
      compile('Zone', 'clusters', {
        where: { name: { contains: 'bio' } },
        orderBy: byKey,
        page: { first: 2 },
        statements: false,
        selection: { properties: ['name'], relations: [] },
      }),
    ).toEqual({
      cypher: cypher(`CALL (n) {
        MATCH (n)<-[r1:LOCATED_IN]-(m0) WHERE toLower(m0.name) CONTAINS toLower($p0)
        WITH DISTINCT m0
        WITH m0, m0.key AS sortValue3
        WHERE true
        WITH m0, sortValue3 ORDER BY sortValue3 ASC, m0.key ASC LIMIT $p1
        RETURN collect([m0 {.key, .name}, null, null, null, null]) AS edges5
      }`),
      params: { p0: 'bio', p1: 3 },
      result: 'edges5',
    });
  });

  it('zone { province { … } }: a pattern with its own condition continues it with AND', () => {
    const { cypher: text } = compile('Zone', 'province', {
      orderBy: byKey,
      page: { first: 1 },
      statements: false,
    });
    expect(text).toContain(
      "MATCH (n)-[r1:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(m0:Place) WHERE m0.kind IN ['province', 'autonomous-region', 'municipality'] AND true",
    );
  });

  it('zone { companies(orderBy: {field: NAME, direction: DESC}, last: 2, before) }: backwards, the order flipped', () => {
    expect(
      compile('Zone', 'companies', {
        orderBy: { field: 'name', direction: 'DESC' },
        page: { last: 2, before: encodeCursor('name', 'Huawei', 'huawei') },
        statements: false,
      }),
    ).toEqual({
      cypher: cypher(`CALL (n) {
        MATCH (n)<-[r1:ORIGINATED_IN]-(m0) WHERE true
        WITH DISTINCT m0
        WITH m0, coalesce(m0.name, '') AS sortValue3
        WHERE (sortValue3 > $p0 OR (sortValue3 = $p0 AND m0.key > $p1))
        WITH m0, sortValue3 ORDER BY sortValue3 ASC, m0.key ASC LIMIT $p2
        RETURN collect([m0 {.*}, sortValue3, null, null, null]) AS edges5
      }`),
      params: { p0: 'Huawei', p1: 'huawei', p2: 3 },
      result: 'edges5',
    });
  });

  it('place { zones(orderBy: {field: COMPANIES_COUNT, direction: DESC}) }: ordered by a count, multi-hop', () => {
    expect(
      compile('Place', 'zones', {
        orderBy: { field: 'companiesCount', direction: 'DESC' },
        page: { first: 5 },
        statements: false,
      }),
    ).toEqual({
      cypher: cypher(`CALL (n) {
        MATCH (n)<-[:PART_OF*0..3]-(:Place)<-[r1:LOCATED_IN]-(m0:Zone) WHERE true
        WITH DISTINCT m0
        WITH m0, COUNT { MATCH (m0)<-[r7:ORIGINATED_IN]-(m6) RETURN DISTINCT m6 } AS sortValue3
        WHERE true
        WITH m0, sortValue3 ORDER BY sortValue3 DESC, m0.key DESC LIMIT $p0
        RETURN collect([m0 {.*}, sortValue3, null, null, null]) AS edges5
      }`),
      params: { p0: 6 },
      result: 'edges5',
    });
  });

  it('policy { ledTo(where: {name: {eq: "x"}}) }: any label at the other end, read with its labels', () => {
    expect(compile('Policy', 'ledTo', { where: { name: { eq: 'x' } }, orderBy: byKey, page: {} })).toEqual({
      cypher: cypher(`CALL (n) {
        MATCH (n)-[r1:LED_TO]->(m0) WHERE m0.name = $p0
        WITH m0, r1 ORDER BY r1.sourceKey, r1.quote WITH m0, collect(r1) AS rels2
        WITH m0, rels2, m0.key AS sortValue3
        WHERE true
        WITH m0, rels2, sortValue3 ORDER BY sortValue3 ASC, m0.key ASC LIMIT $p1
        RETURN collect([m0 {.*}, null, labels(m0), ${statementsOf('x4', 'rels2')}, null]) AS edges5
      }`),
      params: { p0: 'x', p1: 21 },
      result: 'edges5',
    });
  });

  it('zone { clusters { edges { node { name technologies(orderBy: NAME) { … } } } } }: nested in one statement', () => {
    const selection: NodeSelection = {
      properties: ['name'],
      relations: [
        {
          responseName: 'technologies',
          relation: 'technologies',
          args: {
            orderBy: { field: 'name', direction: 'ASC' },
            page: {},
            selection: { properties: [], relations: [] },
          },
        },
      ],
    };
    expect(
      compile('Zone', 'clusters', { orderBy: byKey, page: { first: 2 }, statements: false, selection }),
    ).toEqual({
      cypher: cypher(`CALL (n) {
        MATCH (n)<-[r1:LOCATED_IN]-(m0) WHERE true
        WITH DISTINCT m0
        WITH m0, m0.key AS sortValue3
        WHERE true
        WITH m0, sortValue3 ORDER BY sortValue3 ASC, m0.key ASC LIMIT $p1
        CALL (m0) {
          MATCH (m0)-[r7:SPECIALIZES_IN]->(m6) WHERE true
          WITH m6, r7 ORDER BY r7.sourceKey, r7.quote WITH m6, collect(r7) AS rels8
          WITH m6, rels8, coalesce(m6.name, '\\uFFFF') AS sortValue9
          WHERE true
          WITH m6, rels8, sortValue9 ORDER BY sortValue9 ASC, m6.key ASC LIMIT $p0
          RETURN collect([m6 {.key}, sortValue9, null, ${statementsOf('x10', 'rels8')}, null]) AS edges11
        }
        RETURN collect([m0 {.key, .name}, null, null, null, [edges11]]) AS edges5
      }`),
      params: { p0: 21, p1: 3 },
      result: 'edges5',
    });
  });

  it('reads a page of edges back: node, statements, cursor, and the nested pages', () => {
    const scope = newScope();
    const page = relationPage(
      relation('Zone', 'clusters'),
      'n',
      { orderBy: byKey, page: { first: 1 } },
      scope,
    );
    const read = page.read([
      [{ key: 'a', name: 'A' }, null, null, [{ type: 'LOCATED_IN', sourceKey: 's' }], null],
      [{ key: 'b', name: 'B' }, null, null, [], null],
    ]);
    expect(read.hasNextPage).toBe(true);
    expect(read.edges.map((e) => [e.node.__label, e.node.key, e.statements, e.cursor])).toEqual([
      ['IndustryCluster', 'a', [{ type: 'LOCATED_IN', sourceKey: 's' }], encodeCursor('key', 'a', 'a')],
    ]);
  });
});

describe('nestedRelations', () => {
  it('leaves out to-one and unknown relations, and any whose arguments do not compile', () => {
    const scope = newScope(100);
    const nested = nestedRelations(
      'Zone',
      'n',
      {
        properties: 'all',
        relations: [
          { responseName: 'province', relation: 'province', args: { orderBy: byKey, page: {} } },
          { responseName: 'nonsense', relation: 'nonsense', args: { orderBy: byKey, page: {} } },
          { responseName: 'big', relation: 'clusters', args: { orderBy: byKey, page: { first: 1000 } } },
          { responseName: 'bad', relation: 'clusters', args: { orderBy: byKey, page: {}, where: { x: {} } } },
        ],
      },
      scope,
    );
    expect(nested.calls).toBe('');
    expect(nested.list).toBe('');
  });

  it('lists one page per selected relation, by response name', () => {
    const scope = newScope();
    const nested = nestedRelations(
      'Zone',
      'n',
      {
        properties: 'all',
        relations: [
          {
            responseName: 'first',
            relation: 'clusters',
            args: { orderBy: byKey, page: {}, statements: false },
          },
          {
            responseName: 'second',
            relation: 'clusters',
            args: { orderBy: byKey, page: {}, statements: false },
          },
        ],
      },
      scope,
    );
    expect(nested.list).toBe('[edges5, edges11]');
    expect(Object.keys(nested.read([[], []]))).toEqual(['first', 'second']);
  });
});

describe('projection', () => {
  it.each<[string, Label | 'Entity', NodeSelection['properties'], string]>([
    ['everything', 'Zone', 'all', 'm {.*}'],
    [
      'the key always, then the selected properties of the label',
      'Zone',
      ['name', 'approvedYear'],
      'm {.key, .name, .approvedYear}',
    ],
    ['nothing that is not a property', 'Zone', ['clusters', 'id', 'name'], 'm {.key, .name}'],
    ['on Entity, common properties only', 'Entity', ['name', 'kind'], 'm {.key, .name}'],
  ])('%s', (_what, label, properties, expected) => {
    expect(projection(label, 'm', { properties, relations: [] })).toBe(expected);
  });
});
