/**
 * Round trips and plans: a nested query costs the same few Cypher statements however many parents it
 * has (counted with executor.onStatement) — a list and the relations selected under it are one
 * statement — and a lookup by key seeks the key's unique index.
 */
import { describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../../src/neo4j/executor.ts';
import { globalId, SEEDED_ONLY, useApi } from '../../support/graphql.ts';
import { planOperators } from '../../support/plans.ts';

const api = useApi();

/** Runs a query and returns its data and the Cypher statements it cost. */
async function counted(query: string, variables?: Record<string, unknown>) {
  const statements: StatementEvent[] = [];
  const stop = api.executor.onStatement((event) => statements.push(event));
  try {
    const data = await api.ok(query, variables);
    return { data, statements };
  } finally {
    stop();
  }
}

const NESTED = `query($n: Int!, $where: ZoneWhere, $orderBy: ZoneOrderBy) {
  zones(first: $n, where: $where, orderBy: $orderBy) { edges { node {
    key
    clusters { edges { node { key technologies { edges { node { key } } } } } }
    companies { edges { node { key evidence { quote } } } }
  } } }
}`;

describe('batching: statements per request do not grow with the results', () => {
  it('zones → clusters → technologies and zones → companies → evidence: the same few statements at N = 5 and N = 50', async () => {
    // Most companies first, so that every level has something to load at both sizes.
    const vars = { where: SEEDED_ONLY, orderBy: { field: 'COMPANIES_COUNT', direction: 'DESC' } };
    const five = await counted(NESTED, { ...vars, n: 5 });
    const fifty = await counted(NESTED, { ...vars, n: 50 });

    expect(five.data.zones.edges).toHaveLength(5);
    expect(fifty.data.zones.edges).toHaveLength(50);
    const shenzhen = five.data.zones.edges[0].node;
    expect(shenzhen.key).toBe('shenzhen');
    expect(shenzhen.clusters.edges[0].node.technologies.edges[0].node.key).toBe('telecommunications');
    expect(shenzhen.companies.edges.map((e: any) => e.node.key)).toEqual(['huawei', 'tencent', 'zte']);
    expect(shenzhen.companies.edges[0].node.evidence.length).toBeGreaterThan(0);

    // zones with their clusters, technologies and companies in one; the companies' evidence in one more.
    expect(five.statements).toHaveLength(2);
    expect(fifty.statements).toHaveLength(five.statements.length);
    expect(fifty.statements.length).toBeLessThanOrEqual(8);
  });

  it('the plain nested query (default order) stays within a small bound at N = 5, 50 and 100', async () => {
    const sizes: number[] = [];
    for (const n of [5, 50, 100]) {
      const { data, statements } = await counted(NESTED, { n });
      expect(data.zones.edges).toHaveLength(n);
      sizes.push(statements.length);
    }
    // The list with its clusters, technologies and companies; the companies' evidence (if any).
    for (const size of sizes) expect(size).toBeLessThanOrEqual(2);
    expect(sizes[2]).toBe(sizes[1]);
  });

  it('nested totalCount and filtered relation connections are batched too', async () => {
    const query = `query($n: Int!) { zones(first: $n, where: { NOT: { key: { contains: "-test-" } } }) { edges { node {
      key
      companies { totalCount }
      designations(where: { key: { eq: "national-hi-tech-zone" } }) { totalCount edges { since } }
      province { key }
      provinceEdge { evidence { source { key } } }
    } } } }`;
    const five = await counted(query, { n: 5 });
    const hundred = await counted(query, { n: 100 });
    expect(hundred.statements.length).toBe(five.statements.length);
    expect(hundred.statements.length).toBeLessThanOrEqual(8);
    expect(hundred.data.zones.edges.every((e: any) => e.node.province !== null)).toBe(true);
  });

  it('node lookups are batched: nodes(ids:) for 40 zones and a lookup by key in one statement', async () => {
    const rows = await api.executor.read(
      "MATCH (z:Zone) WHERE NOT z.key CONTAINS '-test-' RETURN z.key AS key ORDER BY key LIMIT 40",
    );
    const ids = rows.map((r) => globalId('Zone', String(r.key)));
    const { data, statements } = await counted(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Zone { key } } zone(key: "zhongguancun") { key } }`,
      { ids },
    );
    expect(data.nodes).toHaveLength(40);
    expect(data.nodes.every((n: any) => n !== null)).toBe(true);
    expect(statements).toHaveLength(1);
  });

  it('a lookup by key fetches the relations it selects in its own statement, as a root list does', async () => {
    const query = `query($key: String!) { zone(key: $key) {
      key name
      companies(first: 100) { totalCount edges { node { key name } } }
      clusters { edges { node { key technologies { edges { node { key } } } } } }
      city { key }
    } }`;
    const { data, statements } = await counted(query, { key: 'zhongguancun' });
    expect(data.zone.companies.edges.length).toBeGreaterThan(0);
    expect(data.zone.clusters.edges.some((e: any) => e.node.technologies.edges.length > 0)).toBe(true);
    expect(data.zone.city).toEqual({ key: 'beijing' });
    // The zone with its companies, clusters → technologies and city in one; totalCount in another.
    expect(statements).toHaveLength(2);
    // Two lookups of one selection share the statement (batched like any lookup by key).
    const two = await counted(
      `{ a: zone(key: "zhongguancun") { key companies { edges { node { key } } } }
         b: zone(key: "shenzhen") { key companies { edges { node { key } } } } }`,
    );
    expect(two.data.a.companies.edges.length).toBeGreaterThan(0);
    expect(two.data.b.companies.edges.length).toBeGreaterThan(0);
    expect(two.statements).toHaveLength(1);
  });

  it('a lookup by a key the node gave up still answers its relations (through their loaders)', async () => {
    const { data } = await counted('{ place(key: "shenzhen") { key zones { edges { node { key } } } } }');
    expect(data.place.key).toBe('shenzhen-place');
    expect(data.place.zones.edges.map((e: any) => e.node.key)).toContain('shenzhen');
  });
});

const SEEKS = /^Node(Unique)?IndexSeek$/;
const SCANS = /^(AllNodesScan|NodeByLabelScan)$/;

describe('query plans', () => {
  it('zone(key:) seeks the unique index on key: no label or all-nodes scan', async () => {
    const { data, statements } = await counted('{ zone(key: "zhongguancun") { key name } }');
    expect(data.zone.key).toBe('zhongguancun');
    expect(statements).toHaveLength(1);
    const operators = await planOperators(api.executor, statements[0]!);
    expect(
      operators.some((op) => SEEKS.test(op)),
      operators.join(' '),
    ).toBe(true);
    expect(operators.filter((op) => SCANS.test(op))).toEqual([]);
  });

  it('relation fields, evidence and entity(key:) also start from an index seek', async () => {
    const { statements } = await counted(`{
      zone(key: "zhongguancun") { evidence { quote } companies { edges { node { key } } } city { key } }
      entity(key: "torch-program") { key }
    }`);
    // The lookup with its companies and city; evidence; entity(key:).
    expect(statements.length).toBeGreaterThanOrEqual(3);
    for (const statement of statements) {
      const operators = await planOperators(api.executor, statement);
      const label = statement.query.replace(/\s+/g, ' ').slice(0, 80);
      expect(
        operators.some((op) => SEEKS.test(op)),
        label,
      ).toBe(true);
      expect(
        operators.filter((op) => SCANS.test(op)),
        label,
      ).toEqual([]);
    }
  });
});
