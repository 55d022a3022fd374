/**
 * A local Neo4j of its own on one store, with an executor on it, for work that must not touch a
 * server's database: `npm run seed:build` (seeded-store-build.ts), `npm run bench:seed`, and tests.
 * The caller stops both.
 */
import { Executor } from './executor.ts';
import { type LocalNeo4j, type LocalNeo4jOptions, startLocalNeo4j } from './local-neo4j.ts';

export type ScratchNeo4jOptions = Pick<
  LocalNeo4jOptions,
  'dataDir' | 'heap' | 'pageCache' | 'startupTimeoutMs' | 'log' | 'javaHome' | 'environment' | 'classDataDir'
> & { queryTimeoutMs: number };

export async function startScratchNeo4j(
  options: ScratchNeo4jOptions,
): Promise<{ server: LocalNeo4j; executor: Executor }> {
  const { queryTimeoutMs, ...local } = options;
  const server = await startLocalNeo4j(local);
  // The local server runs without authentication (local-neo4j.ts), on its default database.
  const executor = new Executor({
    uri: server.uri,
    user: 'neo4j',
    password: undefined,
    database: 'neo4j',
    queryTimeoutMs,
  });
  return { server, executor };
}
