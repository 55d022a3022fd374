/**
 * A Neo4j of this file's own (local, Maven-run), so that it can be stopped, killed and restarted while
 * the app runs: readiness and fail-fast during an outage, recovery without a restart of the app, and
 * acknowledged curation surviving `kill -9` of Neo4j.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import { applySchema } from '../../src/neo4j/cypher-files.ts';
import { Executor } from '../../src/neo4j/executor.ts';
import { freeLoopbackPort, type LocalNeo4j, startLocalNeo4j } from '../../src/neo4j/local-neo4j.ts';
import { schema } from '../../src/schema/index.ts';
import { TEST_NEO4J_HEAP, TEST_NEO4J_PAGE_CACHE } from '../support/neo4j.ts';

const EDITOR = 'editor-key-for-outage-tests-01';
const log = createLogger('silent');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-outage-'));
let port: number;
let neo4j: LocalNeo4j;
let executor: Executor;
let app: ReturnType<typeof createApp>;

const start = () =>
  startLocalNeo4j({
    dataDir,
    heap: TEST_NEO4J_HEAP,
    pageCache: TEST_NEO4J_PAGE_CACHE,
    startupTimeoutMs: 180_000,
    log,
    port,
    javaHome: loadConfig().neo4j.javaHome,
    environment: process.env,
  });

async function gql(query: string) {
  const response = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as {
    data?: any;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

beforeAll(async () => {
  port = await freeLoopbackPort();
  neo4j = await start();
  executor = new Executor({
    uri: neo4j.uri,
    user: 'neo4j',
    password: undefined,
    database: 'neo4j',
    // A hang guard, not a bound under test: a JVM that has just started on a busy machine may take
    // more than 10 s over a write.
    queryTimeoutMs: 60_000,
  });
  await applySchema(executor);
  await executor.write(
    "MERGE (s:Source {key: 'outage-test-source'}) SET s.name = 'test source' MERGE (z:Zone {key: 'outage-test-zone'}) SET z.name = 'Test zone'",
  );
  app = createApp({ schema, executor, log, apiKeys: [{ scope: 'editor', key: EDITOR }] });
}, 240_000);

afterAll(async () => {
  await executor?.close();
  await neo4j?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a Neo4j outage', () => {
  it('answers 503 on /readyz and fails requests fast while Neo4j is down, and recovers without a restart', async () => {
    expect((await gql('{ zone(key: "outage-test-zone") { name } }')).data.zone.name).toBe('Test zone');
    await neo4j.stop();

    expect((await app.fetch('http://yoga/readyz')).status).toBe(503);
    expect((await app.fetch('http://yoga/healthz')).status).toBe(200);
    const started = Date.now();
    const down = await gql('{ zone(key: "outage-test-zone") { name } }');
    expect(down.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    // Not the driver's 30 s retry budget (a generous bound: these machines are shared).
    expect(Date.now() - started).toBeLessThan(10_000);

    neo4j = await start();
    // The first request after Neo4j is back succeeds, within a few seconds, with the same app.
    const deadline = Date.now() + 15_000;
    let up = await gql('{ zone(key: "outage-test-zone") { name } }');
    while (up.errors && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      up = await gql('{ zone(key: "outage-test-zone") { name } }');
    }
    expect(up.data?.zone?.name).toBe('Test zone');
    // Readiness is probed with a short timeout of its own: on a busy machine one probe may miss.
    await expect.poll(async () => (await app.fetch('http://yoga/readyz')).status).toBe(200);
  }, 240_000);
});

describe('durability', () => {
  it('keeps every acknowledged mutation through kill -9 of Neo4j', async () => {
    const n = 20;
    for (let i = 0; i < n; i++) {
      const result =
        await gql(`mutation { createTechnology(input: { key: "durable-test-${i}", name: "Durable ${i}",
        evidence: [{ source: "outage-test-source", quote: "q" }] }) { __typename } }`);
      expect(result.data?.createTechnology?.__typename).toBe('MutationCreateTechnologySuccess');
    }
    process.kill(neo4j.pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 1000));
    await neo4j.stop(); // clears the pid file; the process is already gone
    neo4j = await start();

    const rows = await executor.read(
      "MATCH (t:Technology) WHERE t.key STARTS WITH 'durable-test-' RETURN count(t) AS n",
    );
    expect(rows[0]?.n).toBe(n);
    // Retrying after an unknown outcome creates no duplicate: the same create now reports the key as taken.
    const again = await gql(`mutation { createTechnology(input: { key: "durable-test-0", name: "Durable 0",
      evidence: [{ source: "outage-test-source" }] }) { __typename } }`);
    expect(again.data?.createTechnology?.__typename).toBe('DuplicateKeyError');
  }, 240_000);
});
