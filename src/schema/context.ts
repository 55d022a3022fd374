/** What every resolver receives: the executor (the only way to Neo4j) and a request-scoped logger. */
import type { Logger } from '../logger.ts';
import type { Executor } from '../neo4j/executor.ts';

export interface Context {
  executor: Executor;
  log: Logger;
}
