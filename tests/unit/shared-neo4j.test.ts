/**
 * How graph files learn of the shared Neo4j (tests/support/shared-neo4j.ts): they wait for the global
 * setup's announcement, get its connection, and fail with its error (the three ways to get a Neo4j)
 * when there is none, instead of running against nothing or hanging.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { announce, awaitSharedNeo4j } from '../support/shared-neo4j.ts';

const folder = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-shared-neo4j-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const connection = { uri: 'bolt://127.0.0.1:7687', user: 'neo4j', password: undefined, database: 'neo4j' };

describe('the shared Neo4j announcement', () => {
  it('holds a graph file back until the setup announces the Neo4j, then gives its connection', async () => {
    const file = path.join(folder, 'later.json');
    let answered = false;
    const waiting = awaitSharedNeo4j(file).then((c) => {
      answered = true;
      return c;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    announce(file, { connection });
    expect(await waiting).toEqual({ uri: connection.uri, user: 'neo4j', database: 'neo4j' });
  });

  it("fails with the setup's own error when there is no Neo4j", async () => {
    const file = path.join(folder, 'none.json');
    announce(file, { error: 'No Neo4j could be reached. Give hitech-kg one of these: …' });
    await expect(awaitSharedNeo4j(file)).rejects.toThrow(/^No Neo4j could be reached/);
  });

  it('fails, naming the file, when nothing is announced within the bound', async () => {
    await expect(awaitSharedNeo4j(path.join(folder, 'never.json'), 200)).rejects.toThrow(/never\.json/);
  });
});
