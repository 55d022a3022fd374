/**
 * The order test files start in. Vitest orders by the durations it cached in an earlier run, and
 * without that cache (a clean clone, as in CI) by file size, which started the slowest files (each
 * with JVMs of its own) late: one of them then ran on alone at the end while the other worker idled.
 * Here the files known to be slow go first, slowest first; the rest keep Vitest's order.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Slowest first, as measured on a 2-core machine (`npx vitest run --reporter=json`); a file that
 * becomes slow belongs here, one that becomes fast may leave.
 */
export const SLOW_FILES = [
  'tests/e2e/attacks/faults.test.ts',
  'tests/e2e/explorer.test.ts',
  'tests/e2e/server-process.test.ts',
  // Its own Neo4j, two imports of the seed and a round trip of the whole graph.
  'tests/integration/bulk-import.test.ts',
  'tests/integration/import-export.test.ts',
  'tests/e2e/bench.test.ts',
  'tests/e2e/outage-and-durability.test.ts',
  'tests/integration/attacks/analyst-cypher.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = (spec: TestSpecification) => {
      const at = SLOW_FILES.indexOf(path.relative(root, spec.moduleId).split(path.sep).join('/'));
      return at < 0 ? SLOW_FILES.length : at;
    };
    const group = (spec: TestSpecification) => spec.project.config.sequence.groupOrder;
    // Array.prototype.sort is stable: within a rank, Vitest's own order stays.
    return sorted.sort((a, b) => group(a) - group(b) || rank(a) - rank(b));
  }
}
