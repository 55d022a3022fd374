/** /readyz (src/http/readiness.ts): 200 or 503 from the check, the reason as text when it throws. */
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useLiveness, useReadiness } from '../../src/http/readiness.ts';

const schema = createSchema({
  typeDefs: 'type Query { ok: Boolean }',
  resolvers: { Query: { ok: () => true } },
});
const appWith = (check: () => Promise<boolean>) =>
  createYoga({ schema, logging: false, plugins: [useReadiness('/readyz', check)] });

describe('useReadiness', () => {
  it('answers 200 while the check passes and 503 while it fails, with no body', async () => {
    const up = await appWith(async () => true).fetch('http://yoga/readyz');
    expect([up.status, await up.text()]).toEqual([200, '']);
    const down = await appWith(async () => false).fetch('http://yoga/readyz');
    expect([down.status, await down.text()]).toEqual([503, '']);
  });

  it('answers 503 with the reason as text when the check throws', async () => {
    const response = await appWith(async () => {
      throw new Error('Neo4j is away');
    }).fetch('http://yoga/readyz');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('Neo4j is away');
  });

  it('leaves every other request to the app, and runs no check for it', async () => {
    let checks = 0;
    const app = appWith(async () => {
      checks++;
      return false;
    });
    const response = await app.fetch('http://yoga/graphql?query={ok}');
    expect(await response.json()).toEqual({ data: { ok: true } });
    expect((await app.fetch('http://yoga/readyz/x')).status).toBe(404);
    // A query string that happens to end with the path is still a GraphQL request.
    const query = await app.fetch('http://yoga/graphql?query={ok}&x=/readyz');
    expect(await query.json()).toEqual({ data: { ok: true } });
    expect(checks).toBe(0);
  });
});

describe('useLiveness', () => {
  it('answers 200 at its path, with or without a query string, and leaves other paths alone', async () => {
    const app = createYoga({
      schema,
      logging: false,
      healthCheckEndpoint: '/healthz',
      plugins: [useLiveness('/healthz')],
    });
    for (const url of ['http://yoga/healthz', 'http://yoga/healthz?probe=1'])
      expect((await app.fetch(url)).status, url).toBe(200);
    expect((await app.fetch('http://yoga/healthz/more')).status).toBe(404);
  });
});
