/**
 * The defects real clients hit first (issue 13), each pinned: a malformed global ID errs at its own
 * field only; invalid paging arguments are request errors before execution (no parent nulled, no
 * partial answer); after with before is refused; cursors are tied to their list; node(id:) errors say
 * what an id is; limit errors name MAX_PAGE_SIZE and the default page size is stated once;
 * RelationConnection uses Relay's PageInfo. Both executors (graphql-js and graphql-jit) answer alike.
 */
import { readFileSync } from 'node:fs';
import { getNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../src/schema/index.ts';
import { globalId, testApp } from '../../support/graphql.ts';
import { useExecutor } from '../../support/neo4j.ts';

const executor = useExecutor();
const apps = { jit: testApp(executor), interpreter: testApp(executor, { graphqlJit: false }) };

describe.each(Object.entries(apps))('with %s', (_name, gql) => {
  describe('1. a malformed global ID affects its own field only', () => {
    it.each([
      ['zone', '{ zone(key: "zhongguancun") { name } node(id: "bad") { id } }'],
      ['stats', '{ stats { nodesByLabel { name } } node(id: "bad") { id } }'],
      ['zones', '{ zones(first: 2) { edges { node { key } } } node(id: "bad") { id } }'],
      ['nodes', `{ nodes(ids: ["${globalId('Zone', 'zhongguancun')}"]) { id } node(id: "bad") { id } }`],
    ])(
      'node(id: "bad") beside %s: null there, BAD_USER_INPUT at ["node"], the rest answered',
      async (sibling, query) => {
        const result = await gql(query);
        expect(result.status).toBe(200);
        expect(result.data?.node).toBeNull();
        expect(result.data?.[sibling]).toBeTruthy();
        expect(result.errors).toHaveLength(1);
        expect(result.errors?.[0]?.path).toEqual(['node']);
        expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      },
    );

    it('nodes(ids:) with one bad id: null and an error at its position; the others loaded', async () => {
      const ids = [
        globalId('Zone', 'zhongguancun'),
        'bad',
        globalId('Zone', 'no-such-zone'),
        globalId('Company', 'huawei'),
      ];
      const result = await gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { key } } }', {
        ids,
      });
      expect(result.data?.nodes).toEqual([
        { id: ids[0], key: 'zhongguancun' },
        null,
        null,
        { id: ids[3], key: 'huawei' },
      ]);
      expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['nodes', 1], 'BAD_USER_INPUT'],
      ]);
    });

    it('a well-formed id of no entity is a plain null', async () => {
      const result = await gql(`{ node(id: "${globalId('Zone', 'no-such-zone')}") { id } }`);
      expect(result).toEqual({ status: 200, data: { node: null } });
    });

    it('one bad key among batched lookups fails alone', async () => {
      const result = await gql(
        '{ a: zone(key: "zhongguancun") { key } b: zone(key: "Not A Key!") { key } c: zone(key: "hefei") { key } }',
      );
      expect(result.data).toEqual({ a: { key: 'zhongguancun' }, b: null, c: { key: 'hefei' } });
      expect(result.errors?.map((e) => e.path)).toEqual([['b']]);
    });
  });

  describe('2. invalid paging arguments are request errors, before execution', () => {
    it.each([
      [
        'first: 101 on a root list',
        '{ zones(first: 101) { edges { cursor } } stats { nodesByLabel { name } } }',
      ],
      [
        'first: 101 on a nested list',
        '{ zone(key: "zhongguancun") { name companies(first: 101) { edges { cursor } } } }',
      ],
      [
        'last: -1 on relations',
        '{ zone(key: "zhongguancun") { relations(first: -1) { edges { cursor } } } }',
      ],
      ['first with last', '{ zones(first: 1, last: 1) { edges { cursor } } }'],
      ['first with before', `{ zones(first: 1, before: "x") { edges { cursor } } }`],
      [
        'a variable out of range',
        [
          'query ($n: Int) { zone(key: "zhongguancun") { companies(first: $n) { edges { cursor } } } }',
          { n: 500 },
        ],
      ],
    ])('%s: HTTP 400, BAD_USER_INPUT, no data', async (_what, query) => {
      const [text, variables] = (Array.isArray(query) ? query : [query, undefined]) as [
        string,
        Record<string, unknown> | undefined,
      ];
      const result = await gql(text, variables);
      expect(result.status).toBe(400);
      expect(result.data).toBeUndefined();
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  const cursorsOf = async (query: string) => {
    const result = await gql(query);
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  it('3. after and before together are refused, not half applied', async () => {
    const data = await cursorsOf('{ zones(first: 6) { edges { cursor } } }');
    const [c2, c6] = [data.zones.edges[1].cursor, data.zones.edges[5].cursor];
    const result = await gql(`{ zones(after: "${c2}", before: "${c6}") { edges { node { key } } } }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/after and before together are not supported/);
  });

  it('4. a cursor works only in the list that made it', async () => {
    const data = await cursorsOf(
      '{ companies(first: 1) { pageInfo { endCursor } } zone(key: "zhongguancun") { companies(first: 1) { pageInfo { endCursor } } } zones(first: 1) { pageInfo { endCursor } } }',
    );
    const fromCompanies = data.companies.pageInfo.endCursor;
    const fromZoneCompanies = data.zone.companies.pageInfo.endCursor;
    const refused = await gql(`{ zones(first: 1, after: "${fromCompanies}") { edges { cursor } } }`);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.message).toMatch(/belongs to Query.companies, not to Query.zones/);
    const nested = await gql(
      `{ place(key: "beijing") { companies(first: 1, after: "${fromZoneCompanies}") { edges { cursor } } } }`,
    );
    expect(nested.errors?.[0]?.message).toMatch(/belongs to Zone.companies, not to Place.companies/);
    const own = await gql(
      `{ zones(first: 1, after: "${data.zones.pageInfo.endCursor}") { edges { cursor } } }`,
    );
    expect(own.errors).toBeUndefined();
  });

  it.each([
    ['an unknown type', globalId('Nope', 'x')],
    ['an interface', globalId('Entity', 'zhongguancun')],
    ['not base64 of Type:key', 'bad'],
  ])('5. node(id:) with %s: BAD_USER_INPUT saying what a valid id is', async (_what, id) => {
    const result = await gql(`{ node(id: "${id}") { id } }`);
    expect(result.data).toEqual({ node: null });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/base64 of "Type:key"/);
    expect(result.errors?.[0]?.message).not.toMatch(/implemented|Expected ref/);
  });

  it('a document of several operations runs the one named (codegen and persisted documents send these)', async () => {
    const query =
      'query A($key: String!) { zone(key: $key) { key } } query B($id: ID!) { node(id: $id) { id } }';
    const id = globalId('Zone', 'zhongguancun');
    const b = await gql(`${query}`, { id }, undefined, 'B');
    expect(b.errors).toBeUndefined();
    expect(b.data).toEqual({ node: { id } });
    const a = await gql(query, { key: 'hefei' }, undefined, 'A');
    expect(a.data).toEqual({ zone: { key: 'hefei' } });
  });

  it('6. a page-size error names MAX_PAGE_SIZE', async () => {
    const result = await gql('{ zones(first: -1) { edges { cursor } } }');
    expect(result.errors?.[0]?.message).toBe(
      'zones: first must be between 0 and 100 (MAX_PAGE_SIZE); got -1',
    );
  });
});

describe('6. the default page size is one number', () => {
  it('20 in the SDL descriptions of first, in the README cost rule, and in a page without arguments', () => {
    const first = schema
      .getQueryType()
      ?.getFields()
      .zones?.args.find((a) => a.name === 'first');
    expect(first?.description).toMatch(/Default: 20\b/);
    expect(first?.description).toMatch(/MAX_PAGE_SIZE/);
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toMatch(/20 for a connection, its default page/);
    expect(readme).not.toMatch(/assum\w+ 10 for a connection/);
  });
});

describe('7. RelationConnection', () => {
  it("uses Relay's PageInfo, shared with every connection", () => {
    const type = schema.getType('RelationConnection');
    const pageInfo = isObjectType(type) ? type.getFields().pageInfo : undefined;
    expect(pageInfo && getNamedType(pageInfo.type).name).toBe('PageInfo');
    expect(schema.getType('RelationPageInfo')).toBeUndefined();
  });
});
