/**
 * `where` filters as Cypher (src/graph/where.ts): each case is the GraphQL-level filter on a root list
 * (`zones(where: …)`, variable `n`) and the condition and parameters it compiles to today. A target's
 * label is left out of a pattern where the ontology implies it (Zone-[:LOCATED_IN]->Place).
 */
import { describe, expect, it } from 'vitest';
import { Params, Variables } from '../../../src/graph/cypher-builder.ts';
import type { Label } from '../../../src/graph/ontology.ts';
import { compileWhere, FilterError, type Where } from '../../../src/graph/where.ts';
import { cypher, type Translation } from './support.ts';

function compile(label: Label | 'Entity', where: Where | null | undefined): Translation {
  const params = new Params();
  return { cypher: cypher(compileWhere(label, where, 'n', params, new Variables())), params: params.values };
}

const PROVINCE_KINDS = "['province', 'autonomous-region', 'municipality']";
const CITY_KINDS = "['city', 'municipality', 'autonomous-prefecture', 'new-area']";

describe('compileWhere: scalar operators', () => {
  it.each<[string, Where, string, Record<string, unknown>]>([
    ['name: {eq: "Zhongguancun"}', { name: { eq: 'Zhongguancun' } }, 'n.name = $p0', { p0: 'Zhongguancun' }],
    ['kind: {ne: "national"}', { kind: { ne: 'national' } }, 'n.kind <> $p0', { p0: 'national' }],
    ['key: {in: ["a", "b"]}', { key: { in: ['a', 'b'] } }, 'n.key IN $p0', { p0: ['a', 'b'] }],
    [
      'name: {contains: "Park"}',
      { name: { contains: 'Park' } },
      'toLower(n.name) CONTAINS toLower($p0)',
      { p0: 'Park' },
    ],
    [
      'name: {startsWith: "Shen"}',
      { name: { startsWith: 'Shen' } },
      'toLower(n.name) STARTS WITH toLower($p0)',
      { p0: 'Shen' },
    ],
    [
      'nameZh: {endsWith: "园区"}',
      { nameZh: { endsWith: '园区' } },
      'toLower(n.nameZh) ENDS WITH toLower($p0)',
      { p0: '园区' },
    ],
    ['approvedYear: {gt: 1990}', { approvedYear: { gt: 1990 } }, 'n.approvedYear > $p0', { p0: 1990 }],
    ['approvedYear: {gte: 1990}', { approvedYear: { gte: 1990 } }, 'n.approvedYear >= $p0', { p0: 1990 }],
    ['approvedYear: {lt: 1990}', { approvedYear: { lt: 1990 } }, 'n.approvedYear < $p0', { p0: 1990 }],
    ['approvedYear: {lte: 1990}', { approvedYear: { lte: 1990 } }, 'n.approvedYear <= $p0', { p0: 1990 }],
    [
      'aliases: {includes: "ZGC"}',
      { aliases: { includes: 'ZGC' } },
      '$p0 IN coalesce(n.aliases, [])',
      { p0: 'ZGC' },
    ],
    [
      'approvedYear: {gte: 1988, lt: 1992} (a range: one condition per bound)',
      { approvedYear: { gte: 1988, lt: 1992 } },
      'n.approvedYear >= $p0 AND n.approvedYear < $p1',
      { p0: 1988, p1: 1992 },
    ],
    [
      'name: {eq: null, contains: "hi"} (nulls are no condition)',
      { name: { eq: null, contains: 'hi' } },
      'toLower(n.name) CONTAINS toLower($p0)',
      { p0: 'hi' },
    ],
    [
      'name: {eq: "A"}, approvedYear: {eq: 1991} (fields AND together)',
      { name: { eq: 'A' }, approvedYear: { eq: 1991 } },
      'n.name = $p0 AND n.approvedYear = $p1',
      { p0: 'A', p1: 1991 },
    ],
  ])('Zone %s', (_input, where, expected, params) => {
    expect(compile('Zone', where)).toEqual({ cypher: expected, params });
  });

  it.each<[string, Where | null | undefined]>([
    ['no where', undefined],
    ['where: null', null],
    ['where: {}', {}],
    ['where: {name: null}', { name: null }],
  ])('%s is true', (_input, where) => {
    expect(compile('Zone', where)).toEqual({ cypher: 'true', params: {} });
  });

  it('Entity (relations reaching any label) filters on key and name only', () => {
    expect(compile('Entity', { key: { eq: 'k' }, name: { startsWith: 'S' } })).toEqual({
      cypher: 'n.key = $p0 AND toLower(n.name) STARTS WITH toLower($p1)',
      params: { p0: 'k', p1: 'S' },
    });
    expect(() => compile('Entity', { kind: { eq: 'x' } })).toThrow(FilterError);
  });
});

