/**
 * `npm run import -- --bulk` (src/graph/bulk-loader.ts) against the online import of the same file: the
 * seed's fact document (640 nodes, 1,700 relationships, every label and relationship type) imported
 * both ways into a second, empty Neo4j must give the same graph — labels, properties, relationships
 * and their properties, the schema. The bulk path validates like the online one and refuses a database
 * that holds nodes.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { seedFacts } from '../../src/graph/seed.ts';
import type { Executor } from '../../src/neo4j/executor.ts';
import { useEmptyNeo4j } from '../support/neo4j.ts';
import { ROOT } from '../support/server-process.ts';

const shared = inject('neo4j');
// The second, empty Neo4j both imports go into.
const second = useEmptyNeo4j('bulk', 120_000);
const workDir = second.workDir;

/** `npm run import -- <args>` on the Neo4j at `uri`. */
function importCommand(
  args: string[],
  uri: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && !name.startsWith('NEO4J_')) env[name] = value;
  Object.assign(env, {
    NEO4J_PROVIDER: 'uri',
    NEO4J_URI: uri,
    NEO4J_USER: shared.user,
    NEO4J_DATABASE: shared.database,
    LOG_LEVEL: 'warn',
  });
  if (shared.password !== undefined && uri === shared.uri) env.NEO4J_PASSWORD = shared.password;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...args], {
    cwd: ROOT,
    env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** JSON with object keys sorted, so that equal maps print alike. */
const stable = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** The whole graph as sorted lines, and the schema's names. */
async function snapshot(on: Executor) {
  const nodes = await on.read('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props');
  const relationships = await on.read(
    `MATCH (a)-[r]->(b) RETURN type(r) AS type, labels(a)[0] + ':' + a.key AS from,
     labels(b)[0] + ':' + b.key AS to, properties(r) AS props`,
  );
  const schema = await on.read(
    "SHOW INDEXES YIELD name, type, labelsOrTypes, properties WHERE type <> 'LOOKUP' RETURN name ORDER BY name",
  );
  return {
    nodes: nodes.map(stable).sort(),
    relationships: relationships.map(stable).sort(),
    schema: schema.map((r) => r.name),
  };
}

async function emptyIt(on: Executor): Promise<void> {
  await on.write('MATCH ()-[r]->() DELETE r');
  await on.write('MATCH (n) DELETE n');
}

describe('npm run import -- --bulk', () => {
  const file = path.join(workDir, 'seed.json');
  beforeAll(() => writeFileSync(file, JSON.stringify(seedFacts())));

  // Two imports and two command starts, on a busy machine: more than the project's test timeout.
  it('makes the same graph as the online import of the same file', { timeout: 600_000 }, async () => {
    const on = second.executor;
    const bulk = await importCommand([file, '--bulk'], second.uri);
    expect(bulk.code, bulk.stderr).toBe(0);
    expect(bulk.stdout).toMatch(/relationships\/s \(bulk\)/);
    const viaBulk = await snapshot(on);
    expect(viaBulk.nodes.length).toBeGreaterThan(600);
    expect(viaBulk.relationships.length).toBeGreaterThan(1500);

    await emptyIt(on);
    const online = await importCommand([file], second.uri);
    expect(online.code, online.stderr).toBe(0);
    const viaOnline = await snapshot(on);
    expect(viaBulk.nodes).toEqual(viaOnline.nodes);
    expect(viaBulk.relationships).toEqual(viaOnline.relationships);
    expect(viaBulk.schema).toEqual(viaOnline.schema);
    // The summaries agree too: everything created.
    const lines = (out: string) => out.split('\n').filter((l) => /^(nodes|evidence|relations) /.test(l));
    expect(lines(bulk.stdout)).toEqual(lines(online.stdout));
  });

  it('refuses a database that holds nodes, and writes nothing', async () => {
    const refused = await importCommand([file, '--bulk'], shared.uri);
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
    const refused = await importCommand([bad, '--bulk'], second.uri);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nothing was written/);
    const [row] = await on.read('MATCH (n) RETURN count(n) AS n');
    expect(Number(row?.n)).toBe(0);
  });

  it('refuses --bulk with --dry-run', async () => {
    const both = await importCommand([file, '--bulk', '--dry-run'], second.uri);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--dry-run and --bulk exclude each other/);
  });
});
