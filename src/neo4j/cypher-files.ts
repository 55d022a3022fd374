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

/**
 * Creates constraints and indexes (IF NOT EXISTS, so it is safe at every start) and waits for them.
 * One transaction each: in one transaction for all, the commit builds every index at once and overran
 * the 15 s transaction timeout of a first start on a busy machine.
 */
export async function applySchema(executor: Executor): Promise<void> {
  for (const statement of schemaStatements()) await executor.write(statement);
  await executor.write('CALL db.awaitIndexes(300)');
}
