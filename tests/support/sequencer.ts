/**
 * The order test files start in (file-order.ts says which and why). Vitest orders by the durations it
 * cached in an earlier run, and without that cache (a clean clone, as in CI) by file size, which
 * started the slowest files (each with JVMs of its own) late: one of them then ran on alone at the end
 * while the other worker idled.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { startOrder } from './file-order.ts';

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const order = new Map(sorted.map((spec) => [spec, startOrder(spec.moduleId, spec.project.name)]));
    // Array.prototype.sort is stable: within a rank, Vitest's own order stays.
    return sorted.sort((a, b) => {
      const [tierA, rankA] = order.get(a) ?? [0, 0];
      const [tierB, rankB] = order.get(b) ?? [0, 0];
      return tierA - tierB || rankA - rankB;
    });
  }
}
