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
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { loadConfig } from '../config.ts';
import { writeImportFiles } from '../graph/bulk/import-files.ts';
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
import { groupBy } from '../util/collections.ts';

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
async function assertStoreEmpty(config: Config, neo4jDir: string, log: Logger): Promise<void> {
  const neo4j = await provisionNeo4j({ ...config.neo4j, provider: 'local', dataDir: neo4jDir, log });
  const executor = new Executor({ ...neo4j, queryTimeoutMs: 120_000 });
  try {
    const [row] = await executor.read('MATCH (n) RETURN count(n) AS nodes');
    const nodes = Number(row?.nodes ?? 0);
    if (nodes > 0)
      throw new OfflineRefusal(
        `--bulk loads into an empty database only, and the local store in ${neo4jDir} holds ${nodes} nodes. ` +
          'Import without --bulk (it merges into what is there), use a new DATA_DIR, or pass --replace-store ' +
          'to delete that store and import into a new one.',
      );
  } finally {
    await executor.close();
    await neo4j.stop();
  }
}

export interface OfflineTimes {
  files: number;
  importer: number;
  finish: number;
}

/**
 * Steps 3–5 for a validated document (validate it against EMPTY_STORE first). Returns the summary
 * (everything created) and the phases' seconds.
 */
export async function importOffline(
  config: Config,
  document: FactDocument,
  options: { replaceStore: boolean; log: Logger; onStep?: (step: string) => void },
): Promise<{ summary: LoadSummary; times: OfflineTimes; store: string; imported: number }> {
  const { log } = options;
  const step = options.onStep ?? (() => {});
  const neo4jDir = `${config.dataDir}/neo4j`;
  await refuseWhileServed(neo4jDir);
  const existed = storeExists(neo4jDir);
  if (existed && !options.replaceStore) {
    step(
      `checking that the existing store ${storeDirectory(neo4jDir)} is empty (a start of the local Neo4j)`,
    );
    await assertStoreEmpty(config, neo4jDir, log);
  }

  const workDir = await mkdtemp(path.join(os.tmpdir(), 'hitech-kg-import-'));
  const summary = emptySummary();
  const times: OfflineTimes = { files: 0, importer: 0, finish: 0 };
  // The relationships the importer wrote (claims come after it, over Bolt).
  let imported = 0;
  try {
    let started = performance.now();
    const files = await writeImportFiles(document, workDir);
    times.files = (performance.now() - started) / 1000;
    step(
      `neo4j-admin database import full: ${files.nodeCount} nodes, ${files.relationshipCount} relationships`,
    );
    const written = await runOfflineImport({
      neo4jDir,
      files,
      workDir,
      overwrite: existed,
      javaHome: config.neo4j.javaHome,
      environment: config.neo4j.environment,
      log,
    });
    times.importer = written.seconds;
    if (written.nodes !== files.nodeCount || written.relationships !== files.relationshipCount)
      throw new Error(
        `neo4j-admin imported ${written.nodes} nodes and ${written.relationships} relationships, ` +
          `not the ${files.nodeCount} and ${files.relationshipCount} of the files`,
      );
    imported = written.relationships;
    summary.nodes.created = files.nodeCount;
    summary.relations.created = document.relations.length;
    summary.evidence.created = files.relationshipCount - document.relations.length;

    step('starting the local Neo4j on the new store: schema, empty lists, claims');
    started = performance.now();
    const neo4j = await provisionNeo4j({ ...config.neo4j, provider: 'local', dataDir: neo4jDir, log });
    const executor = new Executor({
      ...neo4j,
      queryTimeoutMs: Math.max(config.neo4j.queryTimeoutMs, 600_000),
    });
    try {
      await prepareStore(executor);
      if (files.emptyLists.length)
        await executor.write(
          `UNWIND $rows AS row MATCH (n:${ENTITY_LABEL} {key: row.key}) SET n += row.props`,
          {
            rows: files.emptyLists,
          },
        );
      // Claims (sourced values of one property, claims.ts) are few: written as the online path writes them.
      const claimed = document.nodes.filter((node) => node.claims?.length);
      for (const [label, nodes] of groupBy(claimed, (node) => node.label)) {
        const claims = await executor.writeTx((tx) => writeClaims(tx, label, nodes));
        summary.evidence.created += claims.created;
      }
    } finally {
      await executor.close();
      await neo4j.stop();
    }
    times.finish = (performance.now() - started) / 1000;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return { summary, times, store: storeDirectory(neo4jDir), imported };
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
    `  server start on the new store, schema and claims: ${times.finish.toFixed(1)} s`,
    `  whole command: ${wholeSeconds.toFixed(1)} s = ${formatRate(relationships, wholeSeconds)} relationships/s ` +
      '(reading and validating the file included)',
  ].join('\n');
}
