/**
 * The seed of an empty store (src/graph/seed.ts: the schema first, in one transaction, then the bulk
 * load of data/generated/seed-facts.json in one) makes the same graph as the facts built from data/
 * now; and a start on a store that has everything does no schema or
 * migration work beyond its checks. On a second, empty Neo4j of this file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bulkLoadFacts } from '../../src/graph/bulk-loader.ts';
import { migrateEntityKeys } from '../../src/graph/key-migration.ts';
import { prepareStore } from '../../src/graph/prepare-store.ts';
import { buildSeedFacts, isEmpty, seed } from '../../src/graph/seed.ts';
import { applySchema, schemaName, schemaStatements } from '../../src/neo4j/cypher-files.ts';
import type { Executor } from '../../src/neo4j/executor.ts';
import { type GraphSnapshot, graphSnapshot } from '../support/graph-snapshot.ts';
import { useEmptyNeo4j } from '../support/neo4j.ts';

const second = useEmptyNeo4j('seed', 120_000);

async function emptyIt(on: Executor): Promise<void> {
  await on.write('MATCH (n) DETACH DELETE n');
  for (const row of await on.read('SHOW CONSTRAINTS YIELD name RETURN name'))
    await on.write(`DROP CONSTRAINT ${String(row.name)}`);
  for (const row of await on.read("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"))
    await on.write(`DROP INDEX ${String(row.name)}`);
}

/** The statements `work` runs. */
async function statementsOf(on: Executor, work: () => Promise<unknown>): Promise<string[]> {
  const queries: string[] = [];
  const off = on.onStatement((event) => queries.push(event.query));
  try {
    await work();
  } finally {
    off();
  }
  return queries;
}

describe('what npm start counts as empty', () => {
  it('is a store with no node at all: one that holds only imported nodes (no zone) is not seeded over', async () => {
    await emptyIt(second.executor);
    expect(await isEmpty(second.executor)).toBe(true);
    await second.executor.write(
      "CREATE (:Technology:Entity {key: 'seed-test-mine', name: 'Chip design (my version)'})",
    );
    expect(await isEmpty(second.executor)).toBe(false);
    await emptyIt(second.executor);
  });
});

describe('seed into an empty store', () => {
  let seeded: GraphSnapshot;
  let queries: string[];
  beforeAll(async () => {
    queries = await statementsOf(second.executor, () => seed(second.executor));
    seeded = await graphSnapshot(second.executor);
  }, 240_000);

  it('creates the schema in one transaction before the load, then the graph by two statements', () => {
    const creates = queries.filter((q) => /^CREATE (CONSTRAINT|INDEX|FULLTEXT)/.test(q));
    expect(creates).toHaveLength(schemaStatements().length);
    const loads = queries.filter((q) => q.startsWith('UNWIND $rows'));
    expect(loads).toHaveLength(2);
    expect(queries.indexOf(loads[0] as string)).toBeGreaterThan(queries.indexOf(creates.at(-1) as string));
    expect(queries.filter((q) => q.includes('db.awaitIndexes'))).toHaveLength(1);
    expect(seeded.schema.map((index) => index.state)).toEqual(seeded.schema.map(() => 'ONLINE'));
  });

  // The bulk path makes the online path's graph (bulk-import.test.ts): compared with the bulk load of the
  // facts built from data/ now, search properties computed, the schema after, this checks the generated
  // file, its precomputed search properties and the schema-first order.
  it('makes the graph and the schema the facts built from data/ make, the schema applied after', async () => {
    expect(seeded.nodes.length).toBeGreaterThan(700);
    expect(seeded.relationships.length).toBeGreaterThan(3000);
    await emptyIt(second.executor);
    await bulkLoadFacts(second.executor, buildSeedFacts());
    await prepareStore(second.executor);
    const built = await graphSnapshot(second.executor);
    expect(seeded.nodes).toEqual(built.nodes);
    expect(seeded.relationships).toEqual(built.relationships);
    expect(seeded.schema).toEqual(built.schema);
  });
});

describe('a start on a store that has its schema', () => {
  const on = () => second.executor;

  it('checks the schema and the key migration, and writes nothing', async () => {
    const queries = await statementsOf(on(), () => prepareStore(on()));
    expect(queries.filter((q) => !/^(SHOW|MATCH)/.test(q.trim()))).toEqual([]);
    expect(queries.length).toBeLessThanOrEqual(4);
  });

  it('creates an index the store lacks, and only that one', async () => {
    await on().write('DROP INDEX place_kind');
    const queries = await statementsOf(on(), () => applySchema(on()));
    expect(queries.filter((q) => q.startsWith('CREATE'))).toEqual(
      schemaStatements().filter((s) => schemaName(s) === 'place_kind'),
    );
    const [row] = await on().read("SHOW INDEXES YIELD name, state WHERE name = 'place_kind' RETURN state");
    expect(row?.state).toBe('ONLINE');
  });

  it('still migrates a node without the Entity label (the quick check does not skip it)', async () => {
    await on().write("CREATE (:Technology {key: 'seed-test-unlabelled', name: 'Unlabelled'})");
    expect(await migrateEntityKeys(on())).toEqual({ labelled: 1, renamed: [] });
    expect(await migrateEntityKeys(on())).toEqual({ labelled: 0, renamed: [] });
  });
});
