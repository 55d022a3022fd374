/**
 * Start-up as a newcomer meets it, with a local Neo4j from Maven artifacts (the project's default
 * without NEO4J_URI or Docker): `node --import tsx src/main.ts` on an empty DATA_DIR (the JVM starts,
 * the store is created and seeded) until /readyz answers 200, then again on the store it left (the
 * start everyone after the first one gets). Skipped when the bench runs on NEO4J_URI.
 * The first start's own log says what its seeding cost (`seedOnFirstStart`): with the shipped seeded
 * store (src/neo4j/seeded-store.ts), its unpacking before the JVM starts, plus anything the start then
 * runs before the store is ready (nothing); without it (a stale store), from Neo4j answering to the
 * store seeded, on the JVM that start spawned moments before: its first statement, `isEmpty`, and
 * `seed()`. `firstStartSeededFrom` says which path the start took. Also the seed alone on an empty database (`measureSeed`), as `npm start` runs it the first
 * time, and what the class-data archive of Neo4j's classes costs once and saves after (`classData`): the
 * local Neo4j alone on that store with an empty archive folder (it records one, written at its
 * stop), then again with the archive. The two server starts above use the user's archive under
 * ~/.cache/hitech-kg, recorded by whichever start came first on this machine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { seed } from '../src/graph/seed.ts';
import { createLogger } from '../src/logger.ts';
import type { Executor } from '../src/neo4j/executor.ts';
import { startLocalNeo4j } from '../src/neo4j/local-neo4j.ts';
import { spawnServer } from './contenders/server-process.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface StartupResult {
  /** Spawn to ready on an empty store: JVM start, store creation, seed. */
  firstStartMs: number;
  /**
   * What that first start paid for its seeded store (seedingOf): the shipped store's unpacking (before
   * the JVM) plus the time from Neo4j answering to the store ready (its ready line's startMs.store −
   * startMs.neo4j) — with the shipped store next to nothing; with seed(), the first statement on the
   * new JVM (`isEmpty`) and `seed()`. The search warm-up excluded. Null when the line was not found.
   */
  seedOnFirstStartMs: number | null;
  /** How that start got its graph: 'shipped store' (unpacked before the JVM) or 'seed()'; null if not said. */
  firstStartSeededFrom: 'shipped store' | 'seed()' | null;
  /** Of seedOnFirstStartMs, the shipped store's unpacking (startMs.seededStore); null when not used. */
  shippedStoreUnpackMs: number | null;
  /**
   * How that start's JVM had Neo4j's classes: 'use' (mapped from the class-data archive), 'record' (no
   * archive for this Java, classpath and flags yet: loaded from the jars, and recorded), 'none'.
   */
  firstStartClassData: string | null;
  /** Spawn to ready on the store the first start left. */
  existingStoreStartMs: number;
  /** The local Neo4j alone (no server): recording its class-data archive, then using it. */
  classData: {
    /** Start to ready of a JVM that records the archive (it writes it at exit). */
    recordingStartMs: number;
    /** The stop of that JVM, the archive's writing included. */
    recordingStopMs: number;
    /** Start to ready of the next JVM, which maps the archive. */
    withArchiveStartMs: number;
    /** Start to ready without any archive. */
    withoutArchiveStartMs: number;
  } | null;
}

