/**
 * The seed: the graph schema, the curated graph of the source document and the reference tables,
 * loaded idempotently. The reference tables come first so that their names and properties win where
 * both describe the same node (see merge-facts.ts).
 */

import { applySchema } from '../neo4j/cypher-files.ts';
import type { Executor } from '../neo4j/executor.ts';
import { readCuratedFacts } from './curated.ts';
import type { FactDocument } from './facts.ts';
import { type LoadOptions, type LoadSummary, loadFacts, missingReferences } from './loader.ts';
import { mergeFactDocuments } from './merge-facts.ts';
import { readReferenceTables } from './reference-tables.ts';

export function seedFacts(): FactDocument {
  return mergeFactDocuments(readReferenceTables(), readCuratedFacts());
}

export async function seed(executor: Executor, options: LoadOptions = {}): Promise<LoadSummary> {
  await applySchema(executor);
  const facts = seedFacts();
  const missing = await missingReferences(executor, facts);
  if (missing.length)
    throw new Error(`The seed data refers to nodes it does not define: ${missing.join(', ')}`);
  return loadFacts(executor, facts, options);
}

/** True when the database holds no node of ours yet. */
export async function isEmpty(executor: Executor): Promise<boolean> {
  const [row] = await executor.read('MATCH (n:Zone) RETURN count(n) AS zones');
  return Number(row?.zones ?? 0) === 0;
}
