import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadNamedQueries,
  NamedQueryError,
  QUERIES_DIR,
  QUERY_NAMES,
} from '../../src/neo4j/named-queries.ts';

describe('named Cypher queries', () => {
  it('lists exactly the files under cypher/queries', () => {
    const files = readdirSync(QUERIES_DIR)
      .filter((f) => f.endsWith('.cypher'))
      .map((f) => f.slice(0, -'.cypher'.length))
      .sort();
    expect([...QUERY_NAMES].sort()).toEqual(files);
  });

  it('loads every one as a single statement', () => {
    const queries = loadNamedQueries();
    expect([...queries.keys()].sort()).toEqual([...QUERY_NAMES].sort());
    for (const statement of queries.values()) expect(statement).toMatch(/RETURN/i);
  });

  it('refuses a folder with a missing or malformed file, naming every one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'queries-'));
    writeFileSync(path.join(dir, 'search.cypher'), 'RETURN 1;\nRETURN 2;\n');
    expect(() => loadNamedQueries(dir)).toThrow(NamedQueryError);
    try {
      loadNamedQueries(dir);
    } catch (error) {
      const problems = (error as NamedQueryError).problems;
      expect(problems).toHaveLength(QUERY_NAMES.length);
      expect(problems.join('\n')).toMatch(/search\.cypher must hold exactly one statement \(it holds 2\)/);
      expect(problems.join('\n')).toMatch(/timeline\.cypher is missing/);
    }
  });
});
