/**
 * Named Cypher lives in cypher/ as files: cypher/schema/*.cypher (applied in file order) and
 * cypher/queries/<name>.cypher (one parameterised statement per file, loaded by named-queries.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../project-root.ts';
import type { Executor } from './executor.ts';

export const CYPHER_DIR = fromRoot('cypher');

/** Splits a file into statements: `;` at the end of a line ends one; `//` comment lines are dropped. */
export function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function schemaStatements(): string[] {
  const dir = path.join(CYPHER_DIR, 'schema');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .flatMap((f) => splitStatements(readFileSync(path.join(dir, f), 'utf8')));
}

/** The name a schema statement creates: `CREATE [FULLTEXT] INDEX|CONSTRAINT <name> IF NOT EXISTS …`. */
export function schemaName(statement: string): string {
  const match = /^CREATE\s+(?:CONSTRAINT|(?:\w+\s+)?INDEX)\s+(\w+)\s+IF\s+NOT\s+EXISTS\b/i.exec(statement);
  if (!match?.[1])
    throw new Error(`cypher/schema: a statement without a name and IF NOT EXISTS: ${statement}`);
  return match[1];
}

export interface SchemaOptions {
  /**
   * The store holds no node yet: every statement in one transaction, without reading what exists
   * first (IF NOT EXISTS skips what a store kept; over no nodes every index is built at once). Over a
   * loaded store each missing one has its own: there a constraint's commit checks every node, and all
   * in one overran the 15 s transaction timeout when busy.
   */
  emptyStore?: boolean;
  /** Wait for the new indexes to be online (default); false: the caller does, later (awaitIndexes). */
  wait?: boolean;
}

/** Waits until every index is online (populated). */
export async function awaitIndexes(executor: Executor): Promise<void> {
  await executor.write('CALL db.awaitIndexes(300)');
}

/**
 * Creates the constraints and indexes the store lacks, by name, and waits for them; a store that has
 * them all, online (every start after the first), costs two reads. IF NOT EXISTS stays: another
 * process may create one meanwhile.
 */
export async function applySchema(executor: Executor, options: SchemaOptions = {}): Promise<void> {
  if (options.emptyStore) {
    await executor.writeTx(async (tx) => {
      for (const statement of schemaStatements()) await tx.run(statement);
    });
    if (options.wait !== false) await awaitIndexes(executor);
    return;
  }
  const indexes = await executor.read('SHOW INDEXES YIELD name, state RETURN name, state');
  const constraints = await executor.read('SHOW CONSTRAINTS YIELD name RETURN name');
  const existing = new Set([...indexes, ...constraints].map((row) => String(row.name)));
  const missing = schemaStatements().filter((statement) => !existing.has(schemaName(statement)));
  for (const statement of missing) await executor.write(statement);
  if (options.wait !== false && (missing.length || indexes.some((row) => row.state !== 'ONLINE')))
    await awaitIndexes(executor);
}
