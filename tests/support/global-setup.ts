/**
 * Obtains the one Neo4j that all graph tests share, in the project's order (provision.ts), seeds it
 * once, and stops it at the end of the run. It does not wait for that: the unit files, which need no
 * Neo4j, run meanwhile, and each graph file waits for the outcome (shared-neo4j.ts). Without a Neo4j
 * every graph file fails with the message naming the three ways to get one: graph tests never skip.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.ts';
import { seed } from '../../src/graph/seed.ts';
import { createLogger } from '../../src/logger.ts';
import { Executor } from '../../src/neo4j/executor.ts';
import { type ProvisionedNeo4j, provisionNeo4j } from '../../src/neo4j/provision.ts';
import { quickJavaHome } from './quick-java.ts';
import { announce, type Neo4jConnection } from './shared-neo4j.ts';

export default async function setup(project: TestProject) {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', 'stderr');
  const folder = await mkdtemp(path.join(os.tmpdir(), 'hitech-kg-test-neo4j-'));
  const dataDir = path.join(folder, 'store');
  const announcement = path.join(folder, 'shared-neo4j.json');
  project.provide('sharedNeo4jFile', announcement);

  // The shared Neo4j keeps the ordinary java (quick-java.ts): it runs every graph test's queries. Its
  // class-data archive is kept in a folder of its own: a JVM records a missing archive until it stops,
  // and while one records, every other start on that archive goes without. Sharing the test JVMs'
  // archive (TEST_NEO4J_HEAP), the shared Neo4j, which lives the whole run, recorded it whenever another
  // checkout's servers had pushed it out of the few kept, and all the run's test JVMs started without.
  const neo4jOptions = {
    ...config.neo4j,
    environment: { ...process.env },
    pageCache: '128m',
    dataDir,
    log,
    classDataDir: path.join(os.homedir(), '.cache', 'hitech-kg', 'test-shared-neo4j-class-data'),
  };
  let neo4j: ProvisionedNeo4j | undefined;
  const ready = (async () => {
    try {
      neo4j = await provisionNeo4j(neo4jOptions);
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
      announce(announcement, { connection });
    } catch (error) {
      announce(announcement, { error: (error as Error).message });
    }
  })();

  // The test files' processes inherit this environment (so it is set before this function returns):
  // the Neo4j JVMs they start (directly or through the server) start on less CPU.
  const javaHome = quickJavaHome(config.neo4j.javaHome);
  if (javaHome) process.env.JAVA_HOME = javaHome;

  return async () => {
    await ready;
    await neo4j?.stop();
    await rm(folder, { recursive: true, force: true });
    if (javaHome) await rm(javaHome, { recursive: true, force: true });
  };
}
