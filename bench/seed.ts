/**
 * `npm run bench:seed [-- --runs 3] [--baseline <checkout>]`: seed() into an empty database, each
 * statement timed; then what a start on the seeded store runs before serving (`isEmpty`, then
 * `prepareStore`: key migration and schema), each time on the Neo4j restarted. On a local Neo4j of its own (a temporary folder, deleted after; JAVA_HOME as the
 * server's): the first run on the Neo4j started moments before (every plan cold, as `npm run bench`
 * measures it), then again after deleting everything — nodes, constraints, indexes — and clearing the
 * query caches. With `--baseline`, the seed of another checkout of the project (its own
 * node_modules) runs in turn with this one's, on the same Neo4j, so that both see the same load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import type { Executor, StatementEvent } from '../src/neo4j/executor.ts';
import { startScratchNeo4j } from '../src/neo4j/scratch-neo4j.ts';
import { wipe } from './database.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, baseline: { type: 'string' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a whole number ≥ 1, not ${values.runs}`);
const here = path.resolve(import.meta.dirname, '..');
const checkouts = values.baseline ? [path.resolve(values.baseline), here] : [here];

type Seed = (executor: Executor) => Promise<{ nodes: { created: number } }>;
const seeds = new Map<string, Seed>();
for (const root of checkouts) seeds.set(root, (await import(path.join(root, 'src/graph/seed.ts'))).seed);

type Prepare = (executor: Executor) => Promise<unknown>;
type IsEmpty = (executor: Executor) => Promise<boolean>;
const starts = new Map<string, { prepareStore: Prepare; isEmpty: IsEmpty }>();
for (const root of checkouts) {
  const { prepareStore } = await import(path.join(root, 'src/graph/prepare-store.ts'));
  const { isEmpty } = await import(path.join(root, 'src/graph/seed.ts'));
  starts.set(root, { prepareStore, isEmpty });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-bench-seed-'));
const startNeo4j = () =>
  startScratchNeo4j({
    dataDir: path.join(dir, 'neo4j'),
    heap: '512m',
    pageCache: '256m',
    startupTimeoutMs: 300_000,
    log: createLogger('warn', 'stderr'),
    javaHome: loadConfig().neo4j.javaHome,
    environment: process.env,
    queryTimeoutMs: 300_000,
  });
let { server, executor } = await startNeo4j();
const short = (query: string) => query.replace(/\s+/g, ' ').slice(0, 60);
try {
  // As `npm run bench` does before its seed: one query, so that the first run is not the JVM's very first.
  await executor.read("CALL dbms.components() YIELD name WHERE name = 'Neo4j Kernel' RETURN name");
  for (let run = 1; run <= runs; run++) {
    // Turns alternate who goes first; only the very first seed meets a cold Neo4j.
    for (const root of run % 2 ? checkouts : [...checkouts].reverse()) {
      if (run > 1 || root !== checkouts[0]) {
        await wipe(executor, true);
        await executor.write('CALL db.clearQueryCaches()');
      }
      const events: StatementEvent[] = [];
      const off = executor.onStatement((event) => events.push(event));
      const load = os.loadavg()[0]?.toFixed(1);
      const started = performance.now();
      const summary = await (seeds.get(root) as Seed)(executor);
      const ms = performance.now() - started;
      off();
      const inStatements = events.reduce((sum, e) => sum + e.ms, 0);
      process.stdout.write(
        `run ${run} ${path.basename(root)}: seed() ${Math.round(ms)} ms (load ${load}; ${events.length} statements, ` +
          `${Math.round(inStatements)} ms in them; ${summary.nodes.created} nodes)\n`,
      );
      for (const e of [...events].sort((a, b) => b.ms - a.ms).slice(0, 4))
        process.stdout.write(`    ${String(Math.round(e.ms)).padStart(6)} ms  ${short(e.query)}\n`);
    }
  }
  // A start on the seeded store, as src/main.ts runs it before serving, each on Neo4j just restarted.
  for (let run = 1; run <= runs; run++) {
    for (const root of checkouts) {
      await executor.close();
      await server.stop();
      ({ server, executor } = await startNeo4j());
      const { isEmpty, prepareStore } = starts.get(root) as { prepareStore: Prepare; isEmpty: IsEmpty };
      let statements = 0;
      const off = executor.onStatement(() => statements++);
      const load = os.loadavg()[0]?.toFixed(1);
      const started = performance.now();
      await isEmpty(executor);
      const checked = performance.now();
      await prepareStore(executor);
      const ms = performance.now() - checked;
      off();
      process.stdout.write(
        `start ${run} ${path.basename(root)}: isEmpty ${Math.round(checked - started)} ms (the first statement ` +
          `after the restart), prepareStore ${Math.round(ms)} ms (load ${load}; ${statements} statements in all)\n`,
      );
    }
  }
} finally {
  await executor.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
