/** Test helpers over the shared Neo4j: an executor per test file and keys that no other test uses. */
import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { Executor } from '../../src/neo4j/executor.ts';

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string | undefined;
  database: string;
}

/** An executor on the shared, seeded Neo4j, closed after the file's tests. */
export function useExecutor(queryTimeoutMs = 30_000): Executor {
  const executor = new Executor({ ...inject('neo4j'), queryTimeoutMs });
  afterAll(() => executor.close());
  return executor;
}

/** A key no other test (or run) uses: tests own their data. */
export function uniqueKey(prefix: string): string {
  return `${prefix}-test-${randomBytes(4).toString('hex')}`;
}
