/** Real questions from the source, asked through the API, and the refusals of the read-only Cypher. */
import { describe, expect, it } from 'vitest';
import { TEST_KEYS, testApp } from '../support/graphql.ts';
import { useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();
const gql = testApp(executor);

describe('questions an analyst asks', () => {
  it('which zones host a National Innovation Demonstration Zone (Zhongguancun, Zhangjiang, East Lake …)', async () => {
    const { data } = await gql(`{ zones(first: 100, where: { designations: { some: {
      kind: { eq: "national-innovation-demonstration-zone" } } } }) { totalCount edges { node { key } } } }`);
    const keys = data.zones.edges.map((e: any) => e.node.key);
    expect(keys).toEqual(expect.arrayContaining(['zhongguancun', 'shanghai-zhangjiang', 'wuhan-east-lake']));
    // The demonstration-zone table names 64 host relations; some zones host more than one.
    expect(data.zones.totalCount).toBeGreaterThan(50);
  });

  it('the clusters of East Lake, and where they are', async () => {
    const { data } = await gql(`{ zone(key: "wuhan-east-lake") { city { name } province { name }
      clusters { edges { node { name technologies { edges { node { key } } } } evidence { quote } } } } }`);
    expect(data.zone.city.name).toBe('Wuhan');
    expect(data.zone.province.name).toBe('Hubei');
    const cluster = data.zone.clusters.edges[0];
    expect(cluster.node.technologies.edges.map((e: any) => e.node.key)).toContain('optical-communications');
    expect(cluster.evidence[0].quote).toMatch(/optical communications in Wuhan's East Lake/);
  });

  it('the timeline from 1985 to 2009, in order, from the Decision to the demonstration zone', async () => {
    const { data } = await gql('{ timeline(fromYear: 1985, toYear: 2009) { year date title } }');
    const entries = data.timeline;
    const years = entries.map((e: any) => e.year);
    expect(years).toEqual([...years].sort((a: number, b: number) => a - b));
    expect(years[0]).toBe(1985);
    expect(years.at(-1)).toBe(2009);
    const position = (pattern: RegExp) => entries.findIndex((e: any) => pattern.test(e.title));
    expect(position(/1985 Decision|Decision on the Reform/)).toBeLessThan(position(/Torch Program/));
    expect(position(/Torch Program/)).toBeLessThan(position(/Yangling/));
  });

  it('national zones as of 1992, 2009 and today, matching the reference table', async () => {
    const { data } = await gql(
      '{ y1992: zones(asOf: 1992) { totalCount } y2009: zones(asOf: 2009) { totalCount } today: zones { totalCount } }',
    );
    // zones.csv: 1 (1988) + 26 (1991) + 25 (1992) = 52; + Yangling 1997, Ningbo 2007 and 2 dated 2009 = 56; 177 in all.
    expect(data.y1992.totalCount).toBe(52);
    expect(data.y2009.totalCount).toBe(56);
    expect(data.today.totalCount).toBe(177);
  });
});

const REFUSED_CYPHER = [
  'CREATE (n:Zone {key: "x-test"})',
  'MERGE (n:Zone {key: "x-test"}) RETURN n',
  'MATCH (z:Zone {key: "zhongguancun"}) SET z.name = "hacked"',
  'MATCH (z:Zone {key: "zhongguancun"}) REMOVE z.name',
  'MATCH (z:Zone {key: "zhongguancun"}) DELETE z',
  'MATCH (n) DETACH DELETE n',
  'MATCH (z:Zone {key: "zhongguancun"}) SET z:Hacked',
  'MATCH (a:Zone), (b:Zone) CREATE (a)-[:HACKED]->(b)',
  'MATCH ()-[r:LOCATED_IN]->() DELETE r',
  'MATCH (n) FOREACH (x IN [1] | SET n.hacked = true)',
  'UNWIND [1, 2] AS i CALL (i) { CREATE (:Zone {key: "sub-test-" + toString(i)}) }',
  'CREATE INDEX hacked IF NOT EXISTS FOR (n:Zone) ON (n.hacked)',
  'DROP CONSTRAINT zone_key',
  'CREATE CONSTRAINT hacked FOR (n:Zone) REQUIRE n.hacked IS UNIQUE',
  'DROP INDEX zone_name',
  'CREATE DATABASE hacked',
  'CREATE USER hacker SET PASSWORD "secret-secret"',
  'SHOW USERS',
  'USE system SHOW DATABASES',
  'LOAD CSV FROM "file:///etc/passwd" AS line RETURN line',
  'LOAD CSV WITH HEADERS FROM "http://127.0.0.1/x.csv" AS row CREATE (:Zone {key: row.k})',
  'CALL dbms.listConfig() YIELD name RETURN name',
  'CALL dbms.components() YIELD name RETURN name',
  'CALL db.createLabel("Hacked")',
  'CALL db.clearQueryCaches()',
  'CALL dbms.killQueries(["x"])',
  'CALL apoc.periodic.iterate("MATCH (n) RETURN n", "DETACH DELETE n", {})',
  'MATCH (n) RETURN n; MATCH (n) DETACH DELETE n',
  'EXPLAIN MATCH (n) DETACH DELETE n',
  'PROFILE MATCH (n) RETURN n',
  'CYPHER runtime=interpreted MATCH (n) DETACH DELETE n',
  'TERMINATE TRANSACTIONS "neo4j-transaction-1"',
];

describe('read-only Cypher refuses', () => {
  it(`every one of ${REFUSED_CYPHER.length} write, schema, admin, LOAD CSV, procedure and multi-statement attempts, and the graph is unchanged`, async () => {
    expect(REFUSED_CYPHER.length).toBeGreaterThanOrEqual(25);
    const size = async () =>
      (
        await executor.read(
          "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels, COUNT { MATCH (z:Zone {key: 'zhongguancun', name: 'Zhongguancun Science Park'}) } AS intact",
        )
      )[0];
    const before = await size();
    for (const query of REFUSED_CYPHER) {
      const { data, errors } = await gql(
        'query($q: String!) { cypher(query: $q) { rows } }',
        { q: query },
        TEST_KEYS.analyst,
      );
      expect(data?.cypher ?? null, query).toBeNull();
      expect(errors?.[0]?.extensions?.code, `${query}: ${errors?.[0]?.message}`).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message, query).toMatch(
        /not allowed|read-only|may not start|Writes are not allowed|refused/,
      );
    }
    const after = await size();
    expect(after?.intact).toBe(1);
    // Other test files write their own nodes meanwhile; none of these statements may have changed the seed.
    const hacked = await executor.read(
      "MATCH (n) WHERE n:Hacked OR n.hacked IS NOT NULL OR n.key IN ['x-test', 'sub-test-1', 'sub-test-2'] RETURN count(n) AS n",
    );
    expect(hacked[0]?.n).toBe(0);
    expect(before?.intact).toBe(1);
  });
});

describe('who may run Cypher', () => {
  const run = (key?: string) => gql('{ cypher(query: "RETURN 1 AS one") { rows } }', {}, key);

  it('no key, a wrong key and a key of the wrong scope are refused; the analyst key runs', async () => {
    expect((await run()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await run('a-wrong-key-that-is-long-enough')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await run(TEST_KEYS.editor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await run(TEST_KEYS.analyst)).data.cypher.rows).toEqual([{ one: 1 }]);
  });
});