describe('compileWhere: AND, OR, NOT', () => {
  it.each<[string, Where, string, Record<string, unknown>]>([
    [
      'AND: [{name: {endsWith: "Zone"}}, {aliases: {includes: "y"}}]',
      { AND: [{ name: { endsWith: 'Zone' } }, { aliases: { includes: 'y' } }] },
      '(toLower(n.name) ENDS WITH toLower($p0)) AND ($p1 IN coalesce(n.aliases, []))',
      { p0: 'Zone', p1: 'y' },
    ],
    [
      'OR: [{approvedYear: {lt: 1990}}, {approvedYear: {gt: 2010}}]',
      { OR: [{ approvedYear: { lt: 1990 } }, { approvedYear: { gt: 2010 } }] },
      '((n.approvedYear < $p0) OR (n.approvedYear > $p1))',
      { p0: 1990, p1: 2010 },
    ],
    ['OR: [] (no alternative holds)', { OR: [] }, 'false', {}],
    ['AND: [] (nothing to hold)', { AND: [] }, 'true', {}],
    [
      'NOT: {approvedYear: {lt: 1990}} (a missing property counts as not matching the inner filter)',
      { NOT: { approvedYear: { lt: 1990 } } },
      'NOT coalesce((n.approvedYear < $p0), false)',
      { p0: 1990 },
    ],
    [
      'NOT: {OR: [{kind: {eq: "a"}}, {AND: [{kind: {eq: "b"}}, {NOT: {name: {eq: "c"}}}]}]}',
      {
        NOT: {
          OR: [{ kind: { eq: 'a' } }, { AND: [{ kind: { eq: 'b' } }, { NOT: { name: { eq: 'c' } } }] }],
        },
      },
      'NOT coalesce((((n.kind = $p0) OR ((n.kind = $p1) AND (NOT coalesce((n.name = $p2), false))))), false)',
      { p0: 'a', p1: 'b', p2: 'c' },
    ],
    [
      'OR: [], NOT: {…}, AND: […] (in the order given)',
      {
        OR: [],
        NOT: { approvedYear: { lt: 1990 } },
        AND: [{ name: { endsWith: 'x' } }],
      },
      'false AND NOT coalesce((n.approvedYear < $p0), false) AND (toLower(n.name) ENDS WITH toLower($p1))',
      { p0: 1990, p1: 'x' },
    ],
  ])('Zone %s', (_input, where, expected, params) => {
    expect(compile('Zone', where)).toEqual({ cypher: expected, params });
  });
});

