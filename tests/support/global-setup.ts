/**
 * Obtains the one Neo4j that all graph tests share, in the project's order (provision.ts), seeds it
 * once, and stops it at the end of the run. Without a Neo4j this throws, and the run fails with the
 * message naming the three ways to get one: graph tests never skip.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.ts';
import { seed } from '../../src/graph/seed.ts';
import { createLogger } from '../../src/logger.ts';
import { Executor } from '../../src/neo4j/executor.ts';
import { provisionNeo4j } from '../../src/neo4j/provision.ts';
import type { Neo4jConnection } from './neo4j.ts';
import { ORIGINAL_JAVA_HOME, quickJavaHome } from './quick-java.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jConnection;
  }
}

export default async function setup(project: TestProject) {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', 'stderr');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hitech-kg-test-neo4j-'));
  const neo4j = await provisionNeo4j({ ...config.neo4j, pageCache: '128m', dataDir, log });
  const connection: Neo4jConnection = {
    uri: neo4j.uri,
    user: neo4j.user,
    password: neo4j.password,
    database: neo4j.database,
  };
  const executor = new Executor({ ...connection, queryTimeoutMs: 60_000 });
  try {
    await seed(executor);
  } finally {
    await executor.close();
  }
  project.provide('neo4j', connection);
  // The test files' processes inherit this environment: the Neo4j JVMs they start (directly or through
  // the server) start on less CPU. The shared one above keeps the ordinary java (quick-java.ts).
  const javaHome = quickJavaHome(config.neo4j.javaHome);
  if (javaHome) {
    if (config.neo4j.javaHome) process.env[ORIGINAL_JAVA_HOME] = config.neo4j.javaHome;
    process.env.JAVA_HOME = javaHome;
  }

  return async () => {
    await neo4j.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (javaHome) await rm(javaHome, { recursive: true, force: true });
  };
}
