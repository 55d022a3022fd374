/**
 * A list and the relations selected under it are fetched in one statement (src/graph/relation-page.ts,
 * planned from the query by src/schema/selection.ts). What must hold: the answer is exactly the one
 * the relation fields give when each resolves through its own loader, errors stay on the field that
 * caused them, and what cannot be planned in advance (fragments, a field selected twice) still answers
 * in full.
 */
import { describe, expect, it } from 'vitest';
import { EntityStore } from '../../../src/graph/entity-store.ts';
import { createApp } from '../../../src/http/yoga.ts';
import { createLogger } from '../../../src/logger.ts';
import type { StatementEvent } from '../../../src/neo4j/executor.ts';
import { schema } from '../../../src/schema/index.ts';
import {
  type GraphQLError,
  type GraphQLResult,
  SEEDED_ONLY,
  TEST_KEYS,
  testApp,
  useApi,
} from '../../support/graphql.ts';

const api = useApi();

async function counted(query: string, variables?: Record<string, unknown>) {
  const statements: StatementEvent[] = [];
  const stop = api.executor.onStatement((event) => statements.push(event));
  try {
    return { data: await api.ok(query, variables), statements };
  } finally {
    stop();
  }
}

/** The zones' selection, with everything a relation connection offers at two levels. */
const ZONE_SELECTION = `
  key name approvedYear
  companies(first: 2, orderBy: { field: NAME, direction: DESC }) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor since role evidence { quote source { key } } node { key name foundedYear } }
  }
  clusters(last: 2) {
    pageInfo { hasPreviousPage startCursor }
    edges { cursor node { key name
      technologies(where: { NOT: { key: { eq: "telecommunications" } } }) { edges { node { key name } } }
    } }
  }
  province { key }`;

const zonesQuery = (selection: string) => `query($where: ZoneWhere) {
  zones(first: 12, where: $where, orderBy: { field: COMPANIES_COUNT, direction: DESC }) {
    edges { cursor node { ${selection} } }
  }
}`;

