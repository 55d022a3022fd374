/**
 * Relation connections as Cypher subqueries (src/graph/relation-page.ts): `zone { clusters(…) { … } }`
 * becomes one `CALL (n) { … }` per relation, nested for relations selected on the targets.
 */
import Cypher from '@neo4j/cypher-builder';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../src/graph/cursor.ts';
import type { Label } from '../../../src/graph/ontology.ts';
import { PageError } from '../../../src/graph/paging.ts';
import {
  type NodeSelection,
  nestedRelations,
  nodeProjection,
  projection,
  type RelatedArgs,
  relationPage,
} from '../../../src/graph/relation-page.ts';
import { type RelationDef, relationsOf } from '../../../src/graph/relations.ts';
import { FilterError } from '../../../src/graph/where.ts';
import { newScope, type Translation, translate } from './support.ts';

function relation(label: Label, name: string): RelationDef {
  const found = relationsOf(label).find((r) => r.name === name);
  if (!found) throw new Error(`${label} has no relation ${name}`);
  return found;
}

const n = () => new Cypher.NamedNode('n');

function compile(label: Label, name: string, args: RelatedArgs): Translation {
  return translate(relationPage(relation(label, name), n(), args, newScope()).call);
}

const byKey = { field: 'key', direction: 'ASC' } as const;

describe('relationPage', () => {
  it('zone { clusters { edges { since node { …all } } } }: the default page, statements grouped per target', () => {
    expect(compile('Zone', 'clusters', { orderBy: byKey, page: {} })).toMatchInlineSnapshot(`
      {
        "cypher": "CALL (n) { MATCH (n)<-[this0:LOCATED_IN]-(this1) WITH this1, this0 ORDER BY this0.sourceKey ASC, this0.quote ASC WITH this1, collect(this0) AS var2 WITH this1, var2, this1.key AS var3 WITH this1, var2, var3 ORDER BY var3 ASC, this1.key ASC LIMIT $param0 RETURN collect([this1 { .* }, NULL, NULL, [var4 IN var2 | var4 { .*, type: type(var4), sourceKey: coalesce(var4.sourceKey, CASE type(var4) WHEN 'SOURCED_FROM' THEN endNode(var4).key END) }], NULL]) AS var5 }",
        "params": {
          "param0": 21,
        },
      }
    `);
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
    ).toMatchInlineSnapshot(`
      {
        "cypher": "CALL (n) { MATCH (n)<-[this0:LOCATED_IN]-(this1) WHERE toLower(this1.name) CONTAINS toLower($param0) WITH DISTINCT this1 WITH this1, this1.key AS var2 WITH this1, var2 ORDER BY var2 ASC, this1.key ASC LIMIT $param1 RETURN collect([[this1.key, this1.name], NULL, NULL, NULL, NULL]) AS var3 }",
        "params": {
          "param0": "bio",
          "param1": 3,
        },
      }
    `);
  });

  it('zone { province { … } }: a pattern with its own condition, and a filter, joined with AND', () => {
    const { cypher: text } = compile('Zone', 'province', {
      where: { name: { eq: 'Guangdong' } },
      orderBy: byKey,
      page: { first: 1 },
      statements: false,
    });
    expect(text).toContain(
      "MATCH (n)-[this0:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(this1:Place) WHERE (this1.kind IN ['province', 'autonomous-region', 'municipality'] AND this1.name = $param0) WITH DISTINCT this1",
    );
  });

  it('zone { companies(orderBy: {field: NAME, direction: DESC}, last: 2, before) }: backwards, the order flipped', () => {
    expect(
      compile('Zone', 'companies', {
        orderBy: { field: 'name', direction: 'DESC' },
        page: { last: 2, before: encodeCursor('Zone.companies', 'name DESC', 'Huawei', 'huawei') },
        statements: false,
      }),
    ).toMatchInlineSnapshot(`
      {
        "cypher": "CALL (n) { MATCH (n)<-[this0:ORIGINATED_IN]-(this1) WITH DISTINCT this1 WITH this1, coalesce(this1.name, '') AS var2 WHERE (var2 > $param0 OR (var2 = $param0 AND this1.key > $param1)) WITH this1, var2 ORDER BY var2 ASC, this1.key ASC LIMIT $param2 RETURN collect([this1 { .* }, var2, NULL, NULL, NULL]) AS var3 }",
        "params": {
          "param0": "Huawei",
          "param1": "huawei",
          "param2": 3,
        },
      }
    `);
  });

  it('place { zones(orderBy: {field: COMPANIES_COUNT, direction: DESC}) }: ordered by a count, multi-hop', () => {
    expect(
      compile('Place', 'zones', {
        orderBy: { field: 'companiesCount', direction: 'DESC' },
        page: { first: 5 },
        statements: false,
      }),
    ).toMatchInlineSnapshot(`
      {
        "cypher": "CALL (n) { MATCH (n)<-[:PART_OF*0..3]-(:Place)<-[this0:LOCATED_IN]-(this1:Zone) WITH DISTINCT this1 WITH this1, COUNT { MATCH (this1)<-[this2:ORIGINATED_IN]-(this3) RETURN DISTINCT this3 } AS var4 WITH this1, var4 ORDER BY var4 DESC, this1.key DESC LIMIT $param0 RETURN collect([this1 { .* }, var4, NULL, NULL, NULL]) AS var5 }",
        "params": {
          "param0": 6,
        },
      }
    `);
  });

  it('policy { ledTo(where: {name: {eq: "x"}}) }: any label at the other end, read with its labels', () => {
    expect(
      compile('Policy', 'ledTo', { where: { name: { eq: 'x' } }, orderBy: byKey, page: {} }),
    ).toMatchInlineSnapshot(`
      {
        "cypher": "CALL (n) { MATCH (n)-[this0:LED_TO]->(this1) WHERE this1.name = $param0 WITH this1, this0 ORDER BY this0.sourceKey ASC, this0.quote ASC WITH this1, collect(this0) AS var2 WITH this1, var2, this1.key AS var3 WITH this1, var2, var3 ORDER BY var3 ASC, this1.key ASC LIMIT $param1 RETURN collect([this1 { .* }, NULL, labels(this1), [var4 IN var2 | var4 { .*, type: type(var4), sourceKey: coalesce(var4.sourceKey, CASE type(var4) WHEN 'SOURCED_FROM' THEN endNode(var4).key END) }], NULL]) AS var5 }",
        "params": {
          "param0": "x",
          "param1": 21,
        },
      }
    `);
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
    ).toMatchInlineSnapshot(`
      {
        "cypher": "CALL (n) { MATCH (n)<-[this0:LOCATED_IN]-(this1) WITH DISTINCT this1 WITH this1, this1.key AS var2 WITH this1, var2 ORDER BY var2 ASC, this1.key ASC LIMIT $param0 CALL (this1) { MATCH (this1)-[this3:SPECIALIZES_IN]->(this4) WITH this4, this3 ORDER BY this3.sourceKey ASC, this3.quote ASC WITH this4, collect(this3) AS var5 WITH this4, var5, coalesce(this4.name, '￿') AS var6 WITH this4, var5, var6 ORDER BY var6 ASC, this4.key ASC LIMIT $param1 RETURN collect([[this4.key], var6, NULL, [var7 IN var5 | var7 { .*, type: type(var7), sourceKey: coalesce(var7.sourceKey, CASE type(var7) WHEN 'SOURCED_FROM' THEN endNode(var7).key END) }], NULL]) AS var8 } RETURN collect([[this1.key, this1.name], NULL, NULL, NULL, [var8]]) AS var9 }",
        "params": {
          "param0": 3,
          "param1": 21,
        },
      }
    `);
  });

  it('reads a page of edges back: node, statements, cursor, and the nested pages', () => {
    const scope = newScope();
    const page = relationPage(
      relation('Zone', 'clusters'),
      n(),
      { orderBy: byKey, page: { first: 1 } },
      scope,
    );
    const read = page.read([
      [{ key: 'a', name: 'A' }, null, null, [{ type: 'LOCATED_IN', sourceKey: 's' }], null],
      [{ key: 'b', name: 'B' }, null, null, [], null],
    ]);
    expect(read.hasNextPage).toBe(true);
    expect(read.edges.map((e) => [e.node.__label, e.node.key, e.statements, e.cursor])).toEqual([
      [
        'IndustryCluster',
        'a',
        [{ type: 'LOCATED_IN', sourceKey: 's' }],
        encodeCursor('Zone.clusters', 'key ASC', 'a', 'a'),
      ],
    ]);
  });
});

