/**
 * The API on a real port for the client tests: the app the server runs (createApp over the shared,
 * seeded Neo4j), listening on loopback, so that clients talk HTTP to it as they would in a browser.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import { schema } from '../../src/schema/index.ts';
import { useExecutor } from '../support/neo4j.ts';

/** The URL of the GraphQL endpoint, set once the server listens (use it inside tests and hooks). */
export function useServer(): { url: string } {
  const executor = useExecutor();
  const endpoint = { url: '' };
  const server = createServer(createApp({ schema, executor, log: createLogger('silent') }));
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return endpoint;
}

/** The keys of the edges' nodes of a connection, in order. */
export const keys = (connection: { edges: readonly { node: { key: string } | null }[] }) =>
  connection.edges.map((e) => e.node?.key);
