/**
 * Attack corpus: the shape of a query. Each request here once took the server down or kept Neo4j busy
 * for minutes; each must now be refused before any compiling, coercion or Cypher — or, when within
 * every limit, answered without compiling code whose size grows with the number of types.
 */
import { describe, expect, it } from 'vitest';
import type { AppOptions } from '../../../src/http/yoga.ts';
import { countingApp } from '../../support/counting-app.ts';
import { useExecutor } from '../../support/neo4j.ts';

const executor = useExecutor();

const attackable = (options: Partial<AppOptions> = {}) => countingApp(executor, options);

/** `levels` nested `relations` through the Entity interface (12 implementations at every level). */
function throughEntity(levels: number, first = 2, root = 'zones(first: 2) { edges { node { # } } }'): string {
  let inner = 'key';
  for (let i = 0; i < levels; i++) inner = `key relations(first: ${first}) { edges { node { ${inner} } } }`;
  return `{ ${root.replace('#', inner)} }`;
}

const heapMb = () => process.memoryUsage().heapUsed / 1e6;

describe('deep selections through an interface', () => {
  const gql = attackable();

  it('refuses the 2 KB, 25-level query that exhausted the heap, before compiling or running it', async () => {
    const before = heapMb();
    const { status, body, statements } = await gql(throughEntity(25));
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/depth is \d+, over the limit of 15 \(MAX_DEPTH\)/);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(statements).toBe(0);
    expect(heapMb() - before).toBeLessThan(200);
  });

  it('refuses the same depth reached through fragments', async () => {
    const fragments = Array.from(
      { length: 8 },
      (_, i) => `fragment F${i} on Entity { key relations(first: 2) { edges { node { ...F${i + 1} } } } }`,
    ).join('\n');
    const query = `{ zones(first: 2) { edges { node { ...F0 } } } }\n${fragments}\nfragment F8 on Entity { key }`;
    const { status, body, statements } = await gql(query);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(statements).toBe(0);
  });

  it('answers a query within the depth limit whose compiled form would take gigabytes, without compiling it', async () => {
    // Four levels below `entity` (itself an Entity): depth 14. graphql-jit needs over 20 s and 1.2 GB
    // of heap to compile it.
    const before = heapMb();
    const { body } = await gql(throughEntity(4, 1, 'entity(key: "zhongguancun") { # }'));
    expect(body.errors).toBeUndefined();
    expect(body.data.entity.relations.edges).toHaveLength(1);
    expect(heapMb() - before).toBeLessThan(300);
  });
});

describe('complexity counted with the variables of each request', () => {
  const gql = attackable({ limits: { maxComplexity: 2_000 } });
  const query = `query Nested($n: Int!) {
    zones(first: $n) { edges { node { key clusters(first: $n) { edges { node { key } } } } } }
  }`;

  it('refuses large pages asked through variables, and the same document with small ones still runs', async () => {
    const large = await gql(query, { n: 100 });
    expect(large.status).toBe(400);
    expect(large.body.errors?.[0]?.message).toMatch(
      /complexity is \d+, over the limit of 2000 \(MAX_COMPLEXITY\)/,
    );
    expect(large.statements).toBe(0);
    const small = await gql(query, { n: 2 });
    expect(small.body.errors).toBeUndefined();
    expect(small.body.data.zones.edges).toHaveLength(2);
    // …and the verdict of the small request is not reused for a large one.
    expect((await gql(query, { n: 100 })).body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('counts a connection without `first` as its default page of 20, not 10', async () => {
    // 20 × 20 × 20 × 20 zones and designations: about half a million names, from four short lines.
    const strict = attackable();
    const { status, body, statements } = await strict(
      '{ designations { edges { node { zones { edges { node { designations { edges { node { zones { edges { node { name key nameZh } } } } } } } } } } } } }',
    );
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/complexity is \d+, over the limit of 200000/);
    expect(statements).toBe(0);
  });

  it('refuses too many fields in all (breadth), written out or through aliases', async () => {
    const narrow = attackable({ limits: { maxBreadth: 20 } });
    const fields = Array.from({ length: 25 }, (_, i) => `f${i}: name`).join(' ');
    const { status, body, statements } = await narrow(`{ zone(key: "zhongguancun") { ${fields} } }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/breadth is \d+, over the limit of 20 \(MAX_BREADTH\)/);
    expect(statements).toBe(0);
  });
});

describe('filters and lists sent as variables', () => {
  const gql = attackable();

  it('refuses an OR of 5,000 conditions before any Cypher (MAX_INPUT_VALUES)', async () => {
    const where = { OR: Array.from({ length: 5_000 }, (_, i) => ({ name: { contains: `x${i}` } })) };
    const { status, body, statements } = await gql(
      'query Z($w: ZoneWhere) { zones(where: $w) { totalCount } }',
      { w: where },
    );
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/more than 1000 values in all \(MAX_INPUT_VALUES\)/);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(statements).toBe(0);
  });

  it('refuses an AND nested 2,000 deep without overflowing the stack (MAX_INPUT_DEPTH)', async () => {
    let where: Record<string, unknown> = { name: { eq: 'x' } };
    for (let i = 0; i < 2_000; i++) where = { AND: [where] };
    const { status, body, statements } = await gql(
      'query Z($w: ZoneWhere) { zones(where: $w) { totalCount } }',
      { w: where },
    );
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/nested more than 16 levels deep \(MAX_INPUT_DEPTH\)/);
    expect(statements).toBe(0);
  });

  it('refuses deep nesting written inline, and 5,000 ids in one list', async () => {
    let inline = '{ name: { eq: "x" } }';
    for (let i = 0; i < 10; i++) inline = `{ AND: [${inline}] }`;
    const deep = await gql(`{ zones(where: ${inline}) { totalCount } }`);
    expect(deep.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(deep.statements).toBe(0);

    const ids = Array.from({ length: 5_000 }, (_, i) => `id-${i}`);
    const many = await gql('query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(many.body.errors?.[0]?.message).toMatch(/MAX_INPUT_VALUES/);
    expect(many.statements).toBe(0);
  });

  it('refuses deep nesting hidden in a variable’s default value', async () => {
    const deep = `${'{ NOT: '.repeat(40)}{ key: { eq: "x" } }${' }'.repeat(40)}`;
    const { status, body, statements } = await gql(
      `query($w: ZoneWhere = ${deep}) { zones(where: $w) { totalCount } }`,
    );
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/MAX_INPUT_DEPTH/);
    expect(statements).toBe(0);
  });

  it('still runs an ordinary filter of a few nested conditions', async () => {
    const where = {
      AND: [
        { OR: [{ name: { contains: 'Zhong' } }, { nameZh: { contains: '中关村' } }] },
        { NOT: { key: { eq: 'x' } } },
      ],
    };
    const { body } = await gql('query Z($w: ZoneWhere) { zones(where: $w) { totalCount } }', { w: where });
    expect(body.errors).toBeUndefined();
    expect(body.data.zones.totalCount).toBeGreaterThan(0);
  });
});

describe('operation types the schema does not have', () => {
  const gql = attackable();

  it.each([['subscription { __typename }'], ['subscription S { zones { totalCount } }']])(
    '%s is a 400 request error with a message, not a 500 with a stack',
    async (query) => {
      const { status, body, statements } = await gql(query);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.message).toMatch(/no subscriptions/);
      expect(JSON.stringify(body)).not.toMatch(/stack|node_modules|\.ts:/);
      expect(statements).toBe(0);
    },
  );
});
