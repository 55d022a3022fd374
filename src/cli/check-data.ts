/**
 * `npm run check:data`: the data-quality report of the seed (src/graph/data-quality.ts). Prints every
 * check with what it found; exits 1 when an enforced check finds a problem. `-- --graph` also checks
 * the loaded graph (src/graph/quality/model-checks.ts: keys, the timeline, claims), in the Neo4j the
 * server would use (NEO4J_URI, else a container, else the local one), which must hold the seed.
 */
import { fileURLToPath } from 'node:url';
import { formatReport, passed, readRecordedQuotes, runDataChecks } from '../graph/data-quality.ts';
import { modelChecks } from '../graph/quality/model-checks.ts';
import { seedFacts } from '../graph/seed.ts';
import { withNeo4j } from './with-neo4j.ts';

const REFERENCE_DIR = fileURLToPath(new URL('../../data/reference/', import.meta.url));

const results = runDataChecks(seedFacts(), readRecordedQuotes(REFERENCE_DIR));
process.stdout.write(`${formatReport(results)}\n`);
let ok = passed(results);
if (process.argv.includes('--graph')) {
  await withNeo4j(async (executor) => {
    for (const check of await modelChecks(executor)) {
      process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name} [graph]\n`);
      for (const problem of check.problems.slice(0, 20)) process.stdout.write(`       ✗ ${problem}\n`);
      ok &&= check.ok;
    }
    return 0;
  });
}
if (!ok) {
  process.stdout.write('\nData check failed: fix the data (or the check) named above.\n');
  process.exitCode = 1;
}
