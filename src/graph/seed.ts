/**
 * The seed: the graph schema, the curated graph of the source document and the reference tables,
 * loaded idempotently. The reference tables come first so that their names and properties win where
 * both describe the same node (see merge-facts.ts).
 */

import type { Executor } from '../neo4j/executor.ts';
import { fromRoot } from '../project-root.ts';
import { bulkLoadFacts, isEmptyDatabase } from './bulk-loader.ts';
import { applyHeadlines } from './claims.ts';
import { applyClaims, readClaims } from './claims-file.ts';
import { readCuratedFacts } from './curated.ts';
import { uniqueKeys } from './entity-keys.ts';
import type { FactDocument } from './facts.ts';
import { type LoadOptions, type LoadSummary, loadFacts, missingReferences } from './loader.ts';
import { mergeFactDocuments } from './merge-facts.ts';
import { prepareStore } from './prepare-store.ts';
import { applyAliases, readAliases } from './reference/aliases.ts';
import { markSupport } from './reference/support.ts';
import { readReferenceTables, webSourceKey } from './reference-tables.ts';

export const CLAIMS_FILE = fromRoot('data', 'reference', 'claims.json');
export const ALIASES_FILE = fromRoot('data', 'reference', 'aliases.json');

/** The curated graph and the reference tables, merged, with the aliases of data/reference/aliases.json. */
export function seedFacts(): FactDocument {
  const merged = mergeFactDocuments(readReferenceTables(), readCuratedFacts());
  const aliased = markSupport(applyAliases(merged, readAliases(ALIASES_FILE), webSourceKey));
  const claimed = applyHeadlines(applyClaims(aliased, readClaims(CLAIMS_FILE), webSourceKey));
  // Keys are made unique across labels here, once, whatever the tables derive (entity-keys.ts).
  return uniqueKeys(claimed).doc;
}

/**
 * Into an empty database (the first start) the seed is a bulk load (bulk-loader.ts: three statements,
 * the schema after); into one that holds nodes, an idempotent merge (loader.ts).
 */
export async function seed(executor: Executor, options: LoadOptions = {}): Promise<LoadSummary> {
  const facts = seedFacts();
  const empty = await isEmptyDatabase(executor);
  // A store that holds nodes is migrated (key-migration.ts) and given its schema before the merge.
  if (!empty) await prepareStore(executor);
  const missing = await missingReferences(executor, facts);
  if (missing.length)
    throw new Error(`The seed data refers to nodes it does not define: ${missing.join(', ')}`);
  if (!empty) return loadFacts(executor, facts, options);
  const summary = await bulkLoadFacts(executor, facts, options);
  await prepareStore(executor);
  return summary;
}

/** True when the database holds no node of ours yet. */
export async function isEmpty(executor: Executor): Promise<boolean> {
  const [row] = await executor.read('MATCH (n:Zone) RETURN count(n) AS zones');
  return Number(row?.zones ?? 0) === 0;
}
