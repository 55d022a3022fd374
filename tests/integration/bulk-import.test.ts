import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FactDocument, factDocumentSchema } from '../../src/graph/facts.ts';
import { seedFacts } from '../../src/graph/seed.ts';
import { applySchema } from '../../src/neo4j/cypher-files.ts';
import type { Executor } from '../../src/neo4j/executor.ts';
import type { LocalNeo4j } from '../../src/neo4j/local-neo4j.ts';
import { type CliRun, importSummary, runCli, runTool } from '../support/cli.ts';
import {
  startScratchNeo4j,
  TEST_NEO4J_HEAP,
  TEST_NEO4J_PAGE_CACHE,
  useEmptyNeo4j,
  useExecutor,
} from '../support/neo4j.ts';
import { ROOT } from '../support/server-process.ts';
import { stable } from '../support/stable-json.ts';

// The second, empty Neo4j the imports go into.
const second = useEmptyNeo4j('imports', 120_000);
const workDir = second.workDir;
// The offline path's own DATA_DIR (its store is DATA_DIR/neo4j).
const offlineDir = path.join(workDir, 'offline');

/**
 * A local Neo4j on the offline path's store. The first test reads the imported store through it and
 * leaves it running: the second needs a Neo4j running on that store, and stops it (one JVM start for
 * the two, not two).
 */
let offlineStore: { server: LocalNeo4j; executor: Executor } | undefined;
async function offlineStoreServer(): Promise<Executor> {
  offlineStore ??= await startScratchNeo4j(path.join(offlineDir, 'neo4j'), 120_000);
  return offlineStore.executor;
}
async function stopOfflineStoreServer(): Promise<void> {
  const running = offlineStore;
  offlineStore = undefined;
  await running?.executor.close();
  await running?.server.stop();
}
// Runs before useEmptyNeo4j's afterAll deletes the folders (after hooks run last registered first).
afterAll(stopOfflineStoreServer);

/** `npm run import -- <args>` on the Neo4j at `uri`. */
function importCommand(args: string[], uri: string): Promise<CliRun> {
  return runCli('import', args, uri);
}

/** `npm run import -- <args>` on the local Neo4j of `dataDir` (no NEO4J_URI: the offline path). */
function localImportCommand(args: string[], dataDir: string): Promise<CliRun> {
  return runTool('import', args, {
    NEO4J_PROVIDER: 'local',
    DATA_DIR: dataDir,
    NEO4J_HEAP: TEST_NEO4J_HEAP,
    NEO4J_PAGECACHE: TEST_NEO4J_PAGE_CACHE,
  });
}

/**
 * `localImportCommand`, sent `signal` as soon as its stderr matches `when` (the step it announces).
 * Only the command's own process gets it, as `kill` would send it (a Ctrl-C reaches its JVMs too).
 */
