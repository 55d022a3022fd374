/**
 * Every fact the source document states, one assertion each, grouped by the paragraph it comes from
 * (the cases and their conventions: source-coverage.cases.ts). Runs against the seeded graph.
 */
import { describe, expect, it } from 'vitest';
import { useExecutor } from '../support/neo4j.ts';
import { coverage } from './source-coverage.cases.ts';

const executor = useExecutor();

describe('the source document, paragraph by paragraph', () => {
  it('states at least 80 facts, among them every paragraph with content', () => {
    expect(coverage.flatMap((c) => c.facts).length).toBeGreaterThanOrEqual(80);
  });

  for (const { paragraph, topic, facts } of coverage) {
    describe(`paragraph ${paragraph}: ${topic}`, () => {
      for (const fact of facts) {
        it(fact.says, async () => {
          const rows = await executor.read(fact.cypher, fact.params ?? {});
          expect(rows, 'the query must return exactly one row').toHaveLength(1);
          expect(rows[0]?.value).toEqual(fact.expect);
        });
      }
    });
  }
});
