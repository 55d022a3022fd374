/**
 * Calls the GraphQL API the way a client does, without a port: `app.fetch` → yoga → Pothos → executor →
 * the shared, seeded Neo4j. `testApp` gives a `gql(query, variables, key)` function; `useApi` adds an
 * executor per file and asserting shorthands, acting as the editor (curation needs an editor key).
 */
import { expect } from 'vitest';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import type { Executor } from '../../src/neo4j/executor.ts';
import { schema } from '../../src/schema/index.ts';
import { useExecutor } from './neo4j.ts';

/** The API keys the test app accepts, one per scope. */
export const TEST_KEYS = {
  editor: 'editor-key-for-tests-0001',
  analyst: 'analyst-key-for-tests-0001',
} as const;

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResult {
  status: number;
  data?: any;
  errors?: GraphQLError[];
}

export interface TestAppOptions {
  maxPageSize?: number;
  cypherMaxRows?: number;
  cypherTimeoutMs?: number;
  graphqlJit?: boolean;
}

export type Gql = (
  query: string,
  variables?: Record<string, unknown>,
  key?: string,
  operationName?: string,
) => Promise<GraphQLResult>;

/** An app over `executor` that knows TEST_KEYS; `gql` sends `key` (if any) as a bearer token. */
export function testApp(executor: Executor, options: TestAppOptions = {}): Gql {
  const app = createApp({
    schema,
    executor,
    log: createLogger('silent'),
    ...(options.maxPageSize ? { limits: { maxPageSize: options.maxPageSize } } : {}),
    ...(options.graphqlJit === undefined ? {} : { graphqlJit: options.graphqlJit }),
    apiKeys: [
      { scope: 'editor', key: TEST_KEYS.editor },
      { scope: 'analyst', key: TEST_KEYS.analyst },
    ],
    cypher: { timeoutMs: options.cypherTimeoutMs ?? 5_000, maxRows: options.cypherMaxRows ?? 1_000 },
  });
  return async (query, variables, key, operationName) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key) headers.authorization = `Bearer ${key}`;
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
    });
    const body = (await response.json()) as { data?: any; errors?: GraphQLError[] };
    return { status: response.status, ...body };
  };
}

export interface Api {
  executor: Executor;
  /** Runs a query or mutation as the editor; returns status, data and errors. */
  gql(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult>;
  /** Runs it and fails the test on any error; returns `data`. */
  ok(query: string, variables?: Record<string, unknown>): Promise<any>;
  /** Runs it and expects exactly one error; returns that error. */
  fails(query: string, variables?: Record<string, unknown>): Promise<GraphQLError>;
}

/** An executor on the shared Neo4j and an app over it, for one test file. */
export function useApi(options: TestAppOptions = {}): Api {
  const executor = useExecutor();
  const send = testApp(executor, options);
  const gql = (query: string, variables?: Record<string, unknown>) =>
    send(query, variables, TEST_KEYS.editor);

  async function ok(query: string, variables?: Record<string, unknown>): Promise<any> {
    const result = await gql(query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.status).toBe(200);
    return result.data;
  }

  async function fails(query: string, variables?: Record<string, unknown>): Promise<GraphQLError> {
    const result = await gql(query, variables);
    expect(result.errors, `expected an error, got ${JSON.stringify(result.data)}`).toHaveLength(1);
    return result.errors![0]!;
  }

  return { executor, gql, ok, fails };
}

/** Base64 of "Type:key": the global IDs of the API. */
export function globalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`).toString('base64');
}

/** The keys of a connection's nodes, in order. */
export function keysOf(connection: { edges: { node: { key: string } }[] }): string[] {
  return connection.edges.map((e) => e.node.key);
}

/** Excludes what tests write (keys with "-test-"): lists then hold the seeded graph only. */
export const SEEDED_ONLY = { NOT: { key: { contains: '-test-' } } };
