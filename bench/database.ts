/**
 * The benchmark's Neo4j, obtained like the server's (provisionNeo4j: NEO4J_URI, else a testcontainer,
 * else a local Maven-run Neo4j), but always on a store of its own: a temporary DATA_DIR for the local
 * server, a fresh container, or — with NEO4J_URI — an empty database (or one the user lets us wipe).
 * The real seed data never mixes with the synthetic graph (the seed is only timed there, then deleted).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { applySchema } from '../src/neo4j/cypher-files.ts';
import { Executor } from '../src/neo4j/executor.ts';
import { type ProvisionedNeo4j, provisionNeo4j } from '../src/neo4j/provision.ts';
import type { BenchOptions } from './options.ts';

export interface BenchDatabase {
  neo4j: ProvisionedNeo4j;
  executor: Executor;
  /** Neo4j's own version, from dbms.components(). */
  version: string;
  stop(): Promise<void>;
}

export async function startDatabase(
  options: BenchOptions,
  progress: (m: string) => void,
): Promise<BenchDatabase> {
  const config = loadConfig();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hitech-kg-bench-'));
  const log = createLogger(process.env.BENCH_LOG_LEVEL ?? 'warn', 'stderr');
  progress(
    `Neo4j: ${config.neo4j.uri ? `NEO4J_URI ${config.neo4j.uri}` : `provisioning (store in ${dataDir})`}`,
  );
  const neo4j = await provisionNeo4j({
    ...config.neo4j,
    // Larger than the server's defaults: SF 1 holds a million relationships.
    heap: process.env.NEO4J_HEAP ?? '1g',
    pageCache: process.env.NEO4J_PAGECACHE ?? '1g',
    dataDir: path.join(dataDir, 'neo4j'),
    log,
  });
  const executor = new Executor({ ...neo4j, queryTimeoutMs: 600_000 });
  const stop = async () => {
    await executor.close();
    await neo4j.stop();
    if (!options.keepData) await rm(dataDir, { recursive: true, force: true });
    else progress(`kept the Neo4j store in ${dataDir}`);
  };
  try {
    const [row] = await executor.read('MATCH (n) RETURN count(n) AS nodes');
    const nodes = Number(row?.nodes ?? 0);
    if (nodes > 0) {
      if (!options.wipe) {
        throw new Error(
          `The Neo4j at ${neo4j.uri} already holds ${nodes} nodes. The benchmark loads a synthetic graph and ` +
            'must not mix it with real data: point NEO4J_URI at an empty scratch database, unset it (a ' +
            'temporary local Neo4j is then used), or pass --wipe to delete every node of that database first.',
        );
      }
      progress(`--wipe: deleting ${nodes} nodes`);
      await wipe(executor, false);
    }
    const [component] = await executor.read(
      "CALL dbms.components() YIELD name, versions, edition WHERE name = 'Neo4j Kernel' RETURN versions[0] + ' ' + edition AS version",
    );
    return { neo4j, executor, version: String(component?.version ?? 'unknown'), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Deletes every node and relationship, and with `schema` every constraint and index too (the bench
 * measures the seed and the bulk import on an empty database, then loads its own graph).
 */
export async function wipe(executor: Executor, schema: boolean): Promise<void> {
  // CALL … IN TRANSACTIONS needs an auto-commit transaction: a plain session.run.
  const session = executor.driver.session({ database: executor.database });
  try {
    // Relationships first: a DETACH DELETE of dense nodes in batches overruns the transaction memory.
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 5000 ROWS');
    await session.run('MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 5000 ROWS');
    if (!schema) return;
    for (const r of (await session.run('SHOW CONSTRAINTS YIELD name')).records)
      await session.run(`DROP CONSTRAINT \`${r.get('name')}\``);
    for (const r of (await session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'")).records)
      await session.run(`DROP INDEX \`${r.get('name')}\``);
  } finally {
    await session.close();
  }
}

export { applySchema };
