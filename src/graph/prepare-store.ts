/**
 * What every start does to a store before serving it: the migrations (key-migration.ts), then the
 * constraints and indexes (cypher/schema). Both are idempotent.
 */
import { applySchema } from '../neo4j/cypher-files.ts';
import type { Executor } from '../neo4j/executor.ts';
import { type KeyMigration, migrateEntityKeys } from './key-migration.ts';

export async function prepareStore(executor: Executor): Promise<KeyMigration> {
  const migration = await migrateEntityKeys(executor);
  await applySchema(executor);
  return migration;
}
