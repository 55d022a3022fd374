/**
 * The order test files start in. Vitest orders by the durations it cached in an earlier run, and
 * without that cache (a clean clone, as in CI) by file size, which started the slowest files (each
 * with JVMs of its own) late: one of them then ran on alone at the end while the other worker idled.
 *
 * Unit and graph files run in one group on two workers (vitest.config.ts), in three tiers:
 * 1. the graph files with a Neo4j of their own (OWN_NEO4J_FILES), slowest first: they need nothing
 *    else, so they start at once, beside the shared Neo4j's start and seeding;
 * 2. the unit files, which need no Neo4j either;
 * 3. the graph files on the shared Neo4j, slowest first (by then it is ready: none waits for it).
 * Within a tier, the files known to be slow go first, slowest first; the rest keep Vitest's order.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { usesSharedNeo4j } from './own-neo4j-files.ts';

/**
 * Slowest first, as measured on a 2-core machine (`npx vitest run --reporter=json`); a file that
 * becomes slow belongs here, one that becomes fast may leave.
 */
export const SLOW_FILES = [
  // Own Neo4j JVMs: six starts (freezes, kills, restarts).
  'tests/e2e/attacks/faults.test.ts',
  // Its own Neo4j, two imports of the seed and a round trip of the whole graph.
  'tests/integration/bulk-import.test.ts',
  // Chromium and a server process.
  'tests/e2e/explorer.test.ts',
  'tests/e2e/bench.test.ts',
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

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const relative = (spec: TestSpecification) =>
      path.relative(root, spec.moduleId).split(path.sep).join('/');
    const tier = (spec: TestSpecification) => {
      if (spec.project.name === 'unit') return 1;
      return usesSharedNeo4j(relative(spec)) ? 2 : 0;
    };
    const rank = (spec: TestSpecification) => {
      const at = SLOW_FILES.indexOf(relative(spec));
      return at < 0 ? SLOW_FILES.length : at;
    };
    // Array.prototype.sort is stable: within a rank, Vitest's own order stays.
    return sorted.sort((a, b) => tier(a) - tier(b) || rank(a) - rank(b));
  }
}