describe('compileWhere: relations', () => {
  it.each<[string, Label, Where, string, Record<string, unknown>]>([
    [
      'Zone clusters: {some: {name: {contains: "bio"}}}',
      'Zone',
      { clusters: { some: { name: { contains: 'bio' } } } },
      'EXISTS { MATCH (n)<-[r1:LOCATED_IN]-(m0) WHERE toLower(m0.name) CONTAINS toLower($p0) }',
      { p0: 'bio' },
    ],
    [
      'Zone designations: {none: {key: {eq: "torch-demo"}}}',
      'Zone',
      { designations: { none: { key: { eq: 'torch-demo' } } } },
      'NOT EXISTS { MATCH (n)-[r1:DESIGNATED_AS]->(m0) WHERE m0.key = $p0 }',
      { p0: 'torch-demo' },
    ],
    [
      'Zone companies: {count: {gte: 2}}',
      'Zone',
      { companies: { count: { gte: 2 } } },
      'COUNT { MATCH (n)<-[r1:ORIGINATED_IN]-(m0) RETURN DISTINCT m0 } >= $p0',
      { p0: 2 },
    ],
    [
      'Zone clusters: {some: {}, none: {}, count: {gt: 0, lte: 9}} (one condition each)',
      'Zone',
      { clusters: { some: {}, none: {}, count: { gt: 0, lte: 9 } } },
      'EXISTS { MATCH (n)<-[r1:LOCATED_IN]-(m0) WHERE true }' +
        ' AND NOT EXISTS { MATCH (n)<-[r1:LOCATED_IN]-(m0) WHERE true }' +
        ' AND COUNT { MATCH (n)<-[r1:LOCATED_IN]-(m0) RETURN DISTINCT m0 } > $p0' +
        ' AND COUNT { MATCH (n)<-[r1:LOCATED_IN]-(m0) RETURN DISTINCT m0 } <= $p1',
      { p0: 0, p1: 9 },
    ],
    [
      'Zone location: {name: {eq: "Beijing"}} (to-one: a nested filter)',
      'Zone',
      { location: { name: { eq: 'Beijing' } } },
      'EXISTS { MATCH (n)-[r1:LOCATED_IN]->(m0) WHERE m0.name = $p0 }',
      { p0: 'Beijing' },
    ],
    [
      'Zone province: {name: {eq: "Guangdong"}} (a pattern with its own condition: AND)',
      'Zone',
      { province: { name: { eq: 'Guangdong' } } },
      `EXISTS { MATCH (n)-[r1:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(m0:Place) WHERE m0.kind IN ${PROVINCE_KINDS} AND m0.name = $p0 }`,
      { p0: 'Guangdong' },
    ],
    [
      'Zone city: {} (condition of the pattern only)',
      'Zone',
      { city: {} },
      `EXISTS { MATCH (n)-[r1:LOCATED_IN]->(:Place)-[:PART_OF*0..1]->(m0:Place) WHERE m0.kind IN ${CITY_KINDS} AND true }`,
      {},
    ],
    [
      'Place zones: {count: {lt: 5}} (a multi-hop pattern)',
      'Place',
      { zones: { count: { lt: 5 } } },
      'COUNT { MATCH (n)<-[:PART_OF*0..3]-(:Place)<-[r1:LOCATED_IN]-(m0:Zone) RETURN DISTINCT m0 } < $p0',
      { p0: 5 },
    ],
    [
      'Policy ledTo: {some: {key: {eq: "torch"}}} (any label at the other end)',
      'Policy',
      { ledTo: { some: { key: { eq: 'torch' } } } },
      'EXISTS { MATCH (n)-[r1:LED_TO]->(m0) WHERE m0.key = $p0 }',
      { p0: 'torch' },
    ],
    [
      'Zone designations: {some: {zones: {count: {gt: 3}}}} (nested: fresh variables)',
      'Zone',
      { designations: { some: { zones: { count: { gt: 3 } } } } },
      'EXISTS { MATCH (n)-[r1:DESIGNATED_AS]->(m0) WHERE COUNT { MATCH (m0)<-[r3:DESIGNATED_AS]-(m2) RETURN DISTINCT m2 } > $p0 }',
      { p0: 3 },
    ],
    [
      'Zone clusters: {some: {technologies: {some: {key: {in: ["ai"]}}}}}, province: {key: {eq: "gd"}}',
      'Zone',
      {
        clusters: { some: { technologies: { some: { key: { in: ['ai'] } } } } },
        province: { key: { eq: 'gd' } },
      },
      'EXISTS { MATCH (n)<-[r1:LOCATED_IN]-(m0) WHERE EXISTS { MATCH (m0)-[r3:SPECIALIZES_IN]->(m2) WHERE m2.key IN $p0 } }' +
        ` AND EXISTS { MATCH (n)-[r5:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(m4:Place) WHERE m4.kind IN ${PROVINCE_KINDS} AND m4.key = $p1 }`,
      { p0: ['ai'], p1: 'gd' },
    ],
  ])('%s', (_input, label, where, expected, params) => {
    expect(compile(label, where)).toEqual({ cypher: expected, params });
  });

  it('refuses a field that is neither a property nor a relation', () => {
    expect(() => compile('Zone', { nonsense: { eq: 1 } })).toThrow(
      new FilterError('Zone has no field nonsense to filter on'),
    );
  });
});
