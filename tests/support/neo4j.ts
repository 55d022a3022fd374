/** Test helpers over the shared Neo4j: an executor per test file and keys that no other test uses. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { Executor } from '../../src/neo4j/executor.ts';
import type { LocalNeo4j } from '../../src/neo4j/local-neo4j.ts';
import { startScratchNeo4j as startScratchNeo4jOf } from '../../src/neo4j/scratch-neo4j.ts';
import { sharedNeo4j } from './shared-neo4j.ts';

/**
 * The heap of every local Neo4j JVM the tests start: the server's default (NEO4J_HEAP in config.ts), as
 * the shared test Neo4j and every developer's `npm start` have. The class-data archive is kept per
 * heap (class-data-archive.ts), so JVMs with one heap map one archive; with a heap of their own (384m,
 * 1g) the test JVMs had an archive that another was likely to have pushed out of the few kept, and
 * the first JVM of a run recorded it again (its stop seconds longer) while the others started
 * without one (seconds more CPU each).
 */
export const TEST_NEO4J_HEAP = '512m';
/** The page cache of those JVMs: the tests' stores are small. */
export const TEST_NEO4J_PAGE_CACHE = '64m';

/** An executor on the shared, seeded Neo4j, closed after the file's tests. */
export function useExecutor(queryTimeoutMs = 30_000): Executor {
  const executor = new Executor({ ...sharedNeo4j(), queryTimeoutMs });
  afterAll(() => executor.close());
  return executor;
}

/** A key no other test (or run) uses: tests own their data. */
export function uniqueKey(prefix: string): string {
  return `${prefix}-test-${randomBytes(4).toString('hex')}`;
}

/** A second Neo4j of the calling file (or describe block), empty, for loads the shared one must not see. */
export interface EmptyNeo4j {
  readonly uri: string;
  readonly executor: Executor;
  /** A folder of the same lifetime, for the files the tests write. */
  readonly workDir: string;
}

/**
 * A local Neo4j of a test's own on the store in `dataDir` (small heap and page cache), and an executor
 * on it. The caller stops both.
 */
export function startScratchNeo4j(
  dataDir: string,
  queryTimeoutMs: number,
): Promise<{ server: LocalNeo4j; executor: Executor }> {
  return startScratchNeo4jOf({
    dataDir,
    heap: TEST_NEO4J_HEAP,
    pageCache: TEST_NEO4J_PAGE_CACHE,
    startupTimeoutMs: 180_000,
    log: createLogger('warn', 'stderr'),
    javaHome: loadConfig().neo4j.javaHome,
    environment: process.env,
    queryTimeoutMs,
  });
}

/**
 * Starts a local Neo4j in a temporary folder before the tests of the calling file or describe block,
 * and stops it and deletes the folder after them. `uri` and `executor` exist once it has started.
 */
export function useEmptyNeo4j(name: string, queryTimeoutMs: number): EmptyNeo4j {
  const workDir = mkdtempSync(path.join(os.tmpdir(), `hitech-kg-${name}-`));
  let server: LocalNeo4j | undefined;
  let executor: Executor | undefined;
  beforeAll(async () => {
    ({ server, executor } = await startScratchNeo4j(path.join(workDir, 'neo4j'), queryTimeoutMs));
  });
  afterAll(async () => {
    await executor?.close();
    await server?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the ${name} Neo4j has not started (beforeAll failed?)`);
    return value;
  };
  return {
    workDir,
    get uri() {
      return started(server).uri;
    },
    get executor() {
      return started(executor);
    },
  };
}
