/**
 * The seed: the graph schema, the curated graph of the source document and the reference tables,
 * loaded idempotently. The reference tables come first so that their names and properties win where
 * both describe the same node (see merge-facts.ts).
 */

import type { Logger } from '../logger.ts';
import { applySchema, awaitIndexes } from '../neo4j/cypher-files.ts';
import type { Executor } from '../neo4j/executor.ts';
import { bulkLoadFacts, isEmptyDatabase } from './bulk-loader.ts';
import { type LoadOptions, type LoadSummary, loadFacts, missingReferences } from './loader.ts';
import { prepareStore } from './prepare-store.ts';
import { readSeedFacts } from './seed-facts.ts';

// The seed's facts are built by seed-facts.ts (kept built in data/generated/seed-facts.json).
export { ALIASES_FILE, buildSeedFacts, CLAIMS_FILE, seedFacts } from './seed-facts.ts';

export interface SeedOptions extends LoadOptions {
  /** Where a stale data/generated/seed-facts.json is reported (a warn line); stderr when not given. */
  log?: Pick<Logger, 'warn'>;
}

/**
 * Into an empty database (the first start) the seed is a bulk load (bulk-loader.ts: a few statements),
 * after the schema; into one that holds nodes, an idempotent merge (loader.ts).
 */
export async function seed(executor: Executor, options: SeedOptions = {}): Promise<LoadSummary> {
  // The facts are read (tens of ms of JSON) while Neo4j counts the nodes, not after.
  const counting = isEmptyDatabase(executor);
  counting.catch(() => {}); // awaited below; a failure of the reading first must not leave it unhandled
  const { doc: facts, searchOf } = readSeedFacts(undefined, options.log);
  const empty = await counting;
  // A store that holds nodes is migrated (key-migration.ts) and given its schema before the merge.
  if (!empty) await prepareStore(executor);
  const missing = await missingReferences(executor, facts);
  if (missing.length)
    throw new Error(`The seed data refers to nodes it does not define: ${missing.join(', ')}`);
  if (!empty) return loadFacts(executor, facts, options);
  // An empty store has nothing to migrate. Its schema comes first, in one transaction: over no nodes
  // every index is built at once, where building them after the load cost seconds (docs/benchmarks.md);
  // the constraints then check each node as it is created, which costs the load of 736 nodes nothing
  // measurable, and give the claims' MATCH on key an index.
  // Its indexes populate while the load runs; the load's end waits for them, once.
  await applySchema(executor, { emptyStore: true, wait: false });
  const summary = await bulkLoadFacts(executor, facts, { ...options, searchOf });
  await awaitIndexes(executor);
  return summary;
}

/** True when the database holds no node at all (the only store `npm start` seeds). */
export async function isEmpty(executor: Executor): Promise<boolean> {
  // Any node at all: a store holding only what a user imported (no zones) is theirs, not empty, and
  // the seed would overwrite their names and add its evidence.
  const rows = await executor.read('MATCH (n) RETURN 1 AS one LIMIT 1');
  return rows.length === 0;
}
