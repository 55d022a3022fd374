/** Starts the @neo4j/graphql peer (peer-server.ts) as a child process on the bench Neo4j. */
import { fileURLToPath } from 'node:url';
import type { ProvisionedNeo4j } from '../../src/neo4j/provision.ts';
import { type ServerProcess, spawnServer } from './server-process.ts';

const SERVER = fileURLToPath(new URL('./peer-server.ts', import.meta.url));

export function startPeerServer(neo4j: ProvisionedNeo4j): Promise<ServerProcess> {
  return spawnServer({
    name: 'peer',
    args: ['--import', 'tsx', SERVER],
    env: {
      NODE_ENV: 'production',
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      ...(neo4j.password === undefined ? {} : { NEO4J_PASSWORD: neo4j.password }),
      NEO4J_DATABASE: neo4j.database,
    },
    readyPath: '/readyz',
  });
}
