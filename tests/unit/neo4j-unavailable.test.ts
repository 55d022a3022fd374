/** While Neo4j cannot be reached: the process answers, readiness says so, requests fail fast and clearly. */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import { Executor } from '../../src/neo4j/executor.ts';
import { freeLoopbackPort } from '../../src/neo4j/local-neo4j.ts';
import { schema } from '../../src/schema/index.ts';

const executors: Executor[] = [];
afterEach(async () => {
  await Promise.all(executors.splice(0).map((e) => e.close()));
});

/** An app (production mode) whose executor points at a port where nothing listens. */
async function appWithoutNeo4j() {
  const port = await freeLoopbackPort();
  const executor = new Executor({
    uri: `bolt://127.0.0.1:${port}`,
    user: 'neo4j',
    password: undefined,
    database: 'neo4j',
    queryTimeoutMs: 1000,
  });
  executors.push(executor);
  return createApp({ schema, executor, log: createLogger('silent') });
}

describe('while Neo4j cannot be reached', () => {
  it('answers 503 on /readyz while /healthz stays 200', async () => {
    const app = await appWithoutNeo4j();
    expect((await app.fetch('http://yoga/readyz')).status).toBe(503);
    expect((await app.fetch('http://yoga/healthz')).status).toBe(200);
  });

  it('fails GraphQL requests fast with SERVICE_UNAVAILABLE, in production too', async () => {
    const app = await appWithoutNeo4j();
    const started = Date.now();
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ zone(key: "zhongguancun") { name } }' }),
    });
    const body = (await response.json()) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    // Not the driver's 30 s retry budget (a generous bound: these machines are shared).
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors?.[0]?.message).toMatch(/cannot be reached right now/);
  });
});
