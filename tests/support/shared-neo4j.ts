/**
 * The graph tests' one Neo4j, announced through a file. The global setup starts obtaining and seeding
 * it without waiting, so that the unit files run meanwhile (a local Neo4j takes seconds of both cores
 * to start, and seeding it more); when it is ready, or could not be had, the setup writes the outcome
 * to the file that `inject('sharedNeo4jFile')` names. Each graph file waits for that outcome before it
 * is loaded (await-shared-neo4j.ts), and a failure fails it with the message that says how to get one.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { inject } from 'vitest';

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string | undefined;
  database: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the global setup writes the shared Neo4j's connection, or why there is none. */
    sharedNeo4jFile: string;
  }
}

type Outcome = { connection: Neo4jConnection } | { error: string };

/** Writes the outcome all at once (a reader never sees half a file). */
export function announce(file: string, outcome: Outcome): void {
  writeFileSync(`${file}.part`, JSON.stringify(outcome));
  renameSync(`${file}.part`, file);
}

function outcomeIn(file: string): Outcome | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Outcome) : undefined;
}

/**
 * Waits until the setup has announced the shared Neo4j; throws its error when it could not be had.
 * The bound only guards against a setup that died: the first run downloads Neo4j with Maven.
 */
export async function awaitSharedNeo4j(file: string, timeoutMs = 30 * 60_000): Promise<Neo4jConnection> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = outcomeIn(file);
    if (outcome) {
      if ('error' in outcome) throw new Error(outcome.error);
      return outcome.connection;
    }
    if (Date.now() > deadline)
      throw new Error(`The shared test Neo4j was not announced in ${file} within ${timeoutMs / 60_000} min.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The shared, seeded Neo4j of the graph tests (announced before any graph file is loaded). */
export function sharedNeo4j(): Neo4jConnection {
  const file = inject('sharedNeo4jFile');
  const outcome = outcomeIn(file);
  if (!outcome) throw new Error(`The shared test Neo4j is not ready yet (${file}): is this a graph test?`);
  if ('error' in outcome) throw new Error(outcome.error);
  return outcome.connection;
}
