/**
 * `npm run import -- <file> --bulk` on the local Neo4j (DATA_DIR's store): the offline path.
 *
 * 1. No server may run on the store (the importer writes its files; Neo4j holds them locked).
 * 2. The file is validated as the online import validates it, against an empty store — the one it
 *    goes into (step 3 makes sure of that).
 * 3. A store that exists is started once and must hold no node, unless --replace-store says that
 *    whatever it holds may go.
 * 4. The facts become CSV files (graph/bulk/import-files.ts) and neo4j-admin database import full
 *    writes the store from them (neo4j/offline-import.ts).
 * 5. The server starts on the new store: empty lists and claims (which CSV cannot carry) are written,
 *    and the schema applied (prepareStore: constraints, indexes, fulltext), as every start does; then
 *    it stops again.
 *
 * Why not with NEO4J_URI (or a container): whyNotOffline.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { loadConfig } from '../config.ts';
import { type ImportFiles, writeImportFiles } from '../graph/bulk/import-files.ts';
import { formatRate } from '../graph/bulk/rate.ts';
import { writeClaims } from '../graph/claims-writer.ts';
import { ENTITY_LABEL } from '../graph/entity-keys.ts';
import type { FactDocument } from '../graph/facts.ts';
import { emptySummary, type LoadSummary } from '../graph/loader.ts';
import { prepareStore } from '../graph/prepare-store.ts';
import type { Logger } from '../logger.ts';
import { Executor } from '../neo4j/executor.ts';
import { runOfflineImport, serverOnStore, storeDirectory, storeExists } from '../neo4j/offline-import.ts';
import { dockerAnswers, provisionNeo4j } from '../neo4j/provision.ts';
import { chunks, groupBy } from '../util/collections.ts';

type Config = ReturnType<typeof loadConfig>;

/**
 * An empty store's answer to the validation's questions about what a store HOLDS (nodes with these
 * former keys: withCurrentKeys; key conflicts: keyConflicts): no row. The offline path validates
 * against it (the import goes into an empty store), so that no server has to run for the validation.
 * Not for a question about what a store LACKS: missing references are every reference outside the
 * file (loader.ts referencesOutside).
 */
export const EMPTY_STORE: Pick<Executor, 'read'> = { read: async () => [] };

/**
 * Why this configuration's Neo4j cannot take the offline importer, or null when it can (the local
 * server in DATA_DIR). The importer writes a stopped database's files on this machine: a server at
 * NEO4J_URI (or in a container) has its files elsewhere, and is running.
 */
export async function whyNotOffline(neo4j: Config['neo4j']): Promise<string | null> {
  const because = (what: string) =>
    `${what}; the offline importer (neo4j-admin database import full) writes the store files of a ` +
    'stopped database on this machine, which only the local Neo4j in DATA_DIR offers. ';
  if (neo4j.uri && (neo4j.provider === 'auto' || neo4j.provider === 'uri'))
    return because(
      `NEO4J_URI names a running server (${neo4j.uri}) whose store is not ours to stop or write`,
    );
  if (neo4j.provider === 'container')
    return because('NEO4J_PROVIDER=container keeps the store inside a container');
  if (neo4j.provider === 'auto' && (await dockerAnswers(neo4j.dockerHost)) === true)
    return because('a Docker engine answers, so the Neo4j is a container whose store is inside it');
  return null;
}

/** How to use the offline importer when whyNotOffline says no. */
export const HOW_TO_GO_OFFLINE =
  'To use it: unset NEO4J_URI and set NEO4J_PROVIDER=local, import into an empty DATA_DIR, then move that ' +
  'database to the server (neo4j-admin database dump there, load on the server).';

export class OfflineRefusal extends Error {
  override name = 'OfflineRefusal';
}

