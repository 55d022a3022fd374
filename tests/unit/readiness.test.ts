import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import { Executor } from '../../src/neo4j/executor.ts';
import { freeLoopbackPort } from '../../src/neo4j/local-neo4j.ts';
import { schema } from '../../src/schema/index.ts';

describe('readiness without Neo4j', () => {
  it('answers 503 on /readyz while /healthz stays 200', async () => {
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
      expect((await app.fetch('http://yoga/readyz')).status).toBe(503);
      expect((await app.fetch('http://yoga/healthz')).status).toBe(200);
    } finally {
      await executor.close();
    }
  });
});
