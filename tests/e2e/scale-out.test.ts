/**
 * Several stateless instances behind a load balancer, on one Neo4j (issue 12, "Scale beyond one
 * machine"): two real server processes on the shared test Neo4j, the second through a routing URI
 * (neo4j://). A client writes through one and, sending back the Neo4j-Bookmark header it got, reads its
 * write through the other.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { uniqueKey } from '../support/neo4j.ts';
import { type ServerProcess, startServer, waitForReady } from '../support/server-process.ts';
import { sharedNeo4j } from '../support/shared-neo4j.ts';

const EDITOR = 'editor-key-for-scale-out-tests-01';
const servers: ServerProcess[] = [];
let a: ServerProcess;
let b: ServerProcess;

afterAll(async () => {
  for (const server of servers) {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
    await server.exited;
    rmSync(server.dataDir, { recursive: true, force: true });
  }
});

beforeAll(async () => {
  const neo4j = sharedNeo4j();
  const shared = {
    NEO4J_PROVIDER: 'uri',
    NEO4J_USER: neo4j.user,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_DATABASE: neo4j.database,
    SEED_ON_START: 'false',
    API_KEYS: `editor:${EDITOR}`,
    // Instances behind one load balancer sign their bookmarks with one secret.
    BOOKMARK_SECRET: 'bookmark-secret-for-scale-out-tests',
  };
  a = await startServer({ ...shared, NEO4J_URI: neo4j.uri });
  // The same server through the routing scheme a cluster (or Aura's neo4j+s://) is reached with.
  b = await startServer({ ...shared, NEO4J_URI: neo4j.uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:') });
  servers.push(a, b);
  await Promise.all([waitForReady(a), waitForReady(b)]);
}, 240_000);

async function post(server: ServerProcess, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${EDITOR}`,
      ...headers,
    },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    bookmark: response.headers.get('neo4j-bookmark'),
    body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: any }[] },
  };
}

const anySource = async (server: ServerProcess) =>
  (await post(server, '{ sources(first: 1) { edges { node { key } } } }')).body.data.sources.edges[0].node
    .key;

describe('two instances on one Neo4j', () => {
  it('accepts routing and TLS URIs (neo4j+s://, bolt+ssc://) in the configuration', () => {
    for (const uri of ['neo4j+s://abcd1234.databases.neo4j.io', 'neo4j://a:7687', 'bolt+ssc://b:7687'])
      expect(loadConfig({ NEO4J_URI: uri, NEO4J_PROVIDER: 'uri' }, '/').neo4j.uri).toBe(uri);
  });

  it('returns a bookmark after a write, and the other instance reads the write after it', async () => {
    const key = uniqueKey('scale-out');
    const source = await anySource(a);
    const created = await post(
      a,
      `mutation { createTechnology(input: { key: "${key}", name: "Scale-out ${key}",
        evidence: [{ source: "${source}", quote: "q" }] }) { __typename } }`,
    );
    expect(created.body.data?.createTechnology?.__typename).toBe('MutationCreateTechnologySuccess');
    expect(created.bookmark).toMatch(/\S/);

    const read = await post(b, `{ technology(key: "${key}") { name } }`, {
      'neo4j-bookmark': created.bookmark as string,
    });
    expect(read.status).toBe(200);
    expect(read.body.data?.technology?.name).toBe(`Scale-out ${key}`);

    // And back: an update through B, read through A after B's bookmark.
    const updated = await post(
      b,
      `mutation { updateTechnology(key: "${key}", input: { name: "Renamed ${key}" }) { __typename } }`,
      { 'neo4j-bookmark': created.bookmark as string },
    );
    expect(updated.body.errors).toBeUndefined();
    expect(updated.bookmark).toMatch(/\S/);
    expect(updated.bookmark).not.toBe(created.bookmark);
    const again = await post(a, `{ technology(key: "${key}") { name } }`, {
      'neo4j-bookmark': updated.bookmark as string,
    });
    expect(again.body.data?.technology?.name).toBe(`Renamed ${key}`);
  });

  it('refuses, at once, a bookmark no instance of the deployment signed: a forged one would make Neo4j wait', async () => {
    // Well-formed Neo4j bookmarks, the first of a transaction far in the future; and a real one re-signed.
    for (const forged of [
      'FB:kcwQAAAAAAAAAAAAAAAAAAAAAAAAkA==',
      'neo4j:bookmark:v1:tx99999999',
      'FB:abc~forgedsignature00000',
    ]) {
      const read = await post(b, '{ stats { nodesByLabel { name count } } }', { 'neo4j-bookmark': forged });
      expect(read.status).toBe(400);
      expect(read.body.errors?.[0]?.message).toMatch(/BOOKMARK_SECRET/);
    }
  });

  it('sends no bookmark after a read, and refuses a malformed one with 400 before running anything', async () => {
    const read = await post(a, '{ __typename }');
    expect(read.status).toBe(200);
    expect(read.bookmark).toBeNull();

    for (const bad of ['not a bookmark!', Array.from({ length: 40 }, (_, i) => `FB:${i}`).join(',')]) {
      const refused = await post(b, '{ stats { nodesByLabel { name count } } }', { 'neo4j-bookmark': bad });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.message).toMatch(/Neo4j-Bookmark/);
    }
  });
});
