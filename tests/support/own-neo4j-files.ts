/**
 * The graph files that start a Neo4j of their own and never use the shared one: they are not held
 * back until it is ready (await-shared-neo4j.ts), and start first (sequencer.ts), beside the shared
 * one's start and seeding. A file listed here that calls sharedNeo4j() fails with "not ready yet".
 * (No import of vitest here: the sequencer loads this module with the configuration.)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const OWN_NEO4J_FILES = [
  'tests/e2e/attacks/faults.test.ts',
  'tests/e2e/bench.test.ts',
  'tests/e2e/local-neo4j-start.test.ts',
  'tests/e2e/outage-and-durability.test.ts',
  'tests/integration/seed.test.ts',
];

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Whether the test file at `file` (absolute, or relative to the repository) uses the shared Neo4j. */
export function usesSharedNeo4j(file: string): boolean {
  const relative = path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');
  return !OWN_NEO4J_FILES.includes(relative);
}
