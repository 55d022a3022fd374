/**
 * HTTP caching (src/http/http-cache.ts): a GET of a persisted operation carries a strong ETag and
 * Cache-Control; If-None-Match with it gets 304 and runs no Cypher; a mutation changes the ETag.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import { schema } from '../../src/schema/index.ts';
import { TEST_KEYS } from '../support/graphql.ts';
import { uniqueKey, useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();
const query = 'query Zone($key: String!) { zone(key: $key) { key name } }';
const broken = '{ zone(key: "zhongguancun") { key nope } }';
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const app = createApp({
  schema,
  executor,
  log: createLogger('silent'),
  apiKeys: [{ scope: 'editor', key: TEST_KEYS.editor }],
  persistedOperations: { operations: { [hashOf(query)]: query, [hashOf(broken)]: broken }, only: false },
});

const urlOf = (text: string, variables: Record<string, unknown> = { key: 'zhongguancun' }) =>
  `http://yoga/graphql?${new URLSearchParams({
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hashOf(text) } }),
    variables: JSON.stringify(variables),
  })}`;

/** A GET with the headers given; the statements Cypher ran while it was answered. */
async function get(url: string, headers: Record<string, string> = {}) {
  let statements = 0;
  const stop = executor.onStatement(() => {
    statements++;
  });
  try {
    const response = await app.fetch(url, { headers: { accept: 'application/json', ...headers } });
    const text = await response.text();
    return { response, text, statements };
  } finally {
    stop();
  }
}

describe('HTTP caching of persisted operations', () => {
  it('answers a GET with a strong ETag and Cache-Control', async () => {
    const { response, text } = await get(urlOf(query));
    expect(response.status).toBe(200);
    expect(JSON.parse(text).data.zone.key).toBe('zhongguancun');
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(response.headers.get('cache-control')).toBe('public, no-cache');
    expect(response.headers.get('vary')).toMatch(/Authorization/);
  });

  it('answers If-None-Match with the current ETag by 304, with no body and no Cypher', async () => {
    const first = await get(urlOf(query));
    const etag = first.response.headers.get('etag') as string;
    expect(first.statements).toBeGreaterThan(0);
    const again = await get(urlOf(query), { 'if-none-match': etag });
    expect(again.response.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.statements).toBe(0);
    expect(again.response.headers.get('etag')).toBe(etag);
    // A weak comparison, as If-None-Match asks for.
    expect((await get(urlOf(query), { 'if-none-match': `"other", W/${etag}` })).response.status).toBe(304);
  });

  it('gives other variables, other credentials and POSTs no 304 for that ETag', async () => {
    const etag = (await get(urlOf(query))).response.headers.get('etag') as string;
    const other = await get(urlOf(query, { key: 'lenovo' }), { 'if-none-match': etag });
    expect(other.response.status).toBe(200);
    expect(other.response.headers.get('etag')).not.toBe(etag);
    const withKey = await get(urlOf(query), {
      'if-none-match': etag,
      authorization: `Bearer ${TEST_KEYS.editor}`,
    });
    expect(withKey.response.status).toBe(200);
    expect(withKey.response.headers.get('cache-control')).toBe('private, no-cache');
    const post = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-none-match': etag },
      body: JSON.stringify({ query, variables: { key: 'zhongguancun' } }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('etag')).toBeNull();
  });

  it('answers If-None-Match: * in full (no promise was given), and a forged bookmark by 400, ETag or not', async () => {
    const etag = (await get(urlOf(query))).response.headers.get('etag') as string;
    expect((await get(urlOf(query), { 'if-none-match': '*' })).response.status).toBe(200);
    const unknown = `http://yoga/graphql?${new URLSearchParams({
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'deadbeef' } }),
    })}`;
    expect((await get(unknown, { 'if-none-match': '*' })).response.status).not.toBe(304);
    const forged = await get(urlOf(query), { 'if-none-match': etag, 'neo4j-bookmark': 'forged:123' });
    expect(forged.response.status).toBe(400);
  });

  it('gives an answer with errors no ETag', async () => {
    const { response, text } = await get(urlOf(broken, {}));
    expect(JSON.parse(text).errors).toBeDefined();
    expect(response.headers.get('etag')).toBeNull();
  });

  it('changes the ETag after a mutation, and the old one then gets a full answer', async () => {
    const etag = (await get(urlOf(query))).response.headers.get('etag') as string;
    const key = uniqueKey('cache');
    const mutation = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KEYS.editor}` },
      body: JSON.stringify({
        query: `mutation($key: String!) { createTechnology(input: {
          key: $key, name: "Cache Test Technology", evidence: [{ source: "reference-tables" }]
        }) { __typename } }`,
        variables: { key },
      }),
    });
    const created = (await mutation.json()) as any;
    expect(created.data?.createTechnology?.__typename, JSON.stringify(created)).toBe(
      'MutationCreateTechnologySuccess',
    );
    const after = await get(urlOf(query), { 'if-none-match': etag });
    expect(after.response.status).toBe(200);
    expect(after.statements).toBeGreaterThan(0);
    expect(after.response.headers.get('etag')).not.toBe(etag);
    await executor.write('MATCH (t:Technology {key: $key}) DETACH DELETE t', { key });
  });
});
