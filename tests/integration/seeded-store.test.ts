/**
 * A local Neo4j started on the shipped seeded store (data/generated/seeded-store.br, put in place by
 * placeSeededStore before its JVM starts, as a first `npm start` does) holds exactly the graph and
 * the schema that seed() writes into an empty store: every node, relationship and property, every
 * index and constraint, online. And the fallback: with a stale manifest nothing is put in place, a
 * warn line says what to run, and the store is empty, so that the start seeds it.
 * Two local Neo4j of this file's own, one after the other, each on a new folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareStore } from '../../src/graph/prepare-store.ts';
import { isEmpty, seed } from '../../src/graph/seed.ts';
import { placeSeededStore, type SeededStorePlacement } from '../../src/neo4j/seeded-store.ts';
import { type GraphSnapshot, graphSnapshot } from '../support/graph-snapshot.ts';
import { startScratchNeo4j } from '../support/neo4j.ts';
import { recordingLogger } from '../support/recording-logger.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-seeded-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Snapshot = GraphSnapshot;
let shipped: { placement: SeededStorePlacement; snapshot: Snapshot; prepareWrites: string[] };
let fallback: {
  placement: SeededStorePlacement;
  lines: Record<string, unknown>[];
  emptyAtStart: boolean;
  snapshot: Snapshot;
};

beforeAll(async () => {
  // As a first start on the local Neo4j: the shipped store in place, then the JVM.
  {
    const neo4jDir = path.join(dir, 'shipped', 'neo4j');
    const placement = await placeSeededStore({ neo4jDir, log: recordingLogger().log });
    const { server, executor } = await startScratchNeo4j(neo4jDir, 120_000);
    try {
      const taken = await graphSnapshot(executor);
      // What a start on an existing store would do to it: nothing to migrate, no schema to create.
      const writes: string[] = [];
      const off = executor.onStatement((event) => {
        if (!/^(SHOW|MATCH)/.test(event.query.trim())) writes.push(event.query);
      });
      await prepareStore(executor);
      off();
      shipped = { placement, snapshot: taken, prepareWrites: writes };
    } finally {
      await executor.close();
      await server.stop();
    }
  }
  // A stale manifest: nothing placed; the start finds an empty store and seeds it, as before.
  {
    const neo4jDir = path.join(dir, 'stale', 'neo4j');
    const { log, lines } = recordingLogger();
    const placement = await placeSeededStore({ neo4jDir, log, inputs: () => 'other facts' });
    const { server, executor } = await startScratchNeo4j(neo4jDir, 120_000);
    try {
      const emptyAtStart = await isEmpty(executor);
      await seed(executor);
      fallback = { placement, lines, emptyAtStart, snapshot: await graphSnapshot(executor) };
    } finally {
      await executor.close();
      await server.stop();
    }
  }
}, 900_000);

describe('a Neo4j started on the shipped seeded store', () => {
  it('was put in place before the JVM started', () => {
    expect(shipped.placement).toMatchObject({ placed: true });
  });

  it('holds the graph seed() writes: the same nodes, relationships and properties', () => {
    expect(shipped.snapshot.nodes.length).toBeGreaterThan(700);
    expect(shipped.snapshot.relationships.length).toBeGreaterThan(3000);
    expect(shipped.snapshot.nodes).toEqual(fallback.snapshot.nodes);
    expect(shipped.snapshot.relationships).toEqual(fallback.snapshot.relationships);
  });

  it('has the schema seed() makes, every index online', () => {
    expect(shipped.snapshot.schema).toEqual(fallback.snapshot.schema);
    expect(shipped.snapshot.constraints).toEqual(fallback.snapshot.constraints);
    expect(shipped.snapshot.schema.map((index) => index.state)).toEqual(
      shipped.snapshot.schema.map(() => 'ONLINE'),
    );
  });

  it('needs nothing of a start on an existing store: no migration, no schema statement', () => {
    expect(shipped.prepareWrites).toEqual([]);
  });
});

describe('a first start whose shipped store is stale', () => {
  it('puts nothing in place and says so in a warn line with the fix', () => {
    expect(fallback.placement).toEqual({ placed: false, reason: 'stale' });
    expect(fallback.lines).toHaveLength(1);
    expect(fallback.lines[0]).toMatchObject({ level: 40, fix: 'npm run seed:build' });
  });

  it('finds an empty store, which seed() then fills', () => {
    expect(fallback.emptyAtStart).toBe(true);
    expect(fallback.snapshot.nodes.length).toBeGreaterThan(700);
  });
});
