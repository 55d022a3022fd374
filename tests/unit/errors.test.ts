import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CursorError } from '../../src/graph/cursor.ts';
import { listen, PortInUseError } from '../../src/http/server.ts';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import { DEFAULT_CYPHER_LIMITS } from '../../src/neo4j/analyst-limits.ts';
import { Executor } from '../../src/neo4j/executor.ts';
import { queryFailure } from '../../src/neo4j/failures.ts';
import { publicErrorOf, toGraphQLError } from '../../src/schema/errors.ts';
import { schema } from '../../src/schema/index.ts';

const neo4jError = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('Neo4j failures', () => {
  it('reads the query-side failures from Neo4j codes', () => {
    expect(queryFailure(neo4jError('Neo.ClientError.Transaction.TransactionTimedOut'))?.kind).toBe('timeout');
    expect(queryFailure(neo4jError('Neo.TransientError.General.MemoryPoolOutOfMemoryError'))?.kind).toBe(
      'memory-limit',
    );
    expect(queryFailure(neo4jError('Neo.ClientError.Statement.AccessMode'))?.kind).toBe('write-refused');
    expect(queryFailure(neo4jError('Neo.ClientError.Statement.ExternalResourceFailed'))?.kind).toBe(
      'external-resource',
    );
    expect(queryFailure(neo4jError('Neo.ClientError.Statement.SyntaxError'))?.kind).toBe('client-error');
    expect(queryFailure(neo4jError('Neo.DatabaseError.General.UnknownError'))).toBeNull();
    expect(queryFailure(new Error('no code'))).toBeNull();
  });
});

describe('publicErrorOf', () => {
  it('maps input errors, an absent Neo4j, and leaves the rest to be masked', () => {
    expect(publicErrorOf(new CursorError('bad cursor'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'bad cursor',
    });
    expect(publicErrorOf(neo4jError('ServiceUnavailable'))).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      http: 503,
    });
    expect(publicErrorOf(new Error('a bug'))).toBeNull();
    // A Neo4j client error is explained only for an analyst's own query.
    expect(publicErrorOf(neo4jError('Neo.ClientError.Statement.SyntaxError'))).toBeNull();
    expect(
      publicErrorOf(
        neo4jError('Neo.ClientError.Statement.SyntaxError', 'Invalid input'),
        DEFAULT_CYPHER_LIMITS,
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', message: 'Neo4j refused the query: Invalid input' });
  });

  it('makes GraphQL errors with the code, and the status only where it is set', () => {
    expect(toGraphQLError({ code: 'BAD_USER_INPUT', message: 'm' }).extensions).toEqual({
      code: 'BAD_USER_INPUT',
    });
    expect(toGraphQLError({ code: 'SERVICE_UNAVAILABLE', message: 'm', http: 503 }).extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      http: { status: 503 },
    });
  });
});

describe('listen', () => {
  it('reports a taken port as a PortInUseError', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // The driver connects lazily: nothing here reaches a Neo4j.
    const executor = new Executor({
      uri: 'neo4j://127.0.0.1:1',
      user: 'neo4j',
      password: undefined,
      database: 'neo4j',
      queryTimeoutMs: 1_000,
    });
    const app = createApp({ schema, executor, log: createLogger('silent') });
    try {
      const error = await listen(app, '127.0.0.1', port).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toMatch(/already in use/);
    } finally {
      taken.close();
      await executor.close();
    }
  });
});
