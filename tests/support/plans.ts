/** The plan Neo4j makes for a statement a test saw run (executor.onStatement), to check what it scans. */
import neo4j from 'neo4j-driver';
import type { Executor, StatementEvent } from '../../src/neo4j/executor.ts';

/** The operators of the plan for the statement (EXPLAIN: planned, not run), without their `@db` suffix. */
export async function planOperators(executor: Executor, event: StatementEvent): Promise<string[]> {
  // The executor passed whole numbers as Neo4j integers; JSON turned them back into JavaScript numbers.
  const params = JSON.parse(JSON.stringify(event.params), (_k, v) =>
    typeof v === 'number' && Number.isSafeInteger(v) ? neo4j.int(v) : v,
  );
  const session = executor.driver.session({ database: executor.database });
  try {
    const result = await session.run(`EXPLAIN ${event.query}`, params);
    const operators: string[] = [];
    const walk = (plan: { operatorType: string; children: unknown[] }) => {
      operators.push(plan.operatorType.replace(/@.*$/, ''));
      for (const child of plan.children) walk(child as typeof plan);
    };
    walk(result.summary.plan as never);
    return operators;
  } finally {
    await session.close();
  }
}
