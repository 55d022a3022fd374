/**
 * Imports into a second, empty Neo4j (one for the file: each JVM start costs seconds of both cores).
 *
 * - `npm run import -- --bulk` (src/graph/bulk-loader.ts) against the online import of the same file:
 *   the seed's fact document (640 nodes, 1,700 relationships, every label and relationship type)
 *   imported both ways must give the same graph — labels, properties, relationships and their
 *   properties, the schema. The bulk path validates like the online one and refuses a database that
 *   holds nodes.
 * - A round trip: `npm run export` of the whole shared graph as JSON, imported into the empty Neo4j,
 *   gives the same graph.
 *
 * Each block starts from an empty database, so that neither depends on what the other left.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FactDocument, factDocumentSchema } from '../../src/graph/facts.ts';
import { seedFacts } from '../../src/graph/seed.ts';
import { applySchema } from '../../src/neo4j/cypher-files.ts';
import type { Executor } from '../../src/neo4j/executor.ts';
import { importSummary, runCli } from '../support/cli.ts';
import { useEmptyNeo4j, useExecutor } from '../support/neo4j.ts';

// The second, empty Neo4j the imports go into.
const second = useEmptyNeo4j('imports', 120_000);
const workDir = second.workDir;

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
  beforeAll(async () => {
    writeFileSync(file, JSON.stringify(seedFacts()));
    await emptyIt(second.executor);
  });

  // Two imports and two command starts, on a busy machine: more than the project's test timeout.
  it('makes the same graph as the online import of the same file', { timeout: 600_000 }, async () => {
    const on = second.executor;
    const bulk = await runCli('import', [file, '--bulk'], second.uri);
    expect(bulk.code, bulk.stderr).toBe(0);
    expect(bulk.stdout).toMatch(/relationships\/s \(bulk\)/);
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