/** Counts the nodes of an existing local store (the one start this costs), refusing a store that holds any. */
async function assertStoreEmpty(
  config: Config,
  neo4jDir: string,
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<void> {
  const neo4j = await provisionNeo4j({ ...config.neo4j, provider: 'local', dataDir: neo4jDir, log });
  const stop = () => void neo4j.stop().catch(() => {});
  signal?.addEventListener('abort', stop, { once: true });
  const executor = new Executor({ ...neo4j, queryTimeoutMs: 120_000 });
  try {
    if (signal?.aborted) return;
    const [row] = await executor.read('MATCH (n) RETURN count(n) AS nodes');
    const nodes = Number(row?.nodes ?? 0);
    if (nodes > 0)
      throw new OfflineRefusal(
        `--bulk loads into an empty database only, and the local store in ${neo4jDir} holds ${nodes} nodes. ` +
          'Import without --bulk (it merges into what is there), use a new DATA_DIR, or pass --replace-store ' +
          'to delete that store and import into a new one.',
      );
  } finally {
    signal?.removeEventListener('abort', stop);
    await executor.close();
    await neo4j.stop();
  }
}

export interface OfflineTimes {
  files: number;
  importer: number;
  finish: number;
  /** CPU seconds of writing the files (this process) and of neo4j-admin's JVM (null: not known). */
  filesCpu?: number;
  importerCpu?: number | null;
}

/**
 * Where an import builds its store: a local Neo4j folder of its own inside DATA_DIR/neo4j (so that
 * the finished store is moved into place by a rename, on the same file system). What an interrupted or
 * failed import leaves there is deleted by the next one.
 */
export const stagingDirectory = (neo4jDir: string) => path.join(neo4jDir, 'import-staging');

/** The import was stopped by a signal (Ctrl-C, SIGTERM); its message says what was left, and how. */
export class OfflineInterrupted extends Error {
  override name = 'OfflineInterrupted';
  constructor(
    message: string,
    readonly signal: NodeJS.Signals,
  ) {
    super(message);
  }
}

/**
 * The hs_err_pid*.log reports a crashed or aborted JVM (the importer's, or a server's, whose working
 * folder is its Neo4j folder) left in `folders`, moved into `logDir`; their new paths.
 */
export async function collectJvmCrashReports(folders: string[], logDir: string): Promise<string[]> {
  const moved: string[] = [];
  for (const folder of folders) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names.filter((n) => /^hs_err_pid\d+\.log$/.test(n))) {
      const to = path.join(logDir, name);
      try {
        await mkdir(logDir, { recursive: true });
        if (path.join(folder, name) !== to) await rename(path.join(folder, name), to);
        moved.push(to);
      } catch {
        // A report that cannot be moved stays where it is.
      }
    }
  }
  return moved;
}

/**
 * Steps 3–5 for a validated document (validate it against EMPTY_STORE first). Returns the summary
 * (everything created) and the phases' seconds.
 *
 * The new store is built in stagingDirectory (the importer, then a server on it for the schema, empty
 * lists and claims) and replaces DATA_DIR's `data` folder only once complete: an import that fails or
 * is interrupted (`signal`: Ctrl-C, SIGTERM) leaves the store as it was, and its staging folder is
 * deleted.
 */
