/** Query limits refuse before any Cypher runs; unexpected errors are masked. */
import { describe, expect, it } from 'vitest';
import type { AppOptions } from '../../src/http/yoga.ts';
import { countingApp } from '../support/counting-app.ts';
import { useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();

const appWith = (options: Partial<AppOptions> = {}) => countingApp(executor, options);

const nested = (first: number) =>
  `{ zones(first: ${first}) { edges { node { key clusters(first: 10) { edges { node { key companies: technologies(first: 10) { edges { node { key } } } } } } } } } }`;

describe('query limits', () => {
  it('passes a query at the complexity limit and refuses one past it, before any Cypher', async () => {
    // Cost of nested(n): n × (3 + 10 × (3 + 10 × 3)) + 1 … measured here rather than computed by hand.
    const gql = appWith({ limits: { maxComplexity: 1_000_000 } });
    expect((await gql(nested(2))).body.errors).toBeUndefined();

    const tight = appWith({ limits: { maxComplexity: 700 } });
    const atLimit = await tight(nested(1));
    expect(atLimit.body.errors).toBeUndefined();
    const past = await tight(nested(20));
    expect(past.body.errors?.[0]?.message).toMatch(
      /complexity is \d+, over the limit of 700 \(MAX_COMPLEXITY\)/,
    );
    expect(past.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(past.statements).toBe(0);
  });

  it('refuses a query deeper than MAX_DEPTH, before any Cypher', async () => {
    const gql = appWith({ limits: { maxDepth: 4 } });
    const shallow = await gql('{ zone(key: "zhongguancun") { city { name } } }');
    expect(shallow.body.errors).toBeUndefined();
    const deep = await gql('{ zone(key: "zhongguancun") { city { zones { edges { node { key } } } } } }');
    expect(deep.body.errors?.[0]?.message).toMatch(/depth is \d+, over the limit of 4 \(MAX_DEPTH\)/);
    expect(deep.statements).toBe(0);
  });

  it('refuses too many aliases and too many tokens, before any Cypher', async () => {
    const gql = appWith({ limits: { maxAliases: 3, maxTokens: 200 } });
    const three = `{ ${[1, 2, 3].map((i) => `a${i}: zone(key: "zhongguancun") { key }`).join(' ')} }`;
    expect((await gql(three)).body.errors).toBeUndefined();
    const four = await gql(
      `{ ${[1, 2, 3, 4].map((i) => `a${i}: zone(key: "zhongguancun") { key }`).join(' ')} }`,
    );
    expect(four.body.errors?.[0]?.message).toMatch(/Too many aliases: more than 3 \(MAX_ALIASES\)/);
    expect(four.statements).toBe(0);
    const long = await gql(
      `{ ${Array.from({ length: 60 }, () => 'stats { nodesByLabel { name } }').join(' ')} }`,
    );
    expect(long.body.errors?.[0]?.message).toMatch(/more tokens than the limit of 200 \(MAX_TOKENS\)/);
    expect(long.statements).toBe(0);
  });

  it('refuses a page larger than MAX_PAGE_SIZE with a clear error', async () => {
    const gql = appWith({ limits: { maxPageSize: 10 } });
    const { body } = await gql('{ zones(first: 11) { edges { node { key } } } }');
    expect(body.errors?.[0]?.message).toMatch(/first must be between 0 and 10 \(MAX_PAGE_SIZE\); got 11/);
  });

  it('turns off field suggestions and introspection when asked', async () => {
    const open = appWith();
    expect((await open('{ zone(key: "x") { nam } }')).body.errors?.[0]?.message).toMatch(/Did you mean/);
    expect((await open('{ __schema { queryType { name } } }')).body.errors).toBeUndefined();
    const closed = appWith({ fieldSuggestions: false, introspection: false });
    expect((await closed('{ zone(key: "x") { nam } }')).body.errors?.[0]?.message).not.toMatch(
      /Did you mean/,
    );
    expect((await closed('{ __schema { queryType { name } } }')).body.errors?.[0]?.message).toMatch(
      /introspection/i,
    );
  });
});

describe('errors in production', () => {
  it('keeps expected errors with their extensions.code', async () => {
    const gql = appWith();
    const { body } = await gql('{ zones(first: 2, after: "forged") { totalCount } }');
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(JSON.stringify(body)).not.toMatch(/stack/);
  });
});