describe('nestedRelations', () => {
  it('plans to-one relations too; a relation whose arguments are wrong is read back as its error', () => {
    const nested = nestedRelations(
      'Zone',
      n(),
      {
        properties: 'all',
        relations: [
          { responseName: 'province', relation: 'province', args: { orderBy: byKey, page: { first: 1 } } },
          { responseName: 'big', relation: 'clusters', args: { orderBy: byKey, page: { first: 1000 } } },
          { responseName: 'bad', relation: 'clusters', args: { orderBy: byKey, page: {}, where: { x: {} } } },
        ],
      },
      newScope(100),
    );
    expect(nested.calls).toHaveLength(1);
    const read = nested.read([[]]);
    expect(read.province).toEqual({ edges: [], hasNextPage: false, hasPreviousPage: false });
    expect(read.big).toEqual(new PageError('first must be between 0 and 100 (MAX_PAGE_SIZE); got 1000'));
    expect(read.bad).toEqual(new FilterError('IndustryCluster has no field x to filter on'));
  });

  it('refuses a relation the label does not have: the planner never asks for one', () => {
    const unknown = { responseName: 'nonsense', relation: 'nonsense', args: { orderBy: byKey, page: {} } };
    expect(() =>
      nestedRelations('Zone', n(), { properties: 'all', relations: [unknown] }, newScope()),
    ).toThrow('Zone has no relation nonsense');
  });

  it('lists one page per selected relation, by response name', () => {
    const nested = nestedRelations(
      'Zone',
      n(),
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
      newScope(),
    );
    expect(nested.calls).toHaveLength(2);
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
    // Every entity shows the Entity interface's fields: a Source's description too (found by an
    // outside differential check: lists of sources lost it).
    [
      'a Source: its own and the interface’s',
      'Source',
      ['title', 'description'],
      'm {.key, .title, .description}',
    ],
  ])('%s', (_what, label, properties, expected) => {
    expect(projection(label, 'm', { properties, relations: [] })).toBe(expected);
    const m = new Cypher.NamedNode('m');
    const built = translate(
      new Cypher.Return(nodeProjection(label, m, { properties, relations: [] })),
    ).cypher;
    expect(built.replace(/ /g, '')).toBe(`RETURN${expected.replace(/ /g, '')}`);
  });
});
