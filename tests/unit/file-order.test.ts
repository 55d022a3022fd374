/**
 * The start order of the test files (tests/support/file-order.ts): the files said to have a Neo4j of
 * their own are not held back until the shared one is ready, so they must never use it; every file
 * named exists (a renamed file would silently lose its place); and the tiers come in their order.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWN_NEO4J_FILES, SLOW_FILES, startOrder, usesSharedNeo4j } from '../support/file-order.ts';
import { ROOT } from '../support/server-process.ts';

/** What reaches the shared Neo4j from a test file (tests/support/*, tests/clients/server.ts). */
const SHARED_NEO4J_HELPERS = /\b(sharedNeo4j|useExecutor|runCli|useServer|testApp)\b/;

describe('the start order of the test files', () => {
  it('names only files that exist', () => {
    for (const file of [...OWN_NEO4J_FILES, ...SLOW_FILES])
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
  });

  it('lists as having a Neo4j of their own only files that never reach the shared one', () => {
    for (const file of OWN_NEO4J_FILES) {
      expect(readFileSync(path.join(ROOT, file), 'utf8'), file).not.toMatch(SHARED_NEO4J_HELPERS);
      expect(usesSharedNeo4j(file)).toBe(false);
      expect(usesSharedNeo4j(path.join(ROOT, file))).toBe(false);
    }
    expect(usesSharedNeo4j('tests/e2e/explorer.test.ts')).toBe(true);
  });

  it('starts the files with a Neo4j of their own, then the unit files, then the rest, each slowest first', () => {
    const files: [string, string][] = [
      ['tests/integration/api/lists.test.ts', 'graph'],
      ['tests/unit/lookup.test.ts', 'unit'],
      ['tests/integration/seed.test.ts', 'graph'],
      ['tests/e2e/explorer.test.ts', 'graph'],
      [path.join(ROOT, 'tests/e2e/attacks/faults.test.ts'), 'graph'],
      ['tests/integration/lookup.test.ts', 'graph'],
    ];
    const order = files
      .map(([file, project]) => ({ file: path.basename(file), at: startOrder(file, project) }))
      .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1])
      .map(({ file }) => file);
    expect(order).toEqual([
      'faults.test.ts',
      'seed.test.ts',
      'lookup.test.ts', // the unit file
      'explorer.test.ts',
      'lists.test.ts',
      'lookup.test.ts', // the graph file, not among the slow ones
    ]);
  });
});