function interruptedImport(
  args: string[],
  dataDir: string,
  when: RegExp,
  signal: NodeJS.Signals,
): Promise<CliRun> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && !name.startsWith('NEO4J_') && name !== 'DATA_DIR') env[name] = value;
  Object.assign(env, {
    LOG_LEVEL: 'warn',
    NEO4J_PROVIDER: 'local',
    DATA_DIR: dataDir,
    NEO4J_HEAP: '384m',
    NEO4J_PAGECACHE: '64m',
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (!sent && when.test(stderr)) {
      sent = true;
      child.kill(signal);
    }
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The whole graph as sorted lines (each property with its Cypher type), and the schema's names. A
 * node's labels are listed in the order of their token ids, which depends on the store's history (which
 * label was first written), not on the graph: the domain label first, then Entity.
 */
async function snapshot(on: Executor) {
  const nodes = await on.read(
    'MATCH (n) RETURN [l IN labels(n) WHERE l <> "Entity"] + [l IN labels(n) WHERE l = "Entity"] AS labels, properties(n) AS props, [k IN keys(n) | k + ": " + valueType(n[k])] AS types',
  );
  const relationships = await on.read(
    `MATCH (a)-[r]->(b) RETURN type(r) AS type, [l IN labels(a) WHERE l <> 'Entity'][0] + ':' + a.key AS from,
     [l IN labels(b) WHERE l <> 'Entity'][0] + ':' + b.key AS to, properties(r) AS props, [k IN keys(r) | k + ": " + valueType(r[k])] AS types`,
  );
  const schema = await on.read(
    "SHOW INDEXES YIELD name, type, labelsOrTypes, properties WHERE type <> 'LOOKUP' RETURN name ORDER BY name",
  );
  // keys() lists properties in storage order, another artefact of the store's history.
  const line = (row: Record<string, unknown>) =>
    stable({ ...row, types: [...(row.types as string[])].sort() });
  return {
    nodes: nodes.map(line).sort(),
    relationships: relationships.map(line).sort(),
    schema: schema.map((r) => r.name),
  };
}

async function emptyIt(on: Executor): Promise<void> {
  await on.write('MATCH ()-[r]->() DELETE r');
  await on.write('MATCH (n) DELETE n');
}

describe('npm run import -- --bulk', () => {
  const file = path.join(workDir, 'seed.json');
  beforeAll(async () => {
    writeFileSync(file, JSON.stringify(seedFacts()));
    await emptyIt(second.executor);
  });

  // Two imports and two command starts, on a busy machine: more than the project's test timeout.
  it('makes the same graph as the online import of the same file', { timeout: 600_000 }, async () => {
    const on = second.executor;
    const bulk = await runCli('import', [file, '--bulk'], second.uri);
    expect(bulk.code, bulk.stderr).toBe(0);
    expect(bulk.stdout).toMatch(/relationships\/s \(bulk: batched CREATE over Bolt\)/);
    // Why not the offline importer, and how to get it.
    expect(bulk.stderr).toMatch(/not the offline importer: NEO4J_URI names a running server/);
    expect(bulk.stderr).toMatch(/unset NEO4J_URI and set NEO4J_PROVIDER=local/);
    const viaBulk = await snapshot(on);
    expect(viaBulk.nodes.length).toBeGreaterThan(600);
    expect(viaBulk.relationships.length).toBeGreaterThan(1500);

    await emptyIt(on);
    const online = await runCli('import', [file], second.uri);
    expect(online.code, online.stderr).toBe(0);
    const viaOnline = await snapshot(on);
    expect(viaBulk.nodes).toEqual(viaOnline.nodes);
    expect(viaBulk.relationships).toEqual(viaOnline.relationships);
    expect(viaBulk.schema).toEqual(viaOnline.schema);
    // The summaries agree too: everything created.
    const lines = (out: string) => out.split('\n').filter((l) => /^(nodes|evidence|relations) /.test(l));
    expect(lines(bulk.stdout)).toEqual(lines(online.stdout));

    // The offline importer, into a DATA_DIR of its own; a server started on that store reads it.
    const offline = await localImportCommand([file, '--bulk'], offlineDir);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toMatch(/\(bulk: offline importer, neo4j-admin database import full\)/);
    expect(offline.stdout).toMatch(
      /importer phase: \d+ relationships in [\d.]+ s = [\d,.]+ relationships\/s/,
    );
    expect(offline.stdout).toMatch(/whole command: [\d.]+ s/);
    expect(lines(offline.stdout)).toEqual(lines(online.stdout));
    const viaOffline = await snapshot(await offlineStoreServer());
    expect(viaOffline.nodes).toEqual(viaOnline.nodes);
    expect(viaOffline.relationships).toEqual(viaOnline.relationships);
    expect(viaOffline.schema).toEqual(viaOnline.schema);
  });

  it('offline: refuses a store a server runs on, and one that holds nodes unless --replace-store', {
    timeout: 600_000,
  }, async () => {
    // The previous test left the offline store full, and a Neo4j running on it (started here when
    // that test did not get so far). While this process serves it:
    await offlineStoreServer();
    let served: CliRun;
    try {
      served = await localImportCommand([file, '--bulk'], offlineDir);
    } finally {
      await stopOfflineStoreServer();
    }
    expect(served.code).toBe(1);
    expect(served.stderr).toMatch(/needs that database stopped, and a Neo4j runs on it now \(process \d+/);
    expect(served.stderr).toMatch(/Stop that process and run the import again/);
    // Stopped, but not empty:
    const full = await localImportCommand([file, '--bulk'], offlineDir);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(
      /--bulk loads into an empty database only, and the local store in .* holds \d+ nodes/,
    );
    expect(full.stderr).toMatch(/pass --replace-store/);
    // --replace-store only goes with the offline path.
    const remote = await importCommand([file, '--bulk', '--replace-store'], second.uri);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/--replace-store cannot be used here: NEO4J_URI names a running server/);
  });

  it('offline: an interrupted import says so and leaves the store as it was; the next one imports', {
    timeout: 900_000,
  }, async () => {
    const dataDir = path.join(workDir, 'interrupted');
    const store = path.join(dataDir, 'neo4j', 'data', 'databases', 'neo4j');
    const staging = path.join(dataDir, 'neo4j', 'import-staging');
    // While neo4j-admin writes the new store: no store before, none after.
    const during = await interruptedImport(
      [file, '--bulk'],
      dataDir,
      /^neo4j-admin database import full:/m,
      'SIGTERM',
    );
    expect(during.code, during.stderr).toBe(143);
    expect(during.stderr).toMatch(/--bulk was interrupted \(SIGTERM\) while neo4j-admin wrote the new store/);
    expect(during.stderr).toMatch(/is as it was \(none yet\); the partial new one was deleted/);
    expect(existsSync(store)).toBe(false);
    expect(existsSync(staging)).toBe(false);
    // While the server on the new store applies the schema and writes the claims: the same.
    const finishing = await interruptedImport(
      [file, '--bulk'],
      dataDir,
      /^starting the local Neo4j on the new store/m,
      'SIGINT',
    );
    expect(finishing.code, finishing.stderr).toBe(130);
    expect(finishing.stderr).toMatch(/--bulk was interrupted \(SIGINT\) while the new store got its schema/);
    expect(existsSync(store)).toBe(false);
    expect(existsSync(staging)).toBe(false);
    // Nothing is left that the next import would refuse.
    const next = await localImportCommand([file, '--bulk'], dataDir);
    expect(next.code, next.stderr).toBe(0);
    expect(existsSync(store)).toBe(true);
    expect(existsSync(staging)).toBe(false);
    // --replace-store, interrupted: the old store stays (it is replaced only by a complete new one).
    const replacing = await interruptedImport(
      [file, '--bulk', '--replace-store'],
      dataDir,
      /^neo4j-admin database import full:/m,
      'SIGTERM',
    );
    expect(replacing.code, replacing.stderr).toBe(143);
    expect(replacing.stderr).toMatch(/is as it was \(untouched\); the partial new one was deleted/);
    expect(existsSync(store)).toBe(true);
    expect(existsSync(staging)).toBe(false);
  });

  it('refuses a database that holds nodes, and writes nothing', async () => {
    // The shared, seeded Neo4j.
    const refused = await runCli('import', [file, '--bulk']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--bulk loads into an empty database only, and this one holds \d+ nodes/);
  });

  it('validates the file as the online import does: problems, exit 1, nothing written', async () => {
    const on = second.executor;
    await emptyIt(on);
    const bad = path.join(workDir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        nodes: [
          { label: 'Technology', key: 'bulk-tech', name: 'A technology', evidence: [{ source: 'nowhere' }] },
        ],
        relations: [],
      }),
    );
    const refused = await runCli('import', [bad, '--bulk'], second.uri);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nothing was written/);
    const [row] = await on.read('MATCH (n) RETURN count(n) AS n');
    expect(Number(row?.n)).toBe(0);
  });

  it('offline: validates the file first (against the empty store it goes into); no store is made', async () => {
    const bad = path.join(workDir, 'dangling.json');
    writeFileSync(
      bad,
      JSON.stringify({
        nodes: [
          { label: 'Technology', key: 'bulk-tech', name: 'A technology', evidence: [{ source: 'nowhere' }] },
        ],
        relations: [],
      }),
    );
    const fresh = path.join(workDir, 'never-made');
    const refused = await localImportCommand([bad, '--bulk'], fresh);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nowhere.*neither in the file nor in the database/);
    expect(refused.stderr).toMatch(/nothing was written/);
    expect(existsSync(path.join(fresh, 'neo4j', 'data', 'databases', 'neo4j'))).toBe(false);
  });

  it('refuses --bulk with --dry-run', async () => {
    const both = await runCli('import', [file, '--bulk', '--dry-run'], second.uri);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--dry-run and --bulk exclude each other/);
  });
});