describe('nested relations in the statement of their list', () => {
  it('a list three levels deep is one statement, and so is a lookup by key with its relations', async () => {
    const list = await counted(`{ zones(first: 5, where: { key: { eq: "zhongguancun" } }) { edges { node {
      key clusters { edges { node { key technologies { edges { node { key } } } } } }
    } } } }`);
    const zgc = list.data.zones.edges[0].node;
    expect(zgc.clusters.edges.length).toBeGreaterThan(0);
    expect(zgc.clusters.edges.some((e: any) => e.node.technologies.edges.length > 0)).toBe(true);
    expect(list.statements).toHaveLength(1);

    const lookup = await counted(`{ zone(key: "zhongguancun") {
      key clusters { edges { node { key technologies { edges { node { key } } } } } }
    } }`);
    expect(lookup.data.zone.clusters).toEqual(zgc.clusters);
    expect(lookup.statements).toHaveLength(1);
  });

  it('answers exactly as the relation fields do one by one (paging, order, filters, edge data, cursors)', async () => {
    // An inline fragment makes the selection unknowable in advance: every relation then resolves
    // through its own loader, as before the nested statement existed.
    const planned = await counted(zonesQuery(ZONE_SELECTION), { where: SEEDED_ONLY });
    const oneByOne = await counted(zonesQuery(`... on Zone { ${ZONE_SELECTION} }`), { where: SEEDED_ONLY });
    expect(planned.data).toEqual(oneByOne.data);
    expect(planned.statements.length).toBeLessThan(oneByOne.statements.length);

    const shenzhen = planned.data.zones.edges[0].node;
    expect(shenzhen.key).toBe('shenzhen');
    expect(shenzhen.companies.edges.map((e: any) => e.node.key)).toEqual(['zte', 'tencent']);
    expect(shenzhen.companies.pageInfo.hasNextPage).toBe(true);
    expect(shenzhen.companies.edges[0].evidence.length).toBeGreaterThan(0);
    expect(shenzhen.companies.totalCount).toBe(3);
  });

  it('reads every field a list selects: a Source’s description too (the Entity interface’s fields)', async () => {
    const key = 'hi-tech-zones-overview';
    const listed = await api.ok(
      `{ sources(where: { key: { eq: "${key}" } }) { edges { node { description } } } }`,
    );
    const looked = await api.ok(`{ source(key: "${key}") { description } }`);
    expect(looked.source.description).toBeTruthy();
    expect(listed.sources.edges[0].node.description).toBe(looked.source.description);
  });

  it('plans to-one relations too: the target and its edge in the list statement, answers unchanged', async () => {
    const selection = `key city { key name kind } provinceEdge { since evidence { quote } node { key nameZh } }
      location { key partOf { key } }`;
    const planned = await counted(zonesQuery(selection), { where: SEEDED_ONLY });
    const oneByOne = await counted(zonesQuery(`... on Zone { ${selection} }`), { where: SEEDED_ONLY });
    expect(planned.data).toEqual(oneByOne.data);
    expect(planned.statements).toHaveLength(1);
    expect(oneByOne.statements.length).toBeGreaterThan(3);
    const shenzhen = planned.data.zones.edges[0].node;
    expect(shenzhen.city).toMatchObject({ key: 'shenzhen-place', kind: expect.any(String) });
    expect(shenzhen.provinceEdge.node.key).toBe('guangdong');
  });

  it('answers the same compiled (graphql-jit, the default) and interpreted (GRAPHQL_JIT=false)', async () => {
    const interpreted = testApp(api.executor, { graphqlJit: false });
    // Inline, not as a variable: operations with a variable of a recursive input type are interpreted.
    const query = zonesQuery(
      `${ZONE_SELECTION} evidence { quote } relations(first: 3) { edges { type node { key } } }`,
    )
      .replace('query($where: ZoneWhere)', 'query')
      .replace('where: $where', 'where: { NOT: { key: { contains: "-test-" } } }');
    const compiled = await api.gql(query);
    expect(compiled.errors).toBeUndefined();
    expect(compiled.data.zones.edges).toHaveLength(12);
    expect(await interpreted(query, {}, TEST_KEYS.editor)).toEqual(compiled);
    // Errors alike, but for `locations`, which graphql-jit's errors lose on their way through yoga.
    const bad = '{ zones(first: 1) { edges { node { companies(after: "x") { totalCount } } } } }';
    const withoutLocations = ({ errors, ...rest }: GraphQLResult) => ({
      ...rest,
      errors: errors?.map(({ locations, ...error }: GraphQLError & { locations?: unknown }) => error),
    });
    expect(withoutLocations(await interpreted(bad, {}, TEST_KEYS.editor))).toEqual(
      withoutLocations(await api.gql(bad)),
    );
  });

  it('writes compiled answers byte for byte as graphql-js and JSON.stringify do (the compiled serialiser)', async () => {
    const textOf = (graphqlJit: boolean) => {
      const app = createApp({ schema, executor: api.executor, log: createLogger('silent'), graphqlJit });
      return async (query: string, variables: Record<string, unknown> = {}) => {
        const response = await app.fetch('http://yoga/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
        return response.text();
      };
    };
    const [compiled, interpreted] = [textOf(true), textOf(false)];
    const queries = [
      // Nested pages, pageInfo, cursors, edge properties, nulls and evidence (lists of objects).
      `{ zones(first: 12, where: { NOT: { key: { contains: "-test-" } } }) { pageInfo { hasNextPage endCursor }
        edges { cursor node { key name nameZh approvedYear
          companies(first: 2) { totalCount edges { since role evidence { quote } node { key name foundedYear } } }
          city { key name } } } } }`,
      // Interface-typed fields (Entity), no fragment: nodes of several types in one list.
      `query($key: String!) { neighborhood(key: $key, depth: 2, limit: 200) { truncated
        nodes { key type name } edges { type from { key type } to { key type } } } }`,
    ];
    for (const query of queries) {
      const text = await compiled(query, { key: 'shenzhen' });
      expect(text).not.toContain('"errors"');
      expect(text).toBe(await interpreted(query, { key: 'shenzhen' }));
    }
    // Fields in the order the selection asks for, fragments or not (outside attack, session 7: graphql-jit
    // wrote a fragment's fields after the others), and `errors` before `data`, as graphql-js writes them.
    const ordered = [
      '{ zone(key: "zhongguancun") { approvedYear ...F key } } fragment F on Zone { name }',
      '{ zone(key: "zhongguancun") { ... on Zone { approvedYear } key ... on Entity { name } } }',
      '{ a: zone(key: "zhongguancun") { key } n: nodes(ids: ["bad"]) { id } }',
      // A non-null variable's default, when no value is sent (second outside attack: graphql-jit refused it).
      'query($k: String! = "zhongguancun", $n: Int! = 2) { zone(key: $k) { key } zones(first: $n) { edges { node { key } } } }',
    ];
    // (Compiled errors carry no `locations`, as the README says.)
    const noLocations = (text: string) => text.replace(/"locations":\[[^\]]*\],/g, '');
    for (const query of ordered) {
      expect(await compiled(query), query).toBe(noLocations(await interpreted(query)));
    }
  });

  it('fetches the row beyond a page only where pageInfo is read; the edges are the same either way', async () => {
    const query = (pageInfo: string) => `{
      zones(first: 3, where: { key: { eq: "shenzhen" } }) { ${pageInfo} edges { node { key
        companies(first: 1) { ${pageInfo} edges { cursor node { key } } }
      } } }
    }`;
    const without = await counted(query(''));
    const withInfo = await counted(query('pageInfo { hasNextPage }'));
    const edges = (d: any) => d.zones.edges.map((e: any) => e.node.companies.edges);
    expect(edges(without.data)).toEqual(edges(withInfo.data));
    expect(withInfo.data.zones.edges[0].node.companies.pageInfo.hasNextPage).toBe(true);
    expect(Object.values(without.statements[0]?.params ?? {}).slice(-2)).toEqual([3, 1]);
    expect(Object.values(withInfo.statements[0]?.params ?? {}).slice(-2)).toEqual([4, 2]);
  });

  it('follows the cursors it hands out: the next page of a nested relation', async () => {
    const first = await api.ok(
      `{ zone(key: "shenzhen") { companies(first: 2) { edges { cursor node { key } } } } }`,
    );
    const after = first.zone.companies.edges[1].cursor;
    const next = await counted(
      `query($after: String) { zones(first: 1, where: { key: { eq: "shenzhen" } }) { edges { node {
        companies(first: 2, after: $after) { pageInfo { hasNextPage hasPreviousPage } edges { node { key } } }
      } } } }`,
      { after },
    );
    const companies = next.data.zones.edges[0].node.companies;
    expect(companies.edges.map((e: any) => e.node.key)).toEqual(['zte']);
    expect(companies.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    expect(next.statements).toHaveLength(1);
  });

  it('keeps aliases apart: the same relation twice with different arguments, in one statement', async () => {
    const { data, statements } =
      await counted(`{ zones(first: 1, where: { key: { eq: "shenzhen" } }) { edges { node {
      firstByKey: companies(first: 1) { edges { node { key } } }
      lastByName: companies(first: 1, orderBy: { field: NAME, direction: DESC }) { edges { node { key name } } }
    } } } }`);
    const zone = data.zones.edges[0].node;
    expect(zone.firstByKey.edges.map((e: any) => e.node.key)).toEqual(['huawei']);
    expect(zone.lastByName.edges.map((e: any) => e.node.key)).toEqual(['zte']);
    expect(statements).toHaveLength(1);
  });

  it('reads entities of any label along Entity-typed relations, with their type', async () => {
    const query = (selection: string) => `{ events(first: 30, where: { involves: { count: { gte: 2 } } }) {
      edges { node { ${selection} } } } }`;
    const selection = 'key involves { edges { role node { __typename key name type } } }';
    const planned = await api.ok(query(selection));
    const oneByOne = await api.ok(query(`... on Event { ${selection} }`));
    expect(planned).toEqual(oneByOne);
    const types = new Set(
      planned.events.edges.flatMap((e: any) => e.node.involves.edges.map((i: any) => i.node.__typename)),
    );
    expect(types.size).toBeGreaterThan(1);
  });

  it('refuses a bad nested paging argument before execution, naming that field (issue 13)', async () => {
    const result = await api.gql(`{ zones(first: 2, where: { key: { eq: "shenzhen" } }) { edges { node {
      key companies(after: "not-a-cursor") { edges { node { key } } }
    } } } }`);
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toMatch(/^companies: Invalid cursor/);
    expect((result.errors![0] as { locations?: unknown[] }).locations).toHaveLength(1);
  });

  it('answers in full what it cannot plan: a field selected twice, fragments on the edge and node', async () => {
    const { data } = await counted(`{ zones(first: 1, where: { key: { eq: "shenzhen" } }) { edges { node {
      companies { edges { node { key } } }
      companies { edges { node { name foundedYear } } }
      clusters { edges { ...clusterEdge } }
    } } } }
    fragment clusterEdge on IndustryClusterEdge { node { key name } }`);
    const zone = data.zones.edges[0].node;
    expect(zone.companies.edges[0].node).toEqual({
      key: 'huawei',
      name: expect.stringContaining('Huawei'),
      foundedYear: 1987,
    });
    expect(zone.clusters.edges[0].node.name).toEqual(expect.any(String));
  });
});

describe('EntityStore reads only the selected properties', () => {
  it('returns the key and the selected properties, and everything without a selection', async () => {
    const store = new EntityStore(api.executor);
    const list = (selection?: { properties: string[]; relations: [] }) =>
      store.list({
        label: 'Zone',
        where: { key: { eq: 'zhongguancun' } },
        orderBy: { field: 'key', direction: 'ASC' },
        page: { first: 1 },
        maxPageSize: 10,
        ...(selection ? { selection } : {}),
      });
    const lean = (await list({ properties: ['name', 'noSuchProperty'], relations: [] })).edges[0]!.node;
    expect(Object.keys(lean).sort()).toEqual(['__label', 'key', 'name']);
    const full = (await list()).edges[0]!.node;
    expect(full).toMatchObject({ key: 'zhongguancun', name: lean.name, approvedYear: 1988 });
    expect(Object.keys(full).length).toBeGreaterThan(5);
  });
});
