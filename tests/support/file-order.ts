/**
 * Which test files need the shared Neo4j, and the order files start in (sequencer.ts). No import of
 * vitest here: the sequencer loads this module with the configuration.
 *
 * Unit and graph files run in one group on two workers (vitest.config.ts), in three tiers:
 * 1. the graph files with a Neo4j of their own (OWN_NEO4J_FILES): they need nothing else, so they start
 *    at once, beside the shared Neo4j's start and seeding, and are not held back until it is ready
 *    (await-shared-neo4j.ts);
 * 2. the unit files, which need no Neo4j either;
 * 3. the graph files on the shared Neo4j (by then it is ready: none waits for it).
 * Within a tier the files known to be slow go first, slowest first, so that none ends the run alone;
 * the rest keep Vitest's order.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The graph files that start a Neo4j of their own and never use the shared one. A file listed here
 * that calls sharedNeo4j() fails with "not ready yet" (tests/unit/file-order.test.ts checks the list).
 */
export const OWN_NEO4J_FILES = [
  'tests/e2e/attacks/faults.test.ts',
  'tests/e2e/bench.test.ts',
  'tests/e2e/local-neo4j-start.test.ts',
  'tests/e2e/outage-and-durability.test.ts',
  'tests/integration/seed.test.ts',
  'tests/integration/seeded-store.test.ts',
];

/**
 * Slowest first, as measured on a 2-core machine (`npx vitest run --reporter=json`); a file that
 * becomes slow belongs here, one that becomes fast may leave.
 */
export const SLOW_FILES = [
  // Six JVM starts of its own (freezes, kills, restarts).
  'tests/e2e/attacks/faults.test.ts',
  // Its own Neo4j, two imports of the seed, the offline importer and a round trip of the whole graph.
  'tests/integration/bulk-import.test.ts',
  // Chromium and a server process.
  'tests/e2e/explorer.test.ts',
  'tests/e2e/bench.test.ts',
  // Two JVM starts of its own, one after the other (the shipped store; a stale one seeded).
  'tests/integration/seeded-store.test.ts',
  // Five JVM starts, two of them recording a class-data archive.
  'tests/e2e/local-neo4j-start.test.ts',
  'tests/e2e/server-process.test.ts',
  'tests/integration/import-export.test.ts',
  'tests/integration/attacks/analyst-cypher.test.ts',
  'tests/integration/api/lists.test.ts',
  'tests/integration/seed.test.ts',
  'tests/integration/analyst.test.ts',
  'tests/integration/api/search.test.ts',
  'tests/integration/api/search-relevance.test.ts',
  'tests/e2e/outage-and-durability.test.ts',
];

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function fromRoot(file: string): string {
  return path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');
}

/** Whether the test file at `file` (absolute, or relative to the repository) uses the shared Neo4j. */
export function usesSharedNeo4j(file: string): boolean {
  return !OWN_NEO4J_FILES.includes(fromRoot(file));
}

/** The file's place in the start order: its tier, then its rank among the slow files (lower first). */
export function startOrder(file: string, project: string): [tier: number, rank: number] {
  const tier = project === 'unit' ? 1 : usesSharedNeo4j(file) ? 2 : 0;
  const at = SLOW_FILES.indexOf(fromRoot(file));
  return [tier, at < 0 ? SLOW_FILES.length : at];
}