export async function measureLocalStartup(progress: (m: string) => void): Promise<StartupResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hitech-kg-bench-start-'));
  let stdout = '';
  const start = () =>
    spawnServer({
      name: 'ours (local Neo4j)',
      args: ['--import', 'tsx', `${ROOT}src/main.ts`],
      // Info, for the ready line's startMs (where the start's time went); nothing else is read.
      onStdout: (chunk) => {
        stdout += chunk;
      },
      env: {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
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
    const seedOnFirstStartMs = seedingOf(stdout);
    const shippedStoreUnpackMs = unpackOf(stdout);
    const firstStartSeededFrom = seededFromOf(stdout);
    const firstStartClassData = classDataOf(stdout);
    progress(
      `first start on an empty store: ${Math.round(first.coldStartMs)} ms, of which seeding ` +
        `(${firstStartSeededFrom ?? 'path not logged'}: ${firstStartSeededFrom === 'shipped store' ? 'unpacked before the JVM + Neo4j answering → store ready' : 'Neo4j answering → store seeded'}) ` +
        `${seedOnFirstStartMs === null ? 'not found in its log' : `${Math.round(seedOnFirstStartMs)} ms`}` +
        `${shippedStoreUnpackMs === null ? '' : ` (unpack ${Math.round(shippedStoreUnpackMs)} ms)`} ` +
        `(class-data archive: ${firstStartClassData ?? 'not logged'})`,
    );
    const again = await start();
    await again.stop();
    progress(`start on the existing store: ${Math.round(again.coldStartMs)} ms`);
    const classData = await measureClassData(path.join(dataDir, 'neo4j')).catch((error: Error) => {
      progress(`class-data archive not measured: ${error.message.slice(0, 500)}`);
      return null;
    });
    if (classData)
      progress(
        `local Neo4j alone: ${Math.round(classData.withoutArchiveStartMs)} ms without a class-data archive, ` +
          `${Math.round(classData.recordingStartMs)} ms recording one (+ ${Math.round(classData.recordingStopMs)} ms to stop and write it), ` +
          `${Math.round(classData.withArchiveStartMs)} ms with it`,
      );
    return {
      firstStartMs: first.coldStartMs,
      seedOnFirstStartMs,
      firstStartSeededFrom,
      shippedStoreUnpackMs,
      firstStartClassData,
      existingStoreStartMs: again.coldStartMs,
      classData,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The ready line's startMs (src/main.ts) from a start's log (JSON lines), or null. */
function startMsOf(log: string): Record<string, unknown> | null {
  for (const line of log.split('\n')) {
    if (!line.includes('hitech-kg is ready')) continue;
    try {
      const { startMs } = JSON.parse(line) as { startMs?: Record<string, unknown> };
      if (startMs) return startMs;
    } catch {
      // not a JSON line
    }
  }
  return null;
}

/**
 * What a start paid for its store, as its ready line reports it (src/main.ts, `startMs`): the shipped
 * seeded store's unpacking before the JVM (`seededStore`, when it was used), plus the time from Neo4j
 * answering (and the app's modules loaded) to the store ready — on an empty store, its seeding. Null
 * without that line.
 */
export function seedingOf(log: string): number | null {
  const { neo4j, modules, store, seededStore } = startMsOf(log) ?? {};
  // The store's work starts once both Neo4j answers and the app's modules are loaded.
  if (typeof neo4j !== 'number' || typeof modules !== 'number' || typeof store !== 'number') return null;
  return (typeof seededStore === 'number' ? seededStore : 0) + store - Math.max(neo4j, modules);
}

/** The shipped seeded store's unpacking, from a start's ready line; null when the start did not use it. */
export function unpackOf(log: string): number | null {
  const unpack = startMsOf(log)?.seededStore;
  return typeof unpack === 'number' ? unpack : null;
}

/** Whether a start began from the shipped seeded store or seeded with seed(), from its log lines. */
export function seededFromOf(log: string): 'shipped store' | 'seed()' | null {
  if (log.includes('started from the shipped seeded store')) return 'shipped store';
  if (log.includes('the database is empty: seeding it')) return 'seed()';
  return null;
}

/** From a start's log, how its local Neo4j had its classes (local-neo4j.ts logs `classData`); null if not said. */
export function classDataOf(log: string): string | null {
  for (const line of log.split('\n')) {
    if (!line.includes('starting local Neo4j')) continue;
    try {
      const { classData } = JSON.parse(line) as { classData?: unknown };
      if (typeof classData === 'string') return classData;
    } catch {
      // not a JSON line
    }
  }
  return null;
}

/** The local Neo4j on `storeDir` without, recording and with a class-data archive in a folder of its own. */
async function measureClassData(storeDir: string): Promise<NonNullable<StartupResult['classData']>> {
  const archiveDir = await mkdtemp(path.join(os.tmpdir(), 'hitech-kg-bench-cds-'));
  const config = loadConfig().neo4j;
  const once = async (classDataDir: string | null) => {
    const started = performance.now();
    const server = await startLocalNeo4j({
      dataDir: storeDir,
      heap: '512m',
      pageCache: '256m',
      startupTimeoutMs: 300_000,
      log: createLogger('warn', 'stderr'),
      javaHome: config.javaHome,
      environment: config.environment,
      classDataDir,
    });
    const readyMs = performance.now() - started;
    const stopping = performance.now();
    await server.stop();
    return { readyMs, stopMs: performance.now() - stopping };
  };
  try {
    const without = await once(null);
    const recording = await once(archiveDir);
    const using = await once(archiveDir);
    return {
      recordingStartMs: recording.readyMs,
      recordingStopMs: recording.stopMs,
      withArchiveStartMs: using.readyMs,
      withoutArchiveStartMs: without.readyMs,
    };
  } finally {
    await rm(archiveDir, { recursive: true, force: true });
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
