/**
 * `npm run seed:build`'s second step: the seeded store that a first start on the local Neo4j puts in
 * place instead of seeding (src/neo4j/seeded-store.ts). A scratch local Neo4j in a temporary folder
 * runs `seed()` — the schema and the load, exactly what a first start does — and is stopped cleanly
 * (a checkpoint); its default database's files are then packed into data/generated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger.ts';
import { localNeo4jPrerequisites, Neo4jUnavailableError } from '../neo4j/local-neo4j.ts';
import { startScratchNeo4j } from '../neo4j/scratch-neo4j.ts';
import {
  readManifest,
  type SeededStoreManifest,
  seededStoreInputs,
  writeSeededStore,
} from '../neo4j/seeded-store.ts';
import { seed } from './seed.ts';

export interface BuildSeededStoreOptions {
  log: Logger;
  javaHome: string | undefined;
  environment: NodeJS.ProcessEnv;
  /** Build even when the manifest already matches the inputs (the archive then changes: new store ids). */
  force?: boolean;
}

/** Builds data/generated/seeded-store.br and its manifest; null when they already match the inputs. */
export async function buildSeededStore(
  options: BuildSeededStoreOptions,
): Promise<SeededStoreManifest | null> {
  const inputs = seededStoreInputs();
  if (!options.force && readManifest()?.inputs === inputs) return null;
  const missing = await localNeo4jPrerequisites(options.javaHome);
  if (missing) throw new Neo4jUnavailableError(`a local Neo4j needs ${missing}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-seeded-store-'));
  const neo4jDir = path.join(dir, 'neo4j');
  try {
    const { server, executor } = await startScratchNeo4j({
      dataDir: neo4jDir,
      heap: '512m',
      pageCache: '64m',
      startupTimeoutMs: 300_000,
      log: options.log,
      javaHome: options.javaHome,
      environment: options.environment,
      // No class-data archive of its own: its flags would only push a server's archive out.
      classDataDir: null,
      queryTimeoutMs: 300_000,
    });
    try {
      await seed(executor, { log: options.log });
    } finally {
      await executor.close();
      // SIGTERM: Neo4j checkpoints and closes its store, so the files are a clean shutdown's.
      await server.stop();
    }
    return await writeSeededStore(path.join(neo4jDir, 'data'), inputs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
