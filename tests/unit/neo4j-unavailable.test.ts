import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import { Executor } from '../../src/neo4j/executor.ts';
import { freeLoopbackPort } from '../../src/neo4j/local-neo4j.ts';
import { schema } from '../../src/schema/index.ts';

describe('while Neo4j cannot be reached', () => {
  it('fails GraphQL requests fast with SERVICE_UNAVAILABLE, in production too', async () => {
    const port = await freeLoopbackPort(); // nothing listens there
    const executor = new Executor({
      uri: `bolt://127.0.0.1:${port}`,
      user: 'neo4j',
      password: undefined,
      database: 'neo4j',
      queryTimeoutMs: 1000,
    });
    const app = createApp({ schema, executor, log: createLogger('silent'), production: true });
    try {
      const started = Date.now();
      const response = await app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ zone(key: "zhongguancun") { name } }' }),
      });
      const body = (await response.json()) as {
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.errors?.[0]?.message).toMatch(/cannot be reached right now/);
    } finally {
      await executor.close();
    }
  });
});
