/**
 * `npm run check:data`: the data-quality report of the seed (src/graph/data-quality.ts). Prints every
 * check with what it found; exits 1 when an enforced check finds a problem.
 */
import { fileURLToPath } from 'node:url';
import { formatReport, passed, readRecordedQuotes, runDataChecks } from '../graph/data-quality.ts';
import { seedFacts } from '../graph/seed.ts';

const REFERENCE_DIR = fileURLToPath(new URL('../../data/reference/', import.meta.url));

const results = runDataChecks(seedFacts(), readRecordedQuotes(REFERENCE_DIR));
process.stdout.write(`${formatReport(results)}\n`);
if (!passed(results)) {
  process.stdout.write('\nData check failed: fix the data (or the check) named above.\n');
  process.exitCode = 1;
}
