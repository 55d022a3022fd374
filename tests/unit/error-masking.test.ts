/**
 * What a client sees of an unexpected failure in production. The failure is made by an executor that
 * rejects like Neo4j does (this tests the masking, not the graph).
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import type { Executor } from '../../src/neo4j/executor.ts';
import { schema } from '../../src/schema/index.ts';

function failingExecutor(): Executor {
  const error = Object.assign(new Error('Invalid input: MATCH (n:Zone {key: $key}) RETURN n'), {
    code: 'Neo.ClientError.Statement.SyntaxError',
  });
  return {
    read: () => Promise.reject(error),
    ping: async () => true,
    onStatement: () => () => {},
  } as unknown as Executor;
}

async function ask(debugErrors = false) {
  const app = createApp({ schema, executor: failingExecutor(), log: createLogger('silent'), debugErrors });
  const response = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ stats { nodesByLabel { name } } }' }),
  });
  return JSON.stringify(await response.json());
}

describe('unexpected errors', () => {
  it('are masked: no stack trace, no Cypher, no Neo4j code', async () => {
    const text = await ask();
    expect(text).toContain('Unexpected error.');
    expect(text).not.toMatch(/stack|MATCH|Neo\.ClientError|originalError/);
  });

  it('are masked whatever NODE_ENV says: `npm start` leaks nothing by default', async () => {
    const text = await ask();
    expect(text).toContain('Unexpected error.');
    expect(text).not.toMatch(/stack|MATCH|Neo\.ClientError|originalError|\/work\/|node_modules/);
  });

  it('show their cause only with the explicit debug switch (DEBUG_ERRORS)', async () => {
    expect(await ask(true)).toMatch(/Neo\.ClientError|MATCH/);
  });
});
