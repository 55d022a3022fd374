/**
 * Our server as users run it: `node scripts/start.mjs` (what `npm start` runs: build the bundle, run
 * it), given the bench
 * Neo4j through NEO4J_URI, so its cold start includes loading the schema modules, connecting and
 * applying the graph schema. It finds the graph non-empty and does not seed.
 */
import { fileURLToPath } from 'node:url';
import type { ProvisionedNeo4j } from '../../src/neo4j/provision.ts';
import { type ServerProcess, spawnServer } from './server-process.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function startOurServer(
  neo4j: ProvisionedNeo4j,
  extraNodeArgs: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<ServerProcess> {
  return spawnServer({
    name: 'ours',
    args: [...extraNodeArgs, `${ROOT}scripts/start.mjs`],
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      NEO4J_PROVIDER: 'uri',
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      ...(neo4j.password === undefined ? {} : { NEO4J_PASSWORD: neo4j.password }),
      NEO4J_DATABASE: neo4j.database,
      // Not used with NEO4J_URI; points away from the project's .data all the same.
      DATA_DIR: `${ROOT}bench/results/.unused-data-dir`,
      ...extraEnv,
    },
    readyPath: '/readyz',
  });
}