describe('a round trip through JSON', () => {
  const executor = useExecutor(120_000);
  beforeAll(async () => {
    await emptyIt(second.executor);
    await applySchema(second.executor);
  });

  // Other test files write their own nodes (keys with "-test-") meanwhile: counts leave them out.
  const TEST = "CONTAINS '-test-'";
  async function counts(on: Executor) {
    const labels = await on.read(
      `MATCH (n) WHERE NOT n.key ${TEST} RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS name, count(*) AS count ORDER BY name`,
    );
    const types = await on.read(
      `MATCH (a)-[r]->(b) WHERE NOT a.key ${TEST} AND NOT b.key ${TEST} AND NOT coalesce(r.sourceKey, '') ${TEST}
       RETURN type(r) AS name, count(*) AS count ORDER BY name`,
    );
    return { labels, types };
  }

  function withoutTestData(doc: FactDocument): FactDocument {
    const test = (s: string) => s.includes('-test-');
    return {
      nodes: doc.nodes
        .filter((n) => !test(n.key))
        .map((n) => ({ ...n, evidence: n.evidence.filter((e) => !test(e.source)) })),
      relations: doc.relations.filter((r) => !test(r.from) && !test(r.to) && !test(r.evidence.source)),
    };
  }

  it('exports the whole graph as JSON that an empty Neo4j imports into the same graph', {
    timeout: 120_000,
  }, async () => {
    const exported = await runCli('export', ['--format', 'json']);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(
      /Exported the whole graph: \d+ nodes and \d+ relations as json to stdout/,
    );
    const expected = await counts(executor);
    const document = withoutTestData(factDocumentSchema.parse(JSON.parse(exported.stdout)) as FactDocument);
    const dump = path.join(workDir, 'whole.json');
    writeFileSync(dump, JSON.stringify(document));

    const run = await runCli('import', [dump], second.uri);
    expect(run.stderr.split('\n').filter((l) => l && !/^importing: /.test(l))).toEqual([]);
    expect(run.code).toBe(0);
    const totals = importSummary(run.stdout);
    expect(totals.nodes[0]).toBe(document.nodes.length);
    expect(totals.relations[0]).toBe(document.relations.length);

    const actual = await counts(second.executor);
    expect(actual.labels).toEqual(expected.labels);
    expect(actual.types).toEqual(expected.types);
    expect(actual.types.find((t) => t.name === 'SOURCED_FROM')?.count).toBeGreaterThan(600);
  });
});
