/**
 * Start-up as a newcomer meets it, with a local Neo4j from Maven artifacts (the project's default
 * without NEO4J_URI or Docker): `node --import tsx src/main.ts` on an empty DATA_DIR (the JVM starts,
 * the store is created and seeded) until /readyz answers 200, then again on the store it left (the
 * start everyone after the first one gets). Skipped when the bench runs on NEO4J_URI.
 * Also the seed alone on an empty database (`measureSeed`), as `npm start` runs it the first time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seed } from '../src/graph/seed.ts';
import type { Executor } from '../src/neo4j/executor.ts';
import { spawnServer } from './contenders/server-process.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface StartupResult {
  /** Spawn to ready on an empty store: JVM start, store creation, seed. */
  firstStartMs: number;
  /** Spawn to ready on the store the first start left. */
  existingStoreStartMs: number;
}

export async function measureLocalStartup(progress: (m: string) => void): Promise<StartupResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hitech-kg-bench-start-'));
  const start = () =>
    spawnServer({
      name: 'ours (local Neo4j)',
      args: ['--import', 'tsx', `${ROOT}src/main.ts`],
      env: {
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        NEO4J_PROVIDER: 'local',
        DATA_DIR: dataDir,
        SEED_ON_START: 'true',
      },
      readyPath: '/readyz',
      timeoutMs: 300_000,
    });
  try {
    const first = await start();
    await first.stop();
    progress(`first start on an empty store (seeds): ${Math.round(first.coldStartMs)} ms`);
    const again = await start();
    await again.stop();
    progress(`start on the existing store: ${Math.round(again.coldStartMs)} ms`);
    return { firstStartMs: first.coldStartMs, existingStoreStartMs: again.coldStartMs };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `seed()` on the empty bench database (a Neo4j started moments ago: every plan is cold). */
export async function measureSeed(
  executor: Executor,
): Promise<{ ms: number; nodes: number; relationships: number }> {
  const started = performance.now();
  const summary = await seed(executor);
  return {
    ms: performance.now() - started,
    nodes: summary.nodes.created,
    relationships: summary.relations.created + summary.evidence.created,
  };
}
