/**
 * `npm run bench` as a user runs it, shortened: SF 0.01, three queries, a fraction of a second each.
 * It must provision a Neo4j of its own (never the tests' seeded one), find the three contenders'
 * answers equal, and write its results. The numbers themselves are not judged here (docs/benchmarks.md).
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { TEST_NEO4J_HEAP, TEST_NEO4J_PAGE_CACHE } from '../support/neo4j.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Load {
  requests: number;
  errors: number;
}

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  // No NEO4J_URI: the bench must not load its synthetic graph into the tests' Neo4j. Its own Neo4j runs
  // on the tests' quicker-starting java (quick-java.ts) like the other short-lived ones: this test judges
  // no timing, and the optimising compiler cost seconds of CPU in a JVM that lives about a minute. Its
  // heap is the other test JVMs' (not the bench's 1g), so that it maps their class-data archive instead
  // of recording one of its own (TEST_NEO4J_HEAP); SF 0.01 needs no more.
  const { NEO4J_URI: _uri, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/main.ts', ...args], {
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: 'warn', NEO4J_HEAP: TEST_NEO4J_HEAP, NEO4J_PAGECACHE: TEST_NEO4J_PAGE_CACHE },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

// The timeout only guards against a hang: on a busy machine the bench's own Neo4j alone takes minutes.
it('runs from one command: its own Neo4j, equal answers, results written', { timeout: 600_000 }, async () => {
  const { code, output } = await run([
    ...['--sf', '0.01', '--only', 'lookup,nested,zoneCompanies,neighbourhood'],
    ...['--duration', '0.4', '--warmup', '0.1', '--rounds', '1', '--cold-starts', '1'],
  ]);
  expect(code, output).toBe(0);
  expect(output).toMatch(/provisioning \(store in /);
  expect(output).toMatch(/answers equal on 4 queries: lookup .*; nested .*; zoneCompanies .*; neighbourhood/);
  // The 100-item page is full: the picked zone has more companies than that.
  expect(output).toMatch(/zoneCompanies \(100 rows\)/);
  const written = /wrote (\S+\.json)/.exec(output)?.[1];
  expect(written, output).toBeDefined();
  const file = path.resolve(ROOT, written as string);
  try {
    const results = JSON.parse(readFileSync(file, 'utf8')) as {
      results: { query: string; ours: Load; peer: Load | null; raw: Load; floor: Load }[];
      profiles: { query: string; ours: { dbHits: number }[] }[];
    };
    const queries = results.results.filter((r) => r.query !== 'calibration');
    expect(queries.map((r) => r.query)).toEqual(['lookup', 'nested', 'zoneCompanies', 'neighbourhood']);
    for (const r of queries) {
      for (const load of [r.ours, r.peer, r.raw, r.floor]) {
        expect(load?.requests, r.query).toBeGreaterThan(0);
        expect(load?.errors, r.query).toBe(0);
      }
    }
    // The nested selection is one statement.
    expect(results.profiles.find((p) => p.query === 'nested')?.ours).toHaveLength(1);
  } finally {
    rmSync(file, { force: true });
    rmSync(file.replace(/\.json$/, ''), { recursive: true, force: true });
  }
});