export async function importOffline(
  config: Config,
  document: FactDocument,
  options: { replaceStore: boolean; log: Logger; onStep?: (step: string) => void; signal?: AbortSignal },
): Promise<{ summary: LoadSummary; times: OfflineTimes; store: string; imported: number }> {
  const { log, signal } = options;
  const step = options.onStep ?? (() => {});
  const neo4jDir = `${config.dataDir}/neo4j`;
  const staging = stagingDirectory(neo4jDir);
  const logDir = path.join(neo4jDir, 'logs');
  await refuseWhileServed(neo4jDir);
  const existed = storeExists(neo4jDir);
  let stage = 'before anything was written';
  // Whether a new store was being built (in the staging folder, deleted on the way out).
  let building = false;
  /** Throws OfflineInterrupted when the signal came: what was done, what is left. */
  const checkInterrupted = async () => {
    if (!signal?.aborted) return;
    const reason = signal.reason as NodeJS.Signals;
    const reports = await collectJvmCrashReports([neo4jDir, staging], logDir);
    throw new OfflineInterrupted(
      `--bulk was interrupted (${reason}) ${stage}. The store in ${storeDirectory(neo4jDir)} is as it was ` +
        `(${existed ? 'untouched' : 'none yet'}); ${building ? 'the partial new one was deleted' : 'nothing was written'}. ` +
        'Run the command again to import.' +
        crashNote(reports),
      reason,
    );
  };
  if (existed && !options.replaceStore) {
    step(
      `checking that the existing store ${storeDirectory(neo4jDir)} is empty (a start of the local Neo4j)`,
    );
    stage = 'while the existing store was checked';
    try {
      await assertStoreEmpty(config, neo4jDir, log, signal);
    } catch (error) {
      await checkInterrupted();
      throw error;
    }
  }

  const workDir = await mkdtemp(path.join(os.tmpdir(), 'hitech-kg-import-'));
  // What an earlier import left (interrupted hard, SIGKILL): not a store anyone uses.
  await rm(staging, { recursive: true, force: true });
  const summary = emptySummary();
  const times: OfflineTimes = { files: 0, importer: 0, finish: 0 };
  // The relationships the importer wrote (claims come after it, over Bolt).
  let imported = 0;
  try {
    await checkInterrupted();
    stage = 'while the CSV files were written';
    building = true;
    let started = performance.now();
    const cpu = process.cpuUsage();
    const files = await writeImportFiles(document, workDir);
    times.files = (performance.now() - started) / 1000;
    const filesCpu = process.cpuUsage(cpu);
    times.filesCpu = (filesCpu.user + filesCpu.system) / 1e6;
    await checkInterrupted();
    step(
      `neo4j-admin database import full: ${files.nodeCount} nodes, ${files.relationshipCount} relationships`,
    );
    stage = 'while neo4j-admin wrote the new store';
    let written: Awaited<ReturnType<typeof runOfflineImport>>;
    try {
      written = await runOfflineImport({
        neo4jDir: staging,
        logDir,
        files,
        workDir,
        overwrite: false,
        javaHome: config.neo4j.javaHome,
        environment: config.neo4j.environment,
        log,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      // A Ctrl-C reaches the importer's JVM too, which may exit before our handler has run.
      await settleSignal(signal);
      await checkInterrupted();
      throw error;
    }
    times.importer = written.seconds;
    times.importerCpu = written.cpuSeconds;
    if (written.nodes !== files.nodeCount || written.relationships !== files.relationshipCount)
      throw new Error(
        `neo4j-admin imported ${written.nodes} nodes and ${written.relationships} relationships, ` +
          `not the ${files.nodeCount} and ${files.relationshipCount} of the files`,
      );
    imported = written.relationships;
    summary.nodes.created = files.nodeCount;
    summary.relations.created = document.relations.length;
    summary.evidence.created = files.relationshipCount - document.relations.length;
    await checkInterrupted();

    step('starting the local Neo4j on the new store: schema, empty lists, claims');
    stage = 'while the new store got its schema, empty lists and claims';
    started = performance.now();
    try {
      await finishStore(config, staging, document, files.emptyLists, summary, log, signal);
    } catch (error) {
      await settleSignal(signal);
      await checkInterrupted();
      throw error;
    }
    times.finish = (performance.now() - started) / 1000;
    await checkInterrupted();
    // From here on the import completes: an interruption now would leave two halves.
    await refuseWhileServed(neo4jDir);
    await replaceData(neo4jDir, staging);
  } catch (error) {
    if (error instanceof OfflineInterrupted) throw error;
    const reports = await collectJvmCrashReports([neo4jDir, staging], logDir);
    if (reports.length && error instanceof Error) error.message += crashNote(reports);
    throw error;
  } finally {
    // The log of the server that ran on the new store, kept for when its part failed.
    await rename(path.join(staging, 'logs', 'neo4j.log'), path.join(logDir, 'import-server.log')).catch(
      () => {},
    );
    await Promise.all([
      rm(workDir, { recursive: true, force: true }),
      rm(staging, { recursive: true, force: true }),
    ]);
  }
  return { summary, times, store: storeDirectory(neo4jDir), imported };
}

const crashNote = (reports: string[]) =>
  reports.length
    ? `\nA Java process stopped abnormally and left ${reports.length === 1 ? 'its report' : 'reports'} in ${reports.join(', ')} ` +
      '(for a bug report; safe to delete).'
    : '';

/** A moment for a signal that reached a child first to reach this process's handler too. */
async function settleSignal(signal: AbortSignal | undefined): Promise<void> {
  if (signal && !signal.aborted) await new Promise((resolve) => setTimeout(resolve, 300));
}

/** Nodes whose empty lists one transaction sets. */
export const EMPTY_LIST_BATCH = 5_000;

/**
 * Step 5 on the staging store: a server on it applies the schema (prepareStore: constraints, indexes,
 * fulltext, as every start does) and writes what CSV cannot carry (empty lists, claims), then stops.
 * Stopped at once when `signal` aborts.
 */
async function finishStore(
  config: Config,
  staging: string,
  document: FactDocument,
  emptyLists: ImportFiles['emptyLists'],
  summary: LoadSummary,
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<void> {
  const neo4j = await provisionNeo4j({ ...config.neo4j, provider: 'local', dataDir: staging, log });
  const stop = () => void neo4j.stop().catch(() => {});
  signal?.addEventListener('abort', stop, { once: true });
  const executor = new Executor({
    ...neo4j,
    queryTimeoutMs: Math.max(config.neo4j.queryTimeoutMs, 600_000),
  });
  try {
    if (signal?.aborted) return;
    await prepareStore(executor);
    // In batches, so that a large file's (68,148 at SF 1) stay well within the server's memory limit
    // per transaction (db.memory.transaction.max).
    for (const rows of chunks(emptyLists, EMPTY_LIST_BATCH))
      await executor.write(
        `UNWIND $rows AS row MATCH (n:${ENTITY_LABEL} {key: row.key}) SET n += row.props`,
        {
          rows,
        },
      );
    // Claims (sourced values of one property, claims.ts) are few: written as the online path writes them.
    const claimed = document.nodes.filter((node) => node.claims?.length);
    for (const [label, nodes] of groupBy(claimed, (node) => node.label)) {
      const claims = await executor.writeTx((tx) => writeClaims(tx, label, nodes));
      summary.evidence.created += claims.created;
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    await executor.close();
    await neo4j.stop();
  }
}

/**
 * Puts the staging store's `data` folder (its databases and transaction logs, the system database's
 * too: the local server keeps nothing else there, authentication being off) in place of DATA_DIR's.
 */
async function replaceData(neo4jDir: string, staging: string): Promise<void> {
  const data = path.join(neo4jDir, 'data');
  const old = path.join(neo4jDir, 'data.replaced');
  await rm(old, { recursive: true, force: true });
  if (existsSync(data)) await rename(data, old);
  await rename(path.join(staging, 'data'), data);
  await rm(old, { recursive: true, force: true });
}

/** Refuses while a server runs on the local store. */
export async function refuseWhileServed(neo4jDir: string): Promise<void> {
  const owner = await serverOnStore(neo4jDir);
  if (owner !== null)
    throw new OfflineRefusal(
      `--bulk writes the store files in ${neo4jDir} directly, which needs that database stopped, and a ` +
        `Neo4j runs on it now (process ${owner}, an \`npm start\`?). Stop that process and run the import ` +
        'again, or import without --bulk into the running server (it merges, online).',
    );
}

/** The offline path's report: the importer's phase and the whole command, each named for what it is. */
export function describeOfflineTimes(
  relationships: number,
  times: OfflineTimes,
  wholeSeconds: number,
): string {
  const phase = times.files + times.importer;
  return [
    `  importer phase: ${relationships} relationships in ${phase.toFixed(1)} s = ${formatRate(relationships, phase)} relationships/s ` +
      `(CSV files ${times.files.toFixed(1)} s, neo4j-admin ${times.importer.toFixed(1)} s)`,
    ...(times.filesCpu === undefined
      ? []
      : [
          `  its CPU time: CSV files ${times.filesCpu.toFixed(1)} s, neo4j-admin ` +
            `${typeof times.importerCpu === 'number' ? `${times.importerCpu.toFixed(1)} s` : 'not known'} ` +
            '(on a busy machine, the figures to compare)',
        ]),
    `  server start on the new store, schema and claims: ${times.finish.toFixed(1)} s`,
    `  whole command: ${wholeSeconds.toFixed(1)} s = ${formatRate(relationships, wholeSeconds)} relationships/s ` +
      '(reading and validating the file included)',
  ].join('\n');
}
